package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

const secret = "test-secret-0123456789"

type testBundle struct {
	db  *storage.DB
	srv *httptest.Server
	now time.Time
}

// setup serves the API over db; opts adjust its configuration (the HubSpot
// client secret, say) before it is built.
func setup(t testing.TB, db *storage.DB, webhookSecret config.Secret, opts ...func(*api.Config)) *testBundle {
	t.Helper()
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq})
	// The settings in force, read as serve reads them before it listens;
	// with the database down (the outage tests) they are read on first use.
	_ = svc.ReloadSettings(context.Background())
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	cfg := api.Config{Service: svc, WebhookSecret: webhookSecret, Gatherer: prometheus.NewRegistry(), Now: func() time.Time { return now }}
	for _, opt := range opts {
		opt(&cfg)
	}
	a := api.New(cfg)
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	return &testBundle{db: db, srv: srv, now: now}
}

// post sends body signed at the bundle's clock, or with the given headers.
func (tb *testBundle) post(t *testing.T, body string, mutate func(*http.Request)) (int, map[string]any, http.Header) {
	t.Helper()
	return tb.postTo(t, "/api/v1/leads", body, mutate)
}

// postTo sends a body to path, signed with v2 at the bundle's clock.
func (tb *testBundle) postTo(t *testing.T, path, body string, mutate func(*http.Request)) (int, map[string]any, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, tb.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderTimestamp, fmt.Sprint(tb.now.Unix()))
	req.Header.Set(api.HeaderSignature, api.SignV2([]byte(secret), tb.now, req.Method, req.URL.EscapedPath(), []byte(body)))
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
	return resp.StatusCode, out, resp.Header
}

