package armistice

import (
	"strings"
	"testing"
)

func TestValidPersonaSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"cfo": true, "head-of-it": true, "ops_lead": true, "a": true, "0x": true, strings.Repeat("a", 64): true,
		"": false, "-cfo": false, "_cfo": false, "CFO": false, "cfo!": false, "café": false, "head of it": false,
		strings.Repeat("a", 65): false, "cfo\n": false,
	} {
		if got := ValidPersonaSlug(s); got != want {
			t.Errorf("ValidPersonaSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

// A valid lead has no errors at all (nil), and each bad field is named.
func TestValidateNamesEachBadField(t *testing.T) {
	score := 101
	good := Lead{ExternalID: "hs-1", Email: "ana@acme.example", Persona: "cfo", CRMURL: "https://crm.example/1", Fields: map[string]string{"utm": "q4"}}
	if errs := good.Validate(); errs != nil {
		t.Fatalf("a valid lead: %v", errs)
	}
	bad := Lead{ExternalID: "hs-2", Email: "not an email", Score: &score, Persona: "-x", CRMURL: "ftp://x", Title: strings.Repeat("t", MaxTextLen+1)}
	errs := bad.Validate()
	for _, f := range []string{"email", "score", "persona", "crm_url", "title"} {
		if errs[f] == "" {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
	if len(errs) != 5 {
		t.Errorf("errors %v; want the five bad fields alone", errs)
	}
}
