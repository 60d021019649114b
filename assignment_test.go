package armistice

import (
	"testing"
	"time"
)

func TestAssignPicksTheFewestByWeightAndSaysWhyOthersWerePassedOver(t *testing.T) {
	early, late := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	until := Date{2026, time.December, 5}
	cases := []struct {
		name       string
		reps       []PoolRep
		pref       *Preferred
		skip       string
		want       string
		turn       bool
		passed     map[string]string
		wantReason AssignReason
	}{
		{"fewest relative to weight", []PoolRep{{User: "A", Weight: 1, Month: 3}, {User: "B", Weight: 2, Month: 5}}, nil, "", "B", true,
			map[string]string{"A": "3 this month against 5 this month at weight 2"}, AssignRoundRobin},
		{"a tie goes to the least recently assigned", []PoolRep{{User: "A", Weight: 1, Month: 2, LastTurn: late}, {User: "B", Weight: 1, Month: 2, LastTurn: early}}, nil, "", "B", true,
			map[string]string{"A": "as many this month (2 this month), but had a lead more recently"}, AssignRoundRobin},
		{"credit counts as leads", []PoolRep{{User: "A", Weight: 1, Month: 0, Credit: 4}, {User: "B", Weight: 1, Month: 3}}, nil, "", "B", true, nil, AssignRoundRobin},
		{"away and capped are skipped", []PoolRep{{User: "A", Weight: 1, Away: true, AwayUntil: &until}, {User: "B", Weight: 1, DailyCap: 2, Today: 2}, {User: "C", Weight: 1, Month: 9}}, nil, "", "C", true,
			map[string]string{"A": "away until 2026-12-05", "B": "capped: 2 of 2 today"}, AssignRoundRobin},
		{"the rep it comes from is skipped", []PoolRep{{User: "A", Weight: 1}, {User: "B", Weight: 1, Month: 5}}, nil, "A", "B", true,
			map[string]string{"A": "the rep it comes from"}, AssignRoundRobin},
		{"nobody available", []PoolRep{{User: "A", Weight: 1, Away: true}}, nil, "", "", false, map[string]string{"A": "away"}, AssignNobody},
		{"the owner first, without a turn", []PoolRep{{User: "A", Weight: 1}, {User: "B", Weight: 1, Month: 7}}, &Preferred{User: "B", Reason: AssignOwner, Why: "owner"}, "", "B", false, nil, AssignOwner},
		{"an owner away leaves it to the rotation", []PoolRep{{User: "A", Weight: 1}}, &Preferred{User: "B", Reason: AssignCompany, Away: "away"}, "", "A", true,
			map[string]string{"B": "company first, but away"}, AssignRoundRobin},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := Assign(tc.reps, tc.pref, AssignRoundRobin, tc.skip)
			if a.To != tc.want || a.Turn != tc.turn || a.Reason != tc.wantReason || a.Why == "" {
				t.Errorf("Assign = to %q turn %v reason %s (%s), want to %q turn %v reason %s", a.To, a.Turn, a.Reason, a.Why, tc.want, tc.turn, tc.wantReason)
			}
			for _, c := range a.Candidates {
				if want, ok := tc.passed[c.User]; ok && c.Passed != want {
					t.Errorf("%s passed over for %q, want %q", c.User, c.Passed, want)
				}
			}
		})
	}
}

func TestShareCreditBringsARepToThePoolsLowestShare(t *testing.T) {
	reps := []PoolRep{{User: "A", Weight: 1, Month: 2}, {User: "B", Weight: 1, Month: 9}, {User: "C", Weight: 2, Month: 12}, {User: "D", Weight: 1, Away: true}}
	if got := ShareCredit(reps, PoolRep{User: "A", Weight: 1, Month: 2}); got != 4 {
		t.Errorf("credit = %v, want 4 (C's 6 per weight, less A's 2)", got)
	}
	if got := ShareCredit(reps, PoolRep{User: "B", Weight: 2, Month: 9}); got != 0 {
		t.Errorf("credit = %v, want 0 (at weight 2 the lowest share, A's 2, is 4 leads: B has more)", got)
	}
	if got := ShareCredit(reps, PoolRep{User: "E", Weight: 2}); got != 4 {
		t.Errorf("credit of a new rep at weight 2 = %v, want 4", got)
	}
}