func count(t *testing.T, db *storage.DB, query string) int {
	t.Helper()
	var n int
	if err := db.Pool().QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIntakeStoresLeadWithItsAnnouncementJob(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	status, body, _ := tb.post(t, `{"external_id":"hs-1","email":"Ana@Example.com","name":"Ana","company":"Acme","score":87,"persona":"cfo"}`, nil)
	if status != http.StatusCreated {
		t.Fatalf("status %d: %v", status, body)
	}
	if body["external_id"] != "hs-1" || body["status"] != "new" || body["duplicate"] != false || body["id"] == nil {
		t.Errorf("answer = %v", body)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM river_job WHERE kind = 'announce'`); n != 1 {
		t.Errorf("announce jobs = %d, want 1", n)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM lead_events WHERE kind = 'received' AND actor = 'api'`); n != 1 {
		t.Errorf("received events = %d, want 1", n)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM personas WHERE slug = 'cfo' AND name = 'cfo'`); n != 1 {
		t.Errorf("unknown persona not created from its slug")
	}
	lead, err := tb.db.LeadByExternalID(context.Background(), "hs-1")
	if err != nil {
		t.Fatal(err)
	}
	if lead.Email != "ana@example.com" || lead.Score == nil || *lead.Score != 87 {
		t.Errorf("stored lead = %+v", lead)
	}
}

func TestIntakeDuplicateChangesNothing(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	first, a, _ := tb.post(t, `{"external_id":"x-1","email":"a@example.com","name":"First"}`, nil)
	again, b, _ := tb.post(t, `{"external_id":"x-1","email":"b@example.com","name":"Second"}`, nil)
	if first != http.StatusCreated || again != http.StatusOK {
		t.Fatalf("statuses %d then %d", first, again)
	}
	if b["duplicate"] != true || b["id"] != a["id"] {
		t.Errorf("duplicate answer = %v (first %v)", b, a)
	}
	lead, _ := tb.db.LeadByExternalID(context.Background(), "x-1")
	if lead.Name != "First" {
		t.Errorf("duplicate changed the lead: %+v", lead)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM river_job`); n != 1 {
		t.Errorf("jobs = %d, want 1: a duplicate gets no second card", n)
	}
}

func TestIntakeArrayAnswersInOrderWithRepeatsAsDuplicates(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	tb.post(t, `{"external_id":"old","email":"old@example.com"}`, nil)
	status, body, _ := tb.post(t, `[{"external_id":"a","email":"a@example.com"},{"external_id":"old","email":"o@example.com"},{"external_id":"a","email":"again@example.com"},{"external_id":"b","name":"Bo","company":"Co"}]`, nil)
	if status != http.StatusCreated {
		t.Fatalf("status %d: %v", status, body)
	}
	results := body["results"].([]any)
	var got []string
	for _, r := range results {
		m := r.(map[string]any)
		got = append(got, fmt.Sprintf("%s:%v", m["external_id"], m["duplicate"]))
	}
	if want := "[a:false old:true a:true b:false]"; fmt.Sprint(got) != want {
		t.Errorf("results = %v, want %s", got, want)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`); n != 3 {
		t.Errorf("leads = %d, want 3", n)
	}
	status, _, _ = tb.post(t, `[{"external_id":"a","email":"a@example.com"},{"external_id":"b","name":"Bo","company":"Co"}]`, nil)
	if status != http.StatusOK {
		t.Errorf("all duplicates: status %d, want 200", status)
	}
}

func TestIntakeNamesEveryBadFieldAndStoresNothing(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	cases := []struct {
		name, body string
		want       map[string]string
	}{
		{"single", `{"external_id":"","email":"not-an-email","score":140}`, map[string]string{
			"external_id": "required", "email": "not an email address", "score": "must be between 0 and 100"}},
		{"no email needs name and company", `{"external_id":"n1"}`, map[string]string{
			"name": "required when there is no email", "company": "required when there is no email"}},
		{"array by index", `[{"external_id":"ok","email":"ok@example.com"},{"external_id":"bad","email":"nope","persona":"Bad Slug!"}]`, map[string]string{
			"1.email": "not an email address", "1.persona": "not a persona slug (lowercase letters, digits, - and _)"}},
		{"unknown field", `{"external_id":"u1","email":"u@example.com","emial":"typo"}`, map[string]string{
			"emial": `unknown field; put extra values in "fields"`}},
		{"wrong type", `{"external_id":"t1","email":["a@example.com"]}`, map[string]string{"email": "must be a string"}},
		{"score not a number", `{"external_id":"s1","email":"s@example.com","score":"high"}`, map[string]string{"score": "must be a whole number between 0 and 100"}},
		{"owner neither a user nor an email", `{"external_id":"o1","email":"o@example.com","owner":"ana"}`, map[string]string{"owner": "not a user ID or an email address"}},
		{"fields must be scalars", `{"external_id":"f1","email":"f@example.com","fields":{"deal":{"x":1}}}`, map[string]string{"fields.deal": "must be a string or a number"}},
	}
	for _, tc := range cases {
		status, body, _ := tb.post(t, tc.body, nil)
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
		t.Errorf("%d rows stored from bad requests", n)
	}
}

func TestIntakeRefusesUnsignedAndStaleRequests(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	body := `{"external_id":"sig-1","email":"s@example.com"}`
	cases := []struct {
		name   string
		mutate func(*http.Request)
	}{
		{"no signature", func(r *http.Request) { r.Header.Del(api.HeaderSignature) }},
		{"no timestamp", func(r *http.Request) { r.Header.Del(api.HeaderTimestamp) }},
		{"wrong secret", func(r *http.Request) {
			r.Header.Set(api.HeaderSignature, api.Sign([]byte("another-secret-0123"), tb.now, []byte(body)))
		}},
		{"six minutes old", func(r *http.Request) {
			old := tb.now.Add(-6 * time.Minute)
			r.Header.Set(api.HeaderTimestamp, fmt.Sprint(old.Unix()))
			r.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), old, []byte(body)))
		}},
		{"body changed after signing", func(r *http.Request) {
			r.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), tb.now, []byte(`{"external_id":"other"}`)))
		}},
		{"not hex", func(r *http.Request) { r.Header.Set(api.HeaderSignature, "v1=zz") }},
	}
	for _, tc := range cases {
		status, out, _ := tb.post(t, body, tc.mutate)
		if status != http.StatusUnauthorized || out["error"] == "" {
			t.Errorf("%s: status %d %v, want 401 with a reason", tc.name, status, out)
		}
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`); n != 0 {
		t.Errorf("%d leads stored from unsigned requests", n)
	}
}

func TestIntakeRefusesOversizedAndNonJSONBodies(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	big := `{"external_id":"big","email":"b@example.com","notes":"` + strings.Repeat("x", 1<<20) + `"}`
	status, _, _ := tb.post(t, big, func(r *http.Request) { r.Header.Del(api.HeaderSignature) })
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d, want 413 before the signature check", status)
	}
	// Sent in chunks, a body declares no length: it is cut at the limit as
	// it is read, and a small one is read whole.
	chunked := func(body string) func(*http.Request) {
		return func(r *http.Request) {
			r.ContentLength = -1
			r.Body = io.NopCloser(strings.NewReader(body))
		}
	}
	status, _, _ = tb.post(t, big, chunked(big))
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized chunked body: status %d, want 413", status)
	}
	small := `{"external_id":"chunked-1","email":"c@example.com"}`
	status, out, _ := tb.post(t, small, chunked(small))
	if status != http.StatusCreated {
		t.Errorf("chunked lead: status %d %v, want 201", status, out)
	}
	status, _, _ = tb.post(t, `external_id=1`, func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") })
	if status != http.StatusUnsupportedMediaType {
		t.Errorf("form body: status %d, want 415", status)
	}
	status, out, _ = tb.post(t, `{"external_id": "x", `, nil)
	if status != http.StatusBadRequest {
		t.Errorf("broken JSON: status %d %v, want 400", status, out)
	}
	many := "[" + strings.TrimSuffix(strings.Repeat(`{"external_id":"m","email":"m@example.com"},`, 1001), ",") + "]"
	status, _, _ = tb.post(t, many, nil)
	if status != http.StatusBadRequest {
		t.Errorf("1,001 leads: status %d, want 400", status)
	}
}

