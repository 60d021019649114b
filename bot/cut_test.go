package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutNeverSplitsAnEntityOrATokenAndKeepsTheLimit(t *testing.T) {
	cases := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{escape("<<<<"), 16, "&lt;&lt;&lt;&lt;"},           // exactly the limit: kept whole
		{escape("<<<<"), 15, "&lt;&lt;&lt;…"},              // the fourth entity does not fit with "…"
		{escape("a&b"), 6, "a…"},                           // "&amp;" is not split
		{"<@U0REP00001> wins", 10, "…"},                    // a mention is not split
		{"hi <@U0REP00001> wins", 17, "hi <@U0REP00001>…"}, // nor left out when it fits
		{"😀😀😀", 4, "😀…"},                                   // an emoji counts two, as in UTF-16
		{"word   " + strings.Repeat("x", 10), 8, "word…"},  // no blank before "…"
	}
	for _, c := range cases {
		got := cut(c.in, c.limit)
		if got != c.want {
			t.Errorf("cut(%q, %d) = %q, want %q", c.in, c.limit, got, c.want)
		}
		if width(got) > c.limit {
			t.Errorf("cut(%q, %d) is %d wide", c.in, c.limit, width(got))
		}
	}
}

func TestCutOfTheWorstEscapedTextStaysWhole(t *testing.T) {
	raw := strings.Repeat("<&>é漢😀<!channel>", 500)
	for _, limit := range []int{1, 2, 5, 99, 2800, 3000} {
		got := cut(escape(raw), limit)
		if width(got) > limit || !utf8.ValidString(got) {
			t.Fatalf("limit %d: %d wide, valid UTF-8 %v", limit, width(got), utf8.ValidString(got))
		}
		body := strings.TrimSuffix(got, "…")
		// What is left reads back as a prefix of the raw text: no entity
		// was split, and no raw < or > came through.
		if strings.ContainsAny(body, "<>") {
			t.Fatalf("limit %d: a raw angle bracket in %q", limit, body)
		}
		unescaped := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(body)
		if !strings.HasPrefix(raw, unescaped) {
			t.Fatalf("limit %d: %q is not a prefix of the text", limit, unescaped)
		}
	}
}
