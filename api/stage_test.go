package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/armistice/armistice/storage/storagetest"
)

func (tb *testBundle) stage(t *testing.T, externalID, body string) (int, map[string]any) {
	t.Helper()
	status, out, _ := tb.postTo(t, "/api/v1/leads/"+externalID+"/stage", body, nil)
	return status, out
}

func TestStagesMoveForwardOnly(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	tb.post(t, `{"external_id":"deal-1","email":"d@example.com"}`, nil)

	steps := []struct {
		body   string
		status int
		want   string
	}{
		{`{"stage":"opportunity","amount":12000,"currency":"EUR"}`, http.StatusOK, ""},
		{`{"stage":"opportunity"}`, http.StatusOK, ""}, // a CRM retry changes nothing
		{`{"stage":"won","amount":15000,"currency":"EUR"}`, http.StatusOK, ""},
		{`{"stage":"opportunity"}`, http.StatusConflict, "lead deal-1 is won; it cannot go back to opportunity"},
		{`{"stage":"lost"}`, http.StatusConflict, "lead deal-1 is won; it cannot go back to lost"},
	}
	for i, st := range steps {
		status, out := tb.stage(t, "deal-1", st.body)
		if status != st.status || (st.want != "" && out["error"] != st.want) {
			t.Errorf("step %d %s: %d %v, want %d %q", i, st.body, status, out, st.status, st.want)
		}
	}
	lead, err := tb.db.LeadByExternalID(context.Background(), "deal-1")
	if err != nil || lead.Status != "won" || lead.Amount == nil || *lead.Amount != 15000 || lead.Currency != "EUR" {
		t.Errorf("lead = %+v (%v)", lead, err)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM lead_events WHERE kind = 'stage' AND actor = 'crm'`); n != 2 {
		t.Errorf("stage events = %d, want 2", n)
	}
}

func TestStageErrorsNameTheProblem(t *testing.T) {
	t.Parallel()
	tb := setup(t, storagetest.DB(t), secret)
	tb.post(t, `{"external_id":"deal-2","email":"d@example.com"}`, nil)
	cases := []struct {
		id, body string
		status   int
		field    string
	}{
		{"nobody", `{"stage":"won","amount":1,"currency":"EUR"}`, http.StatusNotFound, ""},
		{"deal-2", `{"stage":"signed"}`, http.StatusBadRequest, "stage"},
		{"deal-2", `{"stage":"won"}`, http.StatusBadRequest, "amount"},
		{"deal-2", `{"stage":"won","amount":10}`, http.StatusBadRequest, "currency"},
		{"deal-2", `{"stage":"won","amount":-5,"currency":"EUR"}`, http.StatusBadRequest, "amount"},
		{"deal-2", `{"stage":"won","amount":"lots"}`, http.StatusBadRequest, ""},
	}
	for _, tc := range cases {
		status, out := tb.stage(t, tc.id, tc.body)
		fields, _ := out["fields"].(map[string]any)
		if status != tc.status || (tc.field != "" && fields[tc.field] == nil) || !strings.Contains(out["error"].(string), "") {
			t.Errorf("%s %s: %d %v, want %d naming %q", tc.id, tc.body, status, out, tc.status, tc.field)
		}
	}
	status, _, _ := tb.postTo(t, "/api/v1/leads/deal-2/stage", `{"stage":"won","amount":1,"currency":"EUR"}`, func(r *http.Request) { r.Header.Del("X-Armistice-Signature") })
	if status != http.StatusUnauthorized {
		t.Errorf("unsigned stage update: %d, want 401", status)
	}
}
