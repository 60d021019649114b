package sandbox

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
)

func TestHistoryPlanIsAPlausibleMonth(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Madrid")
	bh, err := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 14, 30, 0, 0, loc)
	reps := []string{Rosa, Sam}
	plan := historyPlan(now, loc, bh, reps, armistice.DefaultRejectionReasons)
	if len(plan) < 60 || len(plan) > 200 {
		t.Fatalf("%d leads in a month", len(plan))
	}
	if again := historyPlan(now.Add(time.Hour), loc, bh, reps, armistice.DefaultRejectionReasons); !reflect.DeepEqual(ids(plan), ids(again)) {
		t.Error("planning again the same day gives other leads: loading twice would store them twice")
	}

	seen := map[string]bool{}
	sources, personas, verdicts, stages, deciders := map[string]int{}, map[string]int{}, map[armistice.Status]int{}, map[armistice.Status]int{}, map[string]int{}
	spanish := 0
	for i, p := range plan {
		l := p.Lead
		if seen[l.ExternalID] {
			t.Errorf("external ID %s twice", l.ExternalID)
		}
		seen[l.ExternalID] = true
		if bad := l.Validate(); len(bad) > 0 {
			t.Errorf("lead %s is invalid: %v", l.ExternalID, bad)
		}
		if !p.At.Before(now) || p.At.Before(now.AddDate(0, 0, -historyDays-1)) {
			t.Errorf("lead %s arrives at %s", l.ExternalID, p.At)
		}
		if i > 0 && p.At.Before(plan[i-1].At) {
			t.Errorf("lead %s arrives before the one planned before it", l.ExternalID)
		}
		sources[l.Source]++
		personas[l.Persona]++
		if spanishCountries[l.Country] && strings.ContainsAny(l.Name+l.Title+l.Notes, "áéíóúñ") {
			spanish++
		}
		if p.Decision == nil {
			t.Errorf("lead %s of the past month is undecided: it would never get a card", l.ExternalID)
			continue
		}
		d := p.Decision
		if bad := d.Validate(armistice.DefaultRejectionReasons); len(bad) > 0 {
			t.Errorf("the decision on %s is invalid: %v", l.ExternalID, bad)
		}
		if !d.At.After(p.At) || !d.At.Before(now) {
			t.Errorf("lead %s arrived %s and was decided %s", l.ExternalID, p.At, d.At)
		}
		verdicts[d.Verdict]++
		deciders[d.By]++
		last := d.At
		for _, st := range p.Stages {
			if bad := st.Update.Validate(); len(bad) > 0 {
				t.Errorf("stage of %s is invalid: %v", l.ExternalID, bad)
			}
			if !st.At.After(last) || !st.At.Before(now) {
				t.Errorf("lead %s moves to %s at %s, after %s", l.ExternalID, st.Update.Stage, st.At, last)
			}
			last = st.At
			stages[st.Update.Stage]++
		}
	}
	for _, s := range []string{"webinar", "ebook", "paid-search", "events", "referral"} {
		if sources[s] == 0 {
			t.Errorf("no lead from %s: %v", s, sources)
		}
	}
	for _, p := range demoPersonas {
		if personas[p] == 0 {
			t.Errorf("no lead of persona %s: %v", p, personas)
		}
	}
	if verdicts[armistice.StatusAccepted] == 0 || verdicts[armistice.StatusRejected] == 0 {
		t.Errorf("verdicts: %v", verdicts)
	}
	if stages[armistice.StatusOpportunity] == 0 || stages[armistice.StatusWon] == 0 || stages[armistice.StatusLost] == 0 {
		t.Errorf("stages: %v", stages)
	}
	if deciders[Rosa] == 0 || deciders[Sam] == 0 {
		t.Errorf("deciders: %v", deciders)
	}
	if spanish == 0 {
		t.Error("no lead in Spanish")
	}
}

func ids(plan []plannedLead) []string {
	var out []string
	for _, p := range plan {
		out = append(out, p.Lead.ExternalID)
	}
	return out
}
