package bot

import "testing"

func TestCommandLineReadsSlacksEscapesBack(t *testing.T) {
	for text, want := range map[string]string{
		"forget <mailto:ana@example.com|ana@example.com>":        "forget ana@example.com",
		"forget <mailto:ana@example.com>":                        "forget ana@example.com",
		"route add region=EMEA channel=<#C0EMEA0001|sales-emea>": "route add region=EMEA channel=C0EMEA0001",
		"route add region=EMEA channel=<#C0EMEA0001>":            "route add region=EMEA channel=C0EMEA0001",
		"insight cfo Q1 &amp; Q3, not &lt;b&gt;":                 "insight cfo Q1 & Q3, not <b>",
		"goals 2026-11":                                          "goals 2026-11",
	} {
		if got := commandLine(text); got != want {
			t.Errorf("commandLine(%q) = %q, want %q", text, got, want)
		}
	}
}
