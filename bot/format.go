package bot

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/armistice/armistice"
)

// number writes a count or amount with thousands separators: 12,345.
func number(v float64) string {
	n := int64(math.Round(v))
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// metricValue writes a metric's value: a rate as a percentage.
func metricValue(m armistice.MetricInfo, v float64) string {
	if m.Rate {
		return fmt.Sprintf("%.1f%%", v)
	}
	return number(v)
}

// percent writes part/whole as a percentage, or "–" without a whole.
func percent(part, whole int64) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", float64(part)/float64(whole)*100)
}
