package api

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// signedRequest is a request to the route pattern at path with the given
// X-Armistice-Signature, timestamped now.
func signedRequest(pattern, path, sig string, now time.Time) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, nil)
	r.Pattern = pattern
	r.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	r.Header.Set(HeaderSignature, sig)
	return r
}

func TestVerifySignatureTakesOneGoodEntryOfTheRouteSchemes(t *testing.T) {
	secret := []byte("parse-secret-0123456789")
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	body := []byte(`{"stage":"won","amount":1,"currency":"EUR"}`)
	const (
		leads = "POST /api/v1/leads"
		stage = "POST /api/v1/leads/{external_id}/stage"
	)
	v1 := Sign(secret, now, body)
	v1Other := Sign([]byte("another-secret-0123"), now, body)
	v2Leads := SignV2(secret, now, http.MethodPost, "/api/v1/leads", body)
	v2Stage := SignV2(secret, now, http.MethodPost, "/api/v1/leads/hs-A/stage", body)
	v2Escaped := SignV2(secret, now, http.MethodPost, "/api/v1/leads/hs%2FA/stage", body)
	cases := []struct {
		name, pattern, path, header string
		want                        string // "" for accepted, else a part of the error
	}{
		{"v1 on leads", leads, "/api/v1/leads", v1, ""},
		{"v2 on leads", leads, "/api/v1/leads", v2Leads, ""},
		{"v2 on leads, query not signed", leads, "/api/v1/leads?src=x", v2Leads, ""},
		{"v2 on a stage", stage, "/api/v1/leads/hs-A/stage", v2Stage, ""},
		{"v2 on an escaped path, as sent", stage, "/api/v1/leads/hs%2FA/stage", v2Escaped, ""},
		{"v1 then v2, comma", stage, "/api/v1/leads/hs-A/stage", v1 + "," + v2Stage, ""},
		{"v2 then v1, comma and space", leads, "/api/v1/leads", v2Stage + ", " + v1, ""},
		{"a bad v1 beside a good v2", leads, "/api/v1/leads", v1Other + " " + v2Leads, ""},
		{"an unknown scheme beside v2", leads, "/api/v1/leads", "v9=abc," + v2Leads, ""},
		{"v1 on a stage", stage, "/api/v1/leads/hs-A/stage", v1, "only v2 signatures"},
		{"v1 twice on a stage", stage, "/api/v1/leads/hs-A/stage", v1 + "," + v1, "only v2 signatures"},
		{"a good v1 beside a bad v2 on a stage", stage, "/api/v1/leads/hs-A/stage", v1 + "," + v2Leads, "does not match"},
		{"another lead's v2", stage, "/api/v1/leads/hs-B/stage", v2Stage, "does not match"},
		{"another endpoint's v2", stage, "/api/v1/leads/hs-A/stage", v2Leads, "does not match"},
		{"the unescaped path signed", stage, "/api/v1/leads/hs%2FA/stage", SignV2(secret, now, http.MethodPost, "/api/v1/leads/hs/A/stage", body), "does not match"},
		{"another secret", leads, "/api/v1/leads", v1Other, "does not match"},
		{"not hex", leads, "/api/v1/leads", "v2=zz", "must be v2="},
		{"too short", leads, "/api/v1/leads", "v2=abcd", "must be v2="},
		{"no scheme", leads, "/api/v1/leads", strings.TrimPrefix(v2Leads, "v2="), "must be v2="},
		{"only separators", leads, "/api/v1/leads", " , ,", "must be v2="},
	}
	for _, tc := range cases {
		err := verifySignature(secret, signedRequest(tc.pattern, tc.path, tc.header, now), body, now)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

func FuzzVerifySignature(f *testing.F) {
	secret := []byte("fuzz-secret-0123456789")
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	body := []byte(`{"external_id":"hs-1"}`)
	good := SignV2(secret, now, http.MethodPost, "/api/v1/leads", body)
	for _, seed := range []string{"", "v1=", "v2=" + strings.Repeat("0", 64), good, "v1=zz, " + good, ",,, \t", "v2==" + good} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		r := signedRequest("POST /api/v1/leads", "/api/v1/leads", header, now)
		err := verifySignature(secret, r, body, now)
		if err == nil && !strings.Contains(strings.ToLower(header), good) {
			t.Errorf("accepted %q, which holds no valid signature", header)
		}
		if err != nil && strings.Contains(err.Error(), strings.TrimPrefix(good, "v2=")) {
			t.Errorf("the error discloses the expected signature: %v", err)
		}
		// A good signature beside anything else is still found.
		r = signedRequest("POST /api/v1/leads", "/api/v1/leads", header+","+good, now)
		if err := verifySignature(secret, r, body, now); err != nil {
			t.Errorf("%q with a good v2 after it: %v", header, err)
		}
	})
}
