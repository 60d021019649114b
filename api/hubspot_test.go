package api_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/storage/storagetest"
)

const hubSpotSecret = "hubspot-client-secret-0123-4567"

// withHubSpot turns the HubSpot endpoint on.
func withHubSpot(c *api.Config) { c.HubSpotClientSecret = hubSpotSecret }

// legacyContact is what a contact-based workflow's webhook action posts with
// all properties: the Contacts API v1 shape, each property an object with
// its value and history.
const legacyContact = `{
  "vid": 3451,
  "canonical-vid": 3451,
  "merged-vids": [],
  "portal-id": 62515,
  "is-contact": true,
  "properties": {
    "email": {"value": "Ana.Ruiz@Example.com", "versions": [{"value": "Ana.Ruiz@Example.com", "source-type": "FORM", "source-id": "6f1a2b3c", "source-label": null, "timestamp": 1795427700000, "selected": false}]},
    "firstname": {"value": "Ana", "versions": [{"value": "Ana", "source-type": "FORM", "source-id": "6f1a2b3c", "source-label": null, "timestamp": 1795427700000, "selected": false}]},
    "lastname": {"value": "Ruiz", "versions": []},
    "company": {"value": "Acme Logistics", "versions": []},
    "jobtitle": {"value": "VP Finance", "versions": []},
    "phone": {"value": "+34 600 000 000", "versions": []},
    "hs_analytics_source": {"value": "PAID_SEARCH", "versions": []},
    "hubspotscore": {"value": "86.6", "versions": []},
    "hs_persona": {"value": "persona_1", "versions": []},
    "country": {"value": "Spain", "versions": []},
    "state": {"value": "Madrid", "versions": []},
    "industry": {"value": "Logistics", "versions": []},
    "lifecyclestage": {"value": "marketingqualifiedlead", "versions": []},
    "recent_conversion_event_name": {"value": "Pricing guide download", "versions": []},
    "num_unique_conversion_events": {"value": "2", "versions": []},
    "hs_object_id": {"value": "3451", "versions": []},
    "hs_email_optout": {"value": "", "versions": []},
    "createdate": {"value": "1795427700000", "versions": []}
  },
  "form-submissions": [{"conversion-id": "c-1", "timestamp": 1795427700000, "form-id": "f-1", "portal-id": 62515, "title": "Pricing guide"}],
  "list-memberships": [],
  "identity-profiles": [{"vid": 3451, "saved-at-timestamp": 1795427700000, "deleted-changed-timestamp": 0, "identities": [{"type": "EMAIL", "value": "Ana.Ruiz@Example.com", "timestamp": 1795427700000, "is-primary": true}]}]
}`

// currentContact is the current CRM object shape: object ID and portal at
// the top, properties as plain strings.
const currentContact = `{
  "objectId": 5102,
  "objectType": "CONTACT",
  "portalId": 62515,
  "properties": {
    "hs_object_id": "5102",
    "email": "li.wei@example.org",
    "firstname": "Li",
    "lastname": "Wei",
    "company": "Northwind",
    "jobtitle": "Head of Operations",
    "hs_latest_source": "ORGANIC_SEARCH",
    "hs_lead_score": "42",
    "persona": "Persona_3",
    "region": "Bavaria",
    "country": "Germany",
    "lifecyclestage": "marketingqualifiedlead",
    "budget_range": "10k-50k",
    "hs_createdate": "2026-11-23T09:58:00Z"
  }
}`

