package armistice

import (
	"fmt"
	"testing"
)

func TestReversePlanOnKnownRates(t *testing.T) {
	trailing := Trailing{Visits: 20000, MQLs: 400, Decided: 300, Accepted: 150, Opportunities: 60, Won: 15, WonAmount: 180000}
	p := ReversePlan(120000, 0, trailing)
	// average deal 180000/15 = 12000 → 10 deals; win 15/60 = 25% → 40 opportunities;
	// opportunity rate 60/150 = 40% → 100 SALs; acceptance 150/300 = 50% → 200 MQLs;
	// visit rate 400/20000 = 2% → 10000 visits.
	got := fmt.Sprint(p.AverageDeal, p.Deals, p.Opportunities, p.SALs, p.MQLs, p.Visits, len(p.Defaulted))
	if want := "12000 10 40 100 200 10000 0"; got != want {
		t.Errorf("plan = %s, want %s", got, want)
	}
	p = ReversePlan(100000, 30000, trailing) // 3.33 deals round up to 4
	if p.Deals != 4 || p.Opportunities != 16 || p.SALs != 40 || p.MQLs != 80 || p.Visits != 4000 {
		t.Errorf("plan with a given deal = %+v", p)
	}
}

func TestReversePlanWithoutHistoryUsesAndNamesTheDefaults(t *testing.T) {
	p := ReversePlan(100000, 0, Trailing{})
	if fmt.Sprint(p.Defaulted) != "[average deal win rate opportunity rate acceptance rate visit-to-MQL rate]" {
		t.Errorf("defaulted = %v", p.Defaulted)
	}
	// 100000/10000 = 10 deals /25% = 40 /40% = 100 /60% = 167 /2% = 8350
	if p.Deals != 10 || p.Opportunities != 40 || p.SALs != 100 || p.MQLs != 167 || p.Visits != 8350 {
		t.Errorf("plan = %+v", p)
	}
}

func TestProgressPace(t *testing.T) {
	mqls, _ := LookupMetric("mqls")
	// 20 working days, 10 over: 120 expected of a 240 target; 100 done →
	// behind, 14 a day needed for the 10 days left.
	p := NewProgress(mqls, 100, 240, true, 20, 10)
	if p.Expected != 120 || p.OnPace || p.PerDayNeeded != 14 || Round1(p.Percent) != 41.7 {
		t.Errorf("progress = %+v", p)
	}
	rate, _ := LookupMetric("acceptance_rate")
	if p := NewProgress(rate, 62, 60, true, 20, 10); !p.OnPace || p.Expected != 60 {
		t.Errorf("rate progress = %+v", p)
	}
}
