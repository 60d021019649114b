package handlers

import (
	"context"
	"slices"

	"github.com/armistice/armistice"
)

// Scorecard is a month's scorecard for a sales manager or an admin; month
// "" is the current one.
func (s *Service) Scorecard(ctx context.Context, user, month string) (armistice.Scorecard, error) {
	if !s.IsAdmin(user) && !slices.Contains(s.current().SalesManagers, user) {
		return armistice.Scorecard{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only sales managers and admins can see the scorecard.")
	}
	m, err := s.monthArg(month)
	if err != nil {
		return armistice.Scorecard{}, err
	}
	return s.ScorecardOf(ctx, m)
}

// ScorecardOf scores a month: each team and each rep who decided on leads
// in it, against the goals in force and with the weights of the month's
// signed agreement (half shared, half own without one).
func (s *Service) ScorecardOf(ctx context.Context, m armistice.Month) (armistice.Scorecard, error) {
	cfg := s.current()
	sc := armistice.Scorecard{Month: m, SharedWeight: armistice.DefaultSharedWeight}
	a, ok, err := s.db.SignedAgreement(ctx, m)
	if err != nil {
		return sc, err
	}
	if ok && a.Month == m {
		sc.Signed, sc.SharedWeight = true, a.SharedWeight
	}
	stored, err := s.db.Goals(ctx, m.String())
	if err != nil {
		return sc, err
	}
	goals := map[armistice.Metric]float64{}
	for metric, v := range stored {
		goals[armistice.Metric(metric)] = v
	}
	from, to := m.Start(cfg.Location), m.End(cfg.Location)
	c, err := s.db.PeriodCounts(ctx, from, to)
	if err != nil {
		return sc, err
	}
	actual := map[armistice.Metric]float64{}
	for _, info := range armistice.Metrics {
		actual[info.Metric] = Actual(info.Metric, c)
	}
	sc.Teams = []armistice.Score{
		armistice.ScoreTeam(armistice.TeamMarketing, goals, actual, sc.SharedWeight),
		armistice.ScoreTeam(armistice.TeamSales, goals, actual, sc.SharedWeight),
	}
	reps, err := s.db.RepFunnels(ctx, from, to)
	if err != nil {
		return sc, err
	}
	for _, r := range reps {
		own := map[armistice.Metric]float64{
			armistice.MetricAccepted:      float64(r.Accepted),
			armistice.MetricSLAMetRate:    armistice.Rate(float64(r.SLAMet), float64(r.Decided)),
			armistice.MetricOpportunities: float64(r.Opportunities),
		}
		sc.Reps = append(sc.Reps, armistice.ScoreRep(r.User, goals, actual, own, len(reps), sc.SharedWeight))
	}
	return sc, nil
}