func TestIntakeWithoutSecretSaysWhy(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), "")
	status, out, _ := tb.post(t, `{"external_id":"a","email":"a@example.com"}`, nil)
	if status != http.StatusServiceUnavailable || !strings.Contains(fmt.Sprint(out["error"]), "ARMISTICE_WEBHOOK_SECRET") {
		t.Errorf("status %d %v", status, out)
	}
}

func TestIntakeAnswers503WithRetryAfterWhenDatabaseIsDown(t *testing.T) {
	t.Parallel()
	down, err := storage.Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	tb := setup(t, down, secret)
	status, out, h := tb.post(t, `{"external_id":"a","email":"a@example.com"}`, nil)
	if status != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
		t.Errorf("status %d Retry-After %q %v", status, h.Get("Retry-After"), out)
	}
}

func TestIntakeEscapesNothingButStoresExactText(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	name := `<!channel> Robert'); DROP TABLE leads;--`
	b, _ := json.Marshal(map[string]any{"external_id": "inj-1", "name": name, "company": "ACME & <Sons>"})
	if status, out, _ := tb.post(t, string(bytes.TrimSpace(b)), nil); status != http.StatusCreated {
		t.Fatalf("status %d %v", status, out)
	}
	lead, err := tb.db.LeadByExternalID(context.Background(), "inj-1")
	if err != nil || lead.Name != name || lead.Company != "ACME & <Sons>" {
		t.Errorf("stored %+v, %v", lead, err)
	}
}

func TestIntakeDuringADatabaseOutageAnswers503AndTheResentLeadIsStoredOnce(t *testing.T) {
	t.Parallel()
	proxy, proxied := storagetest.NewProxy(t, storagetest.URL(t))
	db, err := storage.Open(context.Background(), proxied)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	tb := setup(t, db, secret)
	if status, out, _ := tb.post(t, `{"external_id":"before","email":"b@example.com"}`, nil); status != http.StatusCreated {
		t.Fatalf("before the outage: %d %v", status, out)
	}

	proxy.Cut()
	lead := `{"external_id":"during","email":"d@example.com"}`
	status, out, h := tb.post(t, lead, nil)
	if status != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
		t.Fatalf("during the outage: %d %v (Retry-After %q), want 503 with Retry-After", status, out, h.Get("Retry-After"))
	}

	proxy.Restore(t)
	// The sender retries until it gets a 2xx, then once more by mistake.
	var first int
	for attempt := 0; attempt < 50; attempt++ {
		if first, _, _ = tb.post(t, lead, nil); first != http.StatusServiceUnavailable {
			break
		}
	}
	again, _, _ := tb.post(t, lead, nil)
	if first != http.StatusCreated || again != http.StatusOK {
		t.Errorf("after the outage: %d then %d, want 201 then 200", first, again)
	}
	if n := count(t, db, `SELECT count(*) FROM leads WHERE external_id = 'during'`); n != 1 {
		t.Errorf("%d rows for the resent lead, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM river_job`); n != 2 {
		t.Errorf("%d announce jobs, want 2", n)
	}
}