// postHubSpot sends body to the HubSpot endpoint, signed as HubSpot signs it
// at the bundle's clock; mutate may change the request before it is sent.
func (tb *testBundle) postHubSpot(t *testing.T, body string, mutate func(*http.Request)) (int, map[string]any) {
	t.Helper()
	url := tb.srv.URL + "/api/v1/hubspot"
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderHubSpotTimestamp, fmt.Sprint(tb.now.UnixMilli()))
	req.Header.Set(api.HeaderHubSpotSignatureV3, api.SignHubSpotV3(hubSpotSecret, http.MethodPost, url, []byte(body), tb.now))
	if mutate != nil {
		mutate(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestHubSpotContactIsStoredAndAnnounced(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body string
		want       armistice.Lead
		score      int
		fields     map[string]string
	}{
		{"legacy workflow payload", legacyContact, armistice.Lead{
			ExternalID: "hubspot-3451", Email: "ana.ruiz@example.com", Name: "Ana Ruiz", Company: "Acme Logistics",
			Title: "VP Finance", Phone: "+34 600 000 000", Source: "PAID_SEARCH", Persona: "persona_1",
			Country: "Spain", Region: "Madrid", Segment: "Logistics",
			CRMURL: "https://app.hubspot.com/contacts/62515/record/0-1/3451",
		}, 87, map[string]string{
			"lifecyclestage": "marketingqualifiedlead", "recent_conversion_event_name": "Pricing guide download",
			"num_unique_conversion_events": "2",
		}},
		{"current workflow payload", currentContact, armistice.Lead{
			ExternalID: "hubspot-5102", Email: "li.wei@example.org", Name: "Li Wei", Company: "Northwind",
			Title: "Head of Operations", Source: "ORGANIC_SEARCH", Persona: "persona_3",
			Country: "Germany", Region: "Bavaria",
			CRMURL: "https://app.hubspot.com/contacts/62515/record/0-1/5102",
		}, 42, map[string]string{"lifecyclestage": "marketingqualifiedlead", "budget_range": "10k-50k"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tb := setup(t, storagetest.DB(t), secret, withHubSpot)
			status, body := tb.postHubSpot(t, tc.body, nil)
			if status != http.StatusCreated {
				t.Fatalf("status %d: %v", status, body)
			}
			if body["external_id"] != tc.want.ExternalID || body["status"] != "new" || body["duplicate"] != false || body["id"] == nil {
				t.Errorf("answer = %v", body)
			}
			got, err := tb.db.LeadByExternalID(context.Background(), tc.want.ExternalID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Score == nil || *got.Score != tc.score {
				t.Errorf("score = %v, want %d", got.Score, tc.score)
			}
			if fmt.Sprint(got.Fields) != fmt.Sprint(tc.fields) {
				t.Errorf("fields = %v, want %v", got.Fields, tc.fields)
			}
			got.ID, got.Score, got.Fields, got.Status, got.ReceivedAt, got.DueAt = 0, nil, nil, "", time.Time{}, nil
			want := tc.want
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("stored lead\n got %+v\nwant %+v", got, want)
			}
			if n := count(t, tb.db, `SELECT count(*) FROM river_job WHERE kind = 'announce'`); n != 1 {
				t.Errorf("announce jobs = %d, want 1", n)
			}
			if n := count(t, tb.db, `SELECT count(*) FROM lead_events WHERE kind = 'received' AND actor = 'hubspot'`); n != 1 {
				t.Errorf("received events by hubspot = %d, want 1", n)
			}

			// HubSpot retries, and a contact may go through the workflow twice.
			again, dup := tb.postHubSpot(t, tc.body, nil)
			if again != http.StatusOK || dup["duplicate"] != true || dup["id"] != body["id"] {
				t.Errorf("same contact again: status %d %v, want 200 duplicate of %v", again, dup, body["id"])
			}
			if n := count(t, tb.db, `SELECT count(*) FROM river_job`); n != 1 {
				t.Errorf("jobs = %d after a duplicate, want 1", n)
			}
		})
	}
}

func TestHubSpotRefusesBadSignatures(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret, withHubSpot)
	url := tb.srv.URL + "/api/v1/hubspot"
	body := currentContact
	sign := func(secret string, ts time.Time, signed string) string {
		return api.SignHubSpotV3(secret, http.MethodPost, url, []byte(signed), ts)
	}
	cases := []struct {
		name   string
		mutate func(*http.Request)
		want   string // in the error
	}{
		{"bad signature", func(r *http.Request) { r.Header.Set(api.HeaderHubSpotSignatureV3, "bm90IGEgc2lnbmF0dXJl") }, "does not match"},
		{"signature not base64", func(r *http.Request) { r.Header.Set(api.HeaderHubSpotSignatureV3, "v1=zz!") }, "base64"},
		{"wrong secret", func(r *http.Request) {
			r.Header.Set(api.HeaderHubSpotSignatureV3, sign("another-client-secret", tb.now, body))
		}, "does not match"},
		{"no signature header", func(r *http.Request) { r.Header.Del(api.HeaderHubSpotSignatureV3) }, "missing"},
		{"no timestamp header", func(r *http.Request) { r.Header.Del(api.HeaderHubSpotTimestamp) }, "missing"},
		{"timestamp six minutes old", func(r *http.Request) {
			old := tb.now.Add(-6 * time.Minute)
			r.Header.Set(api.HeaderHubSpotTimestamp, fmt.Sprint(old.UnixMilli()))
			r.Header.Set(api.HeaderHubSpotSignatureV3, sign(hubSpotSecret, old, body))
		}, "older than 5 minutes"},
		{"timestamp in seconds", func(r *http.Request) {
			r.Header.Set(api.HeaderHubSpotTimestamp, fmt.Sprint(tb.now.Unix()))
		}, "older than 5 minutes"},
		{"timestamp not a number", func(r *http.Request) { r.Header.Set(api.HeaderHubSpotTimestamp, "yesterday") }, "milliseconds"},
		{"body changed after signing", func(r *http.Request) {
			r.Header.Set(api.HeaderHubSpotSignatureV3, sign(hubSpotSecret, tb.now, strings.Replace(body, "Northwind", "Southwind", 1)))
		}, "does not match"},
		{"signed for another URL", func(r *http.Request) {
			r.Header.Set(api.HeaderHubSpotSignatureV3, api.SignHubSpotV3(hubSpotSecret, http.MethodPost, url+"?other=1", []byte(body), tb.now))
		}, "does not match"},
	}
	for _, tc := range cases {
		status, out := tb.postHubSpot(t, body, tc.mutate)
		if msg, _ := out["error"].(string); status != http.StatusUnauthorized || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: status %d %v, want 401 saying %q", tc.name, status, out, tc.want)
		}
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`) + count(t, tb.db, `SELECT count(*) FROM river_job`); n != 0 {
		t.Errorf("%d rows stored from refused requests", n)
	}
}

// HubSpot signs the URL it called; behind a reverse proxy that is the public
// one, which the proxy passes on in X-Forwarded-Proto and X-Forwarded-Host.
// The characters listed in HubSpot's docs are signed decoded.
func TestHubSpotSignatureBehindProxy(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret, withHubSpot)
	const public = "https://armistice.example.com/api/v1/hubspot?src=hs%3Aworkflow%2Fmql&tag=%28a%29"
	body := legacyContact
	forwarded := func(r *http.Request) {
		r.URL.RawQuery = "src=hs%3Aworkflow%2Fmql&tag=%28a%29"
		r.Header.Set("X-Forwarded-Proto", "https")
		r.Header.Set("X-Forwarded-Host", "armistice.example.com, proxy.internal")
		r.Header.Set(api.HeaderHubSpotSignatureV3, api.SignHubSpotV3(hubSpotSecret, http.MethodPost, public, []byte(body), tb.now))
	}
	internal := func(r *http.Request) {
		forwarded(r)
		r.Header.Set(api.HeaderHubSpotSignatureV3, api.SignHubSpotV3(hubSpotSecret, http.MethodPost, tb.srv.URL+"/api/v1/hubspot?"+r.URL.RawQuery, []byte(body), tb.now))
	}
	if status, out := tb.postHubSpot(t, body, internal); status != http.StatusUnauthorized {
		t.Errorf("signed for the internal URL behind a proxy: status %d %v, want 401", status, out)
	}
	if status, out := tb.postHubSpot(t, body, forwarded); status != http.StatusCreated {
		t.Errorf("signed for the public URL: status %d %v, want 201", status, out)
	}
}

// The signature as HubSpot's docs describe it, computed here by hand: base64
// of HMAC-SHA256(secret, method + URI with the listed characters decoded +
// body + timestamp in milliseconds).
func TestSignHubSpotV3MatchesTheDocumentedAlgorithm(t *testing.T) {
	t.Parallel()
	ts := time.UnixMilli(1795428000123)
	body := []byte(`{"vid":1}`)
	mac := hmac.New(sha256.New, []byte(hubSpotSecret))
	mac.Write([]byte("POST" + "https://h.example/api/v1/hubspot?a=b:c/d?e@f!g$h'i(j)k*l,m;n%20o" + string(body) + "1795428000123"))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	encoded := "https://h.example/api/v1/hubspot?a=b%3Ac%2Fd%3Fe%40f%21g%24h%27i%28j%29k%2Al%2cm%3Bn%20o"
	if got := api.SignHubSpotV3(hubSpotSecret, "POST", encoded, body, ts); got != want {
		t.Errorf("SignHubSpotV3 = %s, want %s", got, want)
	}
}

func TestHubSpotEndpointIsOffWithoutSecret(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	status, out := tb.postHubSpot(t, currentContact, nil)
	if status != http.StatusNotFound || !strings.Contains(fmt.Sprint(out["error"]), "HUBSPOT_CLIENT_SECRET") {
		t.Errorf("status %d %v, want 404 naming HUBSPOT_CLIENT_SECRET", status, out)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`); n != 0 {
		t.Errorf("%d leads stored", n)
	}
}

