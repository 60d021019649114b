package armistice

import "math"

// GoalScore is how far one goal was reached: its attainment is the actual
// over the target in %, capped at 100 so that one goal beaten does not
// hide another missed.
type GoalScore struct {
	MetricInfo
	Target, Actual, Attainment float64
}

// Score is a team's or a rep's scorecard for a month: the attainment of
// its own commitments and of the shared goals (each the mean of its
// goals'), and the two weighted as the agreement says. Without goals on
// one side, the other side makes the whole score.
type Score struct {
	Who          string // the team, or the rep's user ID
	Team         Team
	Own, Shared  []GoalScore
	OwnPct       float64
	SharedPct    float64
	SharedWeight int
	Total        float64
}

// Attainment is actual over target in %, capped at 100; a target of 0 is
// met by anything.
func Attainment(target, actual float64) float64 {
	if target <= 0 {
		return 100
	}
	return math.Min(100, actual/target*100)
}

// ScoreTeam scores team against the month's goals, with the month's
// actual values by metric.
func ScoreTeam(team Team, goals, actual map[Metric]float64, sharedWeight int) Score {
	return score(string(team), team, goals, actual, func(MetricInfo) float64 { return 1 }, actual, sharedWeight)
}

// ScoreRep scores one of the sales reps: on sales' commitments with the
// rep's own numbers (a count target split evenly among the reps, a rate
// target as it is), and on the shared goals with the whole company's.
func ScoreRep(rep string, goals, teamActual, repActual map[Metric]float64, reps, sharedWeight int) Score {
	share := func(m MetricInfo) float64 {
		if m.Rate || reps <= 0 {
			return 1
		}
		return 1 / float64(reps)
	}
	return score(rep, TeamSales, goals, repActual, share, teamActual, sharedWeight)
}

// score is the arithmetic of ScoreTeam and ScoreRep: own goals' targets
// are scaled by share and met by own; shared goals are met by shared.
func score(who string, team Team, goals, own map[Metric]float64, share func(MetricInfo) float64, shared map[Metric]float64, sharedWeight int) Score {
	s := Score{Who: who, Team: team, SharedWeight: sharedWeight}
	for _, m := range Metrics {
		target, ok := goals[m.Metric]
		switch {
		case !ok:
		case m.Team == team:
			t := target * share(m)
			s.Own = append(s.Own, GoalScore{m, t, own[m.Metric], Attainment(t, own[m.Metric])})
		case m.Team == TeamBoth:
			s.Shared = append(s.Shared, GoalScore{m, target, shared[m.Metric], Attainment(target, shared[m.Metric])})
		}
	}
	s.OwnPct, s.SharedPct = meanAttainment(s.Own), meanAttainment(s.Shared)
	w := float64(sharedWeight) / 100
	switch {
	case len(s.Own) == 0 && len(s.Shared) == 0:
	case len(s.Own) == 0:
		s.Total = s.SharedPct
	case len(s.Shared) == 0:
		s.Total = s.OwnPct
	default:
		s.Total = w*s.SharedPct + (1-w)*s.OwnPct
	}
	return s
}

func meanAttainment(gs []GoalScore) float64 {
	if len(gs) == 0 {
		return 0
	}
	var sum float64
	for _, g := range gs {
		sum += g.Attainment
	}
	return sum / float64(len(gs))
}

// RepFunnel is one rep's part of a month's funnel, for the scorecard.
type RepFunnel struct {
	User                                     string
	Decided, Accepted, SLAMet, Opportunities int64
}

// Scorecard is a month's scores: each team's, then each rep's.
type Scorecard struct {
	Month        Month
	SharedWeight int
	// Signed says the weights and goals are those both teams signed;
	// unsigned, the goals in force and the default weights are used.
	Signed bool
	Teams  []Score
	Reps   []Score
}
