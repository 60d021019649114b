package teams

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/armistice/armistice"
)

// Names gives the display name of a Teams user from their Entra object ID,
// or "" when it is not known.
type Names func(id string) string

// of is how a person or an actor is called in what the bot shows: the
// user's display name, "someone" for a user whose name is not known, and
// system actors ("api", "crm", "armistice"…) as they are. Unescaped.
func (n Names) of(id string) string {
	if n != nil && id != "" {
		if name := strings.TrimSpace(n(id)); name != "" {
			return name
		}
	}
	if _, user := armistice.UserPlatform(id); user || id == "" {
		return "someone"
	}
	return id
}

// formatNumber writes a count or an amount with thousands separators:
// 12,345.
func formatNumber(v float64) string {
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

// formatCount writes a count with thousands separators.
func formatCount(n int64) string { return formatNumber(float64(n)) }

// formatMetric writes a metric's value: a rate as a percentage, anything
// else as a number.
func formatMetric(m armistice.MetricInfo, v float64) string {
	if m.Rate {
		return fmt.Sprintf("%.1f%%", v)
	}
	return formatNumber(v)
}

// formatPercent writes part/whole as a percentage, or "–" without a whole.
func formatPercent(part, whole int64) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", float64(part)/float64(whole)*100)
}

// formatBusinessTime writes a span of business time for people: "45m",
// "3h 05m".
func formatBusinessTime(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}

// truncateRunes cuts s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// countOf writes "1 insight", "3 insights".
func countOf(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// zoneOr is the zone to show times in: UTC when none is given.
func zoneOr(z *time.Location) *time.Location {
	if z == nil {
		return time.UTC
	}
	return z
}

// leadLabel is what a lead is called: its name, else its email, else its
// external ID. Unescaped; an erased lead is handled by the callers.
func leadLabel(l armistice.Lead) string {
	for _, s := range []string{l.Name, l.Email, l.ExternalID} {
		if s != "" {
			return s
		}
	}
	return ""
}

// safeLink tells whether a URL from outside may be shown as a link: http or
// https, with nothing that could end the link's markdown early.
func safeLink(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) &&
		!strings.ContainsAny(u, " \t\r\n<>()[]\"'`|\\")
}
