package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/storage/storagetest"
)

// signedV1 signs a request with v1, as senders did before v2.
func (tb *testBundle) signedV1(body string) func(*http.Request) {
	return func(r *http.Request) {
		r.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), tb.now, []byte(body)))
	}
}

// capture records the headers of a request as its sender signed them.
func capture(into *http.Header) func(*http.Request) {
	return func(r *http.Request) { *into = r.Header.Clone() }
}

// replay sends a request with the headers of a captured one.
func replay(h http.Header) func(*http.Request) {
	return func(r *http.Request) { r.Header = h.Clone() }
}

func TestStageRefusesASignatureMadeForAnotherLead(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	tb.post(t, `[{"external_id":"hs-A","email":"a@example.com"},{"external_id":"hs-B","email":"b@example.com"}]`, nil)

	body := `{"stage":"lost"}`
	var captured http.Header
	if status, out, _ := tb.postTo(t, "/api/v1/leads/hs-A/stage", body, capture(&captured)); status != http.StatusOK {
		t.Fatalf("hs-A's own stage update: %d %v", status, out)
	}
	status, out, _ := tb.postTo(t, "/api/v1/leads/hs-B/stage", body, replay(captured))
	if status != http.StatusUnauthorized || !strings.Contains(fmt.Sprint(out["error"]), "does not match") {
		t.Errorf("hs-A's signed request replayed onto hs-B: %d %v, want 401", status, out)
	}
	status, out, _ = tb.postTo(t, "/api/v1/leads/hs-B/stage", body, tb.signedV1(body))
	if status != http.StatusUnauthorized {
		t.Errorf("a v1 signature of the same body onto hs-B: %d %v, want 401", status, out)
	}
	for id, want := range map[string]string{"hs-A": "lost", "hs-B": "new"} {
		lead, err := tb.db.LeadByExternalID(context.Background(), id)
		if err != nil || string(lead.Status) != want {
			t.Errorf("%s is %q (%v), want %q", id, lead.Status, err, want)
		}
	}
}

func TestStageRefusesV1NamingV2(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	tb.post(t, `{"external_id":"v1-stage","email":"s@example.com"}`, nil)
	body := `{"stage":"opportunity"}`
	status, out, _ := tb.postTo(t, "/api/v1/leads/v1-stage/stage", body, tb.signedV1(body))
	if msg := fmt.Sprint(out["error"]); status != http.StatusUnauthorized || !strings.Contains(msg, "only v2 signatures") {
		t.Errorf("v1 on a stage update: %d %v, want 401 saying v2 is required", status, out)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads WHERE status = 'new'`); n != 1 {
		t.Errorf("the lead moved on a v1 stage update")
	}
}

func TestStageRetryOfTheSameSignedRequestAnswersTheSameState(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	tb.post(t, `{"external_id":"retry-stage","email":"r@example.com"}`, nil)
	body := `{"stage":"won","amount":15000,"currency":"EUR"}`
	var captured http.Header
	first, a, _ := tb.postTo(t, "/api/v1/leads/retry-stage/stage", body, capture(&captured))
	again, b, _ := tb.postTo(t, "/api/v1/leads/retry-stage/stage", body, replay(captured))
	if first != http.StatusOK || again != http.StatusOK || a["status"] != "won" || b["status"] != "won" || b["changed"] != false {
		t.Errorf("first %d %v, the same request again %d %v: want 200 won both times, unchanged the second", first, a, again, b)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM lead_events WHERE kind = 'stage'`); n != 1 {
		t.Errorf("stage events = %d, want 1", n)
	}
	backwards := `{"stage":"opportunity"}`
	if status, out, _ := tb.postTo(t, "/api/v1/leads/retry-stage/stage", backwards, nil); status != http.StatusConflict {
		t.Errorf("a real move backwards: %d %v, want 409", status, out)
	}
}

func TestLeadRetryOfTheSameSignedRequestIsADuplicate(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	body := `{"external_id":"retry-lead","email":"r@example.com"}`
	var captured http.Header
	first, a, _ := tb.post(t, body, capture(&captured))
	again, b, _ := tb.post(t, body, replay(captured))
	if first != http.StatusCreated || again != http.StatusOK || b["duplicate"] != true || b["id"] != a["id"] {
		t.Errorf("first %d %v, the same request again %d %v: want 201, then 200 duplicate of the same lead", first, a, again, b)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM river_job WHERE kind = 'announce'`); n != 1 {
		t.Errorf("announce jobs = %d, want 1", n)
	}
}

func TestV2IsAcceptedOnEveryEndpointAndV1WhereNoLeadIsInThePath(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	requests := []struct {
		path, body string
		status     int
	}{
		{"/api/v1/leads", `{"external_id":"v2-one","email":"o@example.com"}`, http.StatusCreated},
		{"/api/v1/leads", `[{"external_id":"v2-a","email":"a@example.com"},{"external_id":"v2-b","email":"b@example.com"}]`, http.StatusCreated},
		{"/api/v1/leads/v2-one/stage", `{"stage":"opportunity"}`, http.StatusOK},
		{"/api/v1/metrics", `{"date":"2026-11-22","visits":1834}`, http.StatusOK},
	}
	for _, rq := range requests {
		if status, out, _ := tb.postTo(t, rq.path, rq.body, nil); status != rq.status {
			t.Errorf("v2 %s %s: %d %v, want %d", rq.path, rq.body, status, out, rq.status)
		}
	}
	v1 := []struct {
		path, body string
		status     int
	}{
		{"/api/v1/leads", `{"external_id":"v1-one","email":"o@example.com"}`, http.StatusCreated},
		{"/api/v1/leads", `[{"external_id":"v1-a","email":"a@example.com"}]`, http.StatusCreated},
		{"/api/v1/metrics", `[{"date":"2026-11-23","visits":12}]`, http.StatusOK},
	}
	for _, rq := range v1 {
		if status, out, _ := tb.postTo(t, rq.path, rq.body, tb.signedV1(rq.body)); status != rq.status {
			t.Errorf("v1 %s %s: %d %v, want %d", rq.path, rq.body, status, out, rq.status)
		}
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`); n != 5 {
		t.Errorf("%d leads stored, want 5", n)
	}
}
