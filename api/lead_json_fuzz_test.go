package api

import (
	"bytes"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/armistice/armistice/handlers"
)

// FuzzDecodeLeads feeds arbitrary bodies to the intake decoder: it must
// never panic, and whatever it reads without a field error either passes
// validation or is named by it.
func FuzzDecodeLeads(f *testing.F) {
	for _, seed := range []string{
		`{"external_id":"a","email":"a@example.com","score":50}`,
		`[{"external_id":"a","name":"A","company":"B"},{"external_id":"b","email":"x"}]`,
		`{"external_id":12,"score":"77","fields":{"k":"v","n":1,"b":true}}`,
		`{"external_id":"<!channel>","name":"\u0000","company":"'; DROP TABLE leads;--"}`,
		`[]`, `{}`, `null`, `[1,2]`, `{"fields":[]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		leads, _, fieldErrs, err := decodeLeads(body)
		if err != nil || len(fieldErrs) > 0 {
			return
		}
		for field, msg := range handlers.ValidateLeads(leads) {
			if field == "" || msg == "" {
				t.Fatalf("a field error without a name or message: %q %q", field, msg)
			}
		}
		for _, l := range leads {
			if len(l.Validate()) == 0 && l.ExternalID == "" {
				t.Fatalf("a lead without external_id passed validation: %+v", l)
			}
		}
	})
}

// FuzzReadString checks the decoder's own reading of strings against
// jsontext's: the same text for every JSON string, escapes and invalid
// UTF-8 included.
func FuzzReadString(f *testing.F) {
	for _, seed := range []string{`"plain"`, `"esc\"aped\\n\u00e9"`, "\"a\xffb\"", `"東京 — Zürich"`, `""`, `"\ud800"`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		opts := []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}
		ref := jsontext.NewDecoder(bytes.NewReader(body), opts...)
		if ref.PeekKind() != '"' {
			return
		}
		tok, err := ref.ReadToken()
		if err != nil {
			return
		}
		got, err := readString(jsontext.NewDecoder(bytes.NewReader(body), opts...))
		if err != nil {
			t.Fatalf("%q: jsontext reads %q, readString fails: %v", body, tok.String(), err)
		}
		if got != tok.String() {
			t.Fatalf("%q: readString %q, jsontext %q", body, got, tok.String())
		}
	})
}
