package api

import (
	"testing"
)

// A body that is not JSON is refused with where it stops being JSON, in
// bytes from the start of the body as sent.
func TestDecodeLeadsSaysWhereTheBodyStopsBeingJSON(t *testing.T) {
	for body, want := range map[string]string{
		`{"external_id": x}`:                     `the body is not valid JSON: invalid character 'x' at byte 16`,
		"\n  {\"external_id\": x}":               `the body is not valid JSON: invalid character 'x' at byte 19`,
		`[{"external_id": "a"} {"external_id"}]`: `the body is not valid JSON: invalid character '{' at byte 22`,
		`{"name": "tab	inside"}`:                 `the body is not valid JSON: control character '\t' in a string at byte 13`,
		`{"name": "bad \q escape"}`:              `the body is not valid JSON: invalid escape "\\q" in a string at byte 14`,
		`{"name": "\u12G4"}`:                     `the body is not valid JSON: invalid \u escape at byte 10`,
		`{"name": "unterminated`:                 `the body is not valid JSON: unexpected end of the body`,
		`{"score": tru}`:                         `the body is not valid JSON: invalid character '}' at byte 13`,
		`{"external_id": "a"} {}`:                `the body is not valid JSON: invalid character '{' at byte 21`,
	} {
		_, _, _, err := decodeLeads([]byte(body))
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v\nwant %s", body, err, want)
		}
	}
}
