package armistice

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// How numbers, spans and long texts read in every chat; each adapter adds
// its own markup around them.

// FormatNumber writes a count or an amount with thousands separators:
// 12,345.
func FormatNumber(v float64) string {
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

// FormatMetric writes a metric's value: a rate as a percentage, anything
// else as a number.
func FormatMetric(m MetricInfo, v float64) string {
	if m.Rate {
		return fmt.Sprintf("%.1f%%", v)
	}
	return FormatNumber(v)
}

// FormatPercent writes part/whole as a percentage, or "–" without a whole.
func FormatPercent(part, whole int64) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", float64(part)/float64(whole)*100)
}

// FormatBusinessTime writes a span of business time: "45m", "3h 05m".
func FormatBusinessTime(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}

// Truncate cuts s to at most n runes, marking the cut with "…".
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Standing writes where a metric stands after its actual value: against
// its goal, with pace ("of 210 (57%) — on pace (150 expected by now)").
func (p Progress) Standing() string {
	if !p.HasGoal {
		return " (no goal set)"
	}
	line := fmt.Sprintf(" of %s (%.0f%%)", FormatMetric(p.MetricInfo, p.Target), p.Percent)
	switch {
	case p.Rate && p.OnPace:
		return line + " — on target"
	case p.Rate:
		return line + " — below target"
	case p.Actual >= p.Target:
		return line + " — made it 🎉"
	case p.OnPace:
		return line + fmt.Sprintf(" — on pace (%s expected by now)", FormatMetric(p.MetricInfo, p.Expected))
	}
	return line + fmt.Sprintf(" — behind pace: %s expected by now, %s a working day needed",
		FormatMetric(p.MetricInfo, p.Expected), FormatMetric(p.MetricInfo, p.PerDayNeeded))
}
