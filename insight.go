package armistice

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxInsightLen bounds an insight's text.
const MaxInsightLen = 3000

// Teams an insight's author belongs to, from channel membership.
const (
	InsightSales     = "sales"
	InsightMarketing = "marketing"
	InsightBoth      = "both"
	InsightNeither   = "neither"
)

// InsightTeam names the team of an author who is, or is not, in the sales
// and marketing channels.
func InsightTeam(sales, marketing bool) string {
	switch {
	case sales && marketing:
		return InsightBoth
	case sales:
		return InsightSales
	case marketing:
		return InsightMarketing
	}
	return InsightNeither
}

// CheckInsightText returns what is wrong with an insight's text, or "".
func CheckInsightText(text string) string {
	n := utf8.RuneCountInString(strings.TrimSpace(text))
	switch {
	case n == 0:
		return "write what you learned"
	case n > MaxInsightLen:
		return fmt.Sprintf("at most %d characters; this is %d", MaxInsightLen, n)
	}
	return ""
}

// ParseTags reads comma-separated tags, trimmed and lowercased, without
// empties or repeats; at most ten.
func ParseTags(s string) []string {
	var tags []string
	seen := map[string]bool{}
	for t := range strings.SplitSeq(s, ",") {
		t = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#")))
		if t != "" && !seen[t] && len(tags) < 10 && utf8.RuneCountInString(t) <= 40 {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	return tags
}

// Hashtags are the #tags of a quick insight's text, parsed as tags.
func Hashtags(text string) []string {
	var tags []string
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "#") && len(w) > 1 {
			tags = append(tags, strings.Trim(w, "#.,;:!?"))
		}
	}
	return ParseTags(strings.Join(tags, ","))
}

// Persona is a buyer persona and how many insights it has.
type Persona struct {
	Slug        string
	Name        string
	Description string
	Insights    int64
}

// Insight is something a team learned about a persona.
type Insight struct {
	ID        int64
	Persona   string
	Author    string
	Team      string // sales, marketing, both, neither
	Body      string
	Tags      []string
	Permalink string
	CreatedAt time.Time
}
