package armistice

import (
	"math"
	"testing"
)

func TestScorecardWeighsOwnCommitmentsAndSharedGoals(t *testing.T) {
	goals := map[Metric]float64{MetricVisits: 1000, MetricMQLs: 100, MetricAcceptanceRate: 50, MetricAccepted: 40,
		MetricSLAMetRate: 90, MetricOpportunities: 20, MetricWon: 5, MetricRevenue: 50000}
	actual := map[Metric]float64{MetricVisits: 1200, MetricMQLs: 80, MetricAcceptanceRate: 40, MetricAccepted: 30,
		MetricSLAMetRate: 90, MetricOpportunities: 10, MetricWon: 5, MetricRevenue: 25000}
	repA := map[Metric]float64{MetricAccepted: 20, MetricSLAMetRate: 80, MetricOpportunities: 6}
	for _, tc := range []struct {
		name                  string
		got                   Score
		own, shared, total    float64
		ownGoals, sharedGoals int
	}{
		// visits 100 (capped), MQLs 80, acceptance 80 → 86.67; won 100, revenue 50 → 75.
		{"marketing, half and half", ScoreTeam(TeamMarketing, goals, actual, 50), 86.667, 75, 80.833, 3, 2},
		{"marketing, all shared", ScoreTeam(TeamMarketing, goals, actual, 100), 86.667, 75, 75, 3, 2},
		{"marketing, all own", ScoreTeam(TeamMarketing, goals, actual, 0), 86.667, 75, 86.667, 3, 2},
		// accepted 75, followed up in time 100, opportunities 50 → 75.
		{"sales", ScoreTeam(TeamSales, goals, actual, 50), 75, 75, 75, 3, 2},
		// one of two reps: accepted 20 of 20 → 100, 80% of 90% → 88.89,
		// opportunities 6 of 10 → 60: 82.96; shared 75.
		{"a rep", ScoreRep("U0REP00001", goals, actual, repA, 2, 50), 82.963, 75, 78.981, 3, 2},
		{"only shared goals", ScoreTeam(TeamSales, map[Metric]float64{MetricWon: 10}, actual, 50), 0, 50, 50, 0, 1},
		{"only own goals", ScoreTeam(TeamSales, map[Metric]float64{MetricOpportunities: 40}, actual, 50), 25, 0, 25, 1, 0},
		{"no goals", ScoreTeam(TeamSales, nil, actual, 50), 0, 0, 0, 0, 0},
	} {
		near := func(a, b float64) bool { return math.Abs(a-b) < 0.001 }
		if !near(tc.got.OwnPct, tc.own) || !near(tc.got.SharedPct, tc.shared) || !near(tc.got.Total, tc.total) ||
			len(tc.got.Own) != tc.ownGoals || len(tc.got.Shared) != tc.sharedGoals {
			t.Errorf("%s: own %.3f shared %.3f total %.3f (%d own, %d shared goals), want %.3f %.3f %.3f (%d, %d)", tc.name,
				tc.got.OwnPct, tc.got.SharedPct, tc.got.Total, len(tc.got.Own), len(tc.got.Shared), tc.own, tc.shared, tc.total, tc.ownGoals, tc.sharedGoals)
		}
	}
	if a := Attainment(0, 0); a != 100 {
		t.Errorf("a target of 0: %v", a)
	}
}