func TestHubSpotRefusesOversizedAndNonJSONBodies(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret, withHubSpot)
	big := `{"objectId":1,"properties":{"notes":"` + strings.Repeat("x", 1<<20) + `"}}`
	if status, out := tb.postHubSpot(t, big, func(r *http.Request) { r.Header.Del(api.HeaderHubSpotSignatureV3) }); status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d %v, want 413 before the signature check", status, out)
	}
	for _, body := range []string{`not json`, `{"objectId": 1,`, `[{"objectId":1,"subscriptionType":"contact.creation"}]`, `"a string"`, `null`, `{"objectId":1,"properties":["email"]}`} {
		if status, out := tb.postHubSpot(t, body, nil); status != http.StatusBadRequest || out["error"] == "" {
			t.Errorf("%s: status %d %v, want 400", body, status, out)
		}
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`); n != 0 {
		t.Errorf("%d leads stored", n)
	}
}

func TestHubSpotNamesBadFieldsAndStoresNothing(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret, withHubSpot)
	cases := []struct {
		name, body string
		want       map[string]string
	}{
		{"no email, no name, no company", `{"vid":77,"portal-id":62515,"properties":{"jobtitle":{"value":"CTO","versions":[]},"phone":{"value":"+1 555 0100"}}}`, map[string]string{
			"name": "required when there is no email", "company": "required when there is no email"}},
		{"no object ID", `{"properties":{"email":"a@example.com"}}`, map[string]string{
			"external_id": "required: the contact has no hs_object_id, objectId or vid"}},
		{"bad email, score out of range, bad persona", `{"objectId":78,"properties":{"email":"not-an-email","hubspotscore":"140","persona":"Persona 1"}}`, map[string]string{
			"email": "not an email address", "score": "must be between 0 and 100", "persona": "not a persona slug (lowercase letters, digits, - and _)"}},
		{"score not a number", `{"objectId":79,"properties":{"email":"s@example.com","hubspotscore":"high"}}`, map[string]string{
			"score": "hubspotscore (or hs_lead_score) must be a number"}},
		{"email not a string", `{"objectId":80,"properties":{"email":["a@example.com"]}}`, map[string]string{"email": "email must be a string"}},
	}
	for _, tc := range cases {
		status, body := tb.postHubSpot(t, tc.body, nil)
		if status != http.StatusBadRequest {
			t.Errorf("%s: status %d: %v", tc.name, status, body)
			continue
		}
		fields, _ := body["fields"].(map[string]any)
		if len(fields) != len(tc.want) {
			t.Errorf("%s: fields = %v, want %v", tc.name, fields, tc.want)
		}
		for k, v := range tc.want {
			if fields[k] != v {
				t.Errorf("%s: fields[%q] = %v, want %q", tc.name, k, fields[k], v)
			}
		}
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`) + count(t, tb.db, `SELECT count(*) FROM river_job`) + count(t, tb.db, `SELECT count(*) FROM personas`); n != 0 {
		t.Errorf("%d rows stored from bad contacts", n)
	}
}

