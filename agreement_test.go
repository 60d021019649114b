package armistice

import (
	"testing"
	"time"
)

func TestBelowBarSaysWhyALeadFallsShort(t *testing.T) {
	score := func(n int) *int { return &n }
	a := Agreement{MQLMinScore: 60, MQLRequired: []string{"company", "phone"}}
	for _, tc := range []struct {
		lead Lead
		want string
	}{
		{Lead{Score: score(60), Company: "Acme", Phone: "1"}, ""},
		{Lead{Score: score(42), Company: "Acme", Phone: "1"}, "below the agreed MQL bar: score 42 < 60"},
		{Lead{Company: "Acme", Phone: "1"}, "below the agreed MQL bar: score 0 < 60"},
		{Lead{Score: score(90), Company: " "}, "below the agreed MQL bar: no company, phone"},
		{Lead{Score: score(10)}, "below the agreed MQL bar: score 10 < 60; no company, phone"},
	} {
		if got := a.BelowBar(tc.lead); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.lead, got, tc.want)
		}
	}
	if got := (Agreement{}).BelowBar(Lead{}); got != "" {
		t.Errorf("no bar: %q", got)
	}
}

func TestEditAgreementNamesEveryBadFieldAndKeepsTheBase(t *testing.T) {
	base := Agreement{Goals: map[Metric]float64{MetricMQLs: 100}, SLA: 4 * time.Hour, SharedWeight: 50}
	_, err := EditAgreement(base, map[string]string{"mqls": "lots", "acceptance_rate": "140%", "mql_min_score": "101",
		"mql_required": "company, shoe size", "sla": "1m", "shared_weight": "half"})
	e, ok := err.(*Error)
	if !ok || e.Code != EINVALID {
		t.Fatalf("err %v", err)
	}
	for _, f := range []string{"mqls", "acceptance_rate", "mql_min_score", "mql_required", "sla", "shared_weight"} {
		if e.Fields[f] == "" {
			t.Errorf("no error on %s: %v", f, e.Fields)
		}
	}
	got, err := EditAgreement(base, map[string]string{"mqls": "12k", "revenue": "", "mql_min_score": "60", "mql_required": "Company, company", "sla": "90m", "shared_weight": "70%"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Goals[MetricMQLs] != 12000 || len(got.Goals) != 1 || got.MQLMinScore != 60 || len(got.MQLRequired) != 1 || got.SLA != 90*time.Minute || got.SharedWeight != 70 {
		t.Errorf("edited: %+v", got)
	}
	if base.Goals[MetricMQLs] != 100 {
		t.Errorf("the base changed: %+v", base)
	}
	if v := AgreementValues(got); v["sla"] != "1h30m" || v["mqls"] != "12000" || v["mql_required"] != "company" {
		t.Errorf("values: %v", v)
	}
}
