package teams

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCardCutNeverSplitsABackslashEscapeAndKeepsTheLimit(t *testing.T) {
	cases := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{cardEscape("**"), 4, `\*\*`},
		{cardEscape("**"), 3, `\*…`},
		{cardEscape("a**"), 3, `a…`}, // not "a\…", which would escape the ellipsis
		{"😀😀😀", 2, "😀…"},
	}
	for _, c := range cases {
		got := cardCut(c.in, c.limit)
		if got != c.want {
			t.Errorf("cardCut(%q, %d) = %q, want %q", c.in, c.limit, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > c.limit {
			t.Errorf("cardCut(%q, %d) has %d characters", c.in, c.limit, n)
		}
	}
	escaped := cardEscape(strings.Repeat(`*_\[é😀<&>`, 400))
	for limit := 1; limit < 60; limit++ {
		body := strings.TrimSuffix(cardCut(escaped, limit), "…")
		if trailing := len(body) - len(strings.TrimRight(body, `\`)); trailing%2 == 1 {
			t.Fatalf("limit %d: a lone backslash ends %q", limit, body)
		}
	}
}
