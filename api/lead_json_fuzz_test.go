package api

import (
	"bytes"
	"maps"
	"reflect"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/armistice/armistice/handlers"
)

// FuzzDecodeLeads feeds arbitrary bodies to the intake decoder: it must
// never panic, it must read every body as the reference decoder on
// jsontext does (the same leads and field errors, the same bodies
// refused), and whatever it reads without a field error either passes
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
		leads, isArray, fieldErrs, err := decodeLeads(body)
		refLeads, refIsArray, refErrs, refErr := refDecodeLeads(body)
		if (err == nil) != (refErr == nil) {
			t.Fatalf("%q: decodeLeads %v, the reference %v", body, err, refErr)
		}
		if err == nil && (isArray != refIsArray || !reflect.DeepEqual(leads, refLeads) || !maps.Equal(fieldErrs, refErrs)) {
			t.Fatalf("%q: decodeLeads %v %+v %q\nthe reference %v %+v %q", body, isArray, leads, fieldErrs, refIsArray, refLeads, refErrs)
		}
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
// UTF-8 included, and the same strings refused.
func FuzzReadString(f *testing.F) {
	for _, seed := range []string{`"plain"`, `"esc\"aped\\n\u00e9"`, "\"a\xffb\"", `"東京 — Zürich"`, `""`, `"\ud800"`, `"\ud83d\ude00\ud800\u0041"`, "\"tab\there\""} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) == 0 || body[0] != '"' {
			return
		}
		opts := []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}
		dec := jsontext.NewDecoder(bytes.NewReader(body), opts...)
		tok, refErr := dec.ReadToken()
		r := &leadReader{s: string(body)}
		got, err := r.str()
		if (err == nil) != (refErr == nil) {
			t.Fatalf("%q: str %q, %v; jsontext %v", body, got, err, refErr)
		}
		if err == nil && (got != tok.String() || int64(r.i) != dec.InputOffset()) {
			t.Fatalf("%q: str %q up to byte %d, jsontext %q up to byte %d", body, got, r.i, tok.String(), dec.InputOffset())
		}
	})
}