func TestLeadFromHubSpotMapping(t *testing.T) {
	t.Parallel()
	t.Run("flat body of chosen properties", func(t *testing.T) {
		l, errs, err := api.LeadFromHubSpot([]byte(`{"hs_object_id": 901, "email": "Flat@Example.com", "firstname": "Flo", "hubspotscore": 99.5, "vid": 1, "utm_campaign": "spring"}`))
		if err != nil || len(errs) != 0 {
			t.Fatalf("errs %v, err %v", errs, err)
		}
		if l.ExternalID != "hubspot-901" || l.Email != "flat@example.com" || l.Name != "Flo" || *l.Score != 100 || l.CRMURL != "" ||
			fmt.Sprint(l.Fields) != "map[utm_campaign:spring]" {
			t.Errorf("lead = %+v", l)
		}
	})
	t.Run("rounding", func(t *testing.T) {
		for in, want := range map[string]int{"0": 0, "-0.4": 0, "49.5": 50, "100.4": 100, "7": 7} {
			l, errs, _ := api.LeadFromHubSpot([]byte(`{"objectId":1,"properties":{"email":"r@example.com","hubspotscore":"` + in + `"}}`))
			if len(errs) != 0 || l.Score == nil || *l.Score != want {
				t.Errorf("score %q: %v %v, want %d", in, l.Score, errs, want)
			}
		}
	})
	t.Run("extra fields are capped, cut and never invalid", func(t *testing.T) {
		props := map[string]any{"email": "x@example.com", "hs_internal": "skip", "empty": "", "nested": map[string]any{"a": 1}}
		for i := range 60 {
			props[fmt.Sprintf("custom_%02d", i)] = strings.Repeat("é", 700)
		}
		b, _ := json.Marshal(map[string]any{"objectId": 5, "properties": props})
		l, errs, err := api.LeadFromHubSpot(b)
		if err != nil || len(errs) != 0 {
			t.Fatalf("errs %v, err %v", errs, err)
		}
		if len(l.Fields) != armistice.MaxFields || l.Fields["custom_00"] == "" || l.Fields["custom_59"] != "" {
			t.Errorf("%d fields, want the first %d by name", len(l.Fields), armistice.MaxFields)
		}
		if v := []rune(l.Fields["custom_00"]); len(v) != armistice.MaxTextLen || v[len(v)-1] != '…' {
			t.Errorf("long value kept as %d characters", len(v))
		}
	})
}

