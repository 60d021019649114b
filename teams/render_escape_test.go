package teams

import "testing"

func TestMDEscapeShowsOutsideTextLiterally(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<at>x</at>", "&lt;at&gt;x&lt;/at&gt;"},
		{"<!channel> & co", "&lt;!channel&gt; &amp; co"},
		{"**Boss**", "&#42;&#42;Boss&#42;&#42;"},
		{"_i_ `c` ~s~", "&#95;i&#95; &#96;c&#96; &#126;s&#126;"},
		{"[x](http://e.vil)", "&#91;x&#93;(http://e.vil)"},
		{"# title", "&#35; title"},
		{`back\slash`, "back&#92;slash"},
		{"- item", "&#45; item"},
		{"  + item", "  &#43; item"},
		{"1. first\n2) second", "1&#46; first\n2&#41; second"},
		{"a - b 1. c", "a - b 1. c"},
		{"3.5 million", "3.5 million"},
		{"+49 30 1234", "+49 30 1234"},
		{"-5% churn", "-5% churn"},
		{"-", "&#45;"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCardEscapeShowsOutsideTextLiterally(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"**Boss**", `\*\*Boss\*\*`},
		{"_i_", `\_i\_`},
		{"[x](http://e.vil)", `\[x\](http://e.vil)`},
		{"# title", `\# title`},
		{`back\slash`, `back\\slash`},
		{"- item", `\- item`},
		{"1. first\n 22) second", "1\\. first\n 22\\) second"},
		{"a - b 1. c", "a - b 1. c"},
		{"+49 30 1234", "+49 30 1234"},
		{"<at>x</at>", "<at>x</at>"}, // no mention without an entity: shown as typed
		{"", ""},
	}
	for _, tt := range tests {
		if got := cardEscape(tt.in); got != tt.want {
			t.Errorf("cardEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNamesOfFallsBackToSomeoneForUnknownUsers(t *testing.T) {
	const id = "00000000-0000-0000-0000-0000000000aa"
	names := Names(func(string) string { return "" })
	if got := names.of(id); got != "someone" {
		t.Errorf("unknown user = %q, want someone", got)
	}
	if got := Names(nil).of(id); got != "someone" {
		t.Errorf("no names = %q, want someone", got)
	}
	if got := names.of("crm"); got != "crm" {
		t.Errorf("system actor = %q, want crm", got)
	}
	if got := Names(func(string) string { return "Ada" }).of(id); got != "Ada" {
		t.Errorf("known user = %q, want Ada", got)
	}
}