// FuzzHubSpotContact feeds LeadFromHubSpot arbitrary bodies: it never
// panics, and a lead it returns without field errors is valid, keeps being
// valid when normalized again, and carries a HubSpot external ID.
func FuzzHubSpotContact(f *testing.F) {
	for _, seed := range []string{
		legacyContact, currentContact,
		`{"hs_object_id":"12","email":"a@b.co"}`,
		`{"vid":1,"portal-id":"62515","properties":{"hubspotscore":{"value":{"value":"1"}},"company":{"value":"C"},"firstname":{"value":"F"}}}`,
		`{"objectId":"1e3","properties":{"email":"\u0000a@b.co","hs_lead_score":"NaN"}}`,
		`{"objectId":99999999999999999999999999999,"portalId":-1,"properties":{"name":"n","company":"c","firstname":"a"}}`,
		`[]`, `{}`, `{"properties":null}`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		l, errs, err := api.LeadFromHubSpot(body)
		if err != nil || len(errs) > 0 {
			return
		}
		if bad := l.Validate(); len(bad) > 0 {
			t.Fatalf("lead without field errors fails Validate: %v\n%+v", bad, l)
		}
		l.Normalize()
		if bad := l.Validate(); len(bad) > 0 {
			t.Fatalf("lead fails Validate once normalized again: %v", bad)
		}
		if !strings.HasPrefix(l.ExternalID, "hubspot-") {
			t.Fatalf("external ID %q lacks the hubspot- prefix", l.ExternalID)
		}
		if l.CRMURL != "" && !strings.HasPrefix(l.CRMURL, "https://app.hubspot.com/contacts/") {
			t.Fatalf("CRM URL %q", l.CRMURL)
		}
		if len(l.Fields) > armistice.MaxFields {
			t.Fatalf("%d extra fields", len(l.Fields))
		}
	})
}
