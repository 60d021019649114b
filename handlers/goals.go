package handlers

import (
	"context"
	"maps"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// monthArg reads an optional YYYY-MM argument; empty means the current month.
func (s *Service) monthArg(arg string) (armistice.Month, error) {
	if arg == "" {
		return armistice.MonthOf(s.now(), s.current().Location), nil
	}
	m, err := armistice.ParseMonth(arg)
	if err != nil {
		return m, &armistice.Error{Code: armistice.EINVALID, Message: err.Error()}
	}
	return m, nil
}

// SetGoal sets a month's target for a metric; admins only.
func (s *Service) SetGoal(ctx context.Context, user, metric, target, month string) (armistice.MetricInfo, float64, armistice.Month, error) {
	if !s.IsAdmin(user) {
		return armistice.MetricInfo{}, 0, armistice.Month{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only admins can set goals.")
	}
	info, ok := armistice.LookupMetric(metric)
	if !ok {
		return info, 0, armistice.Month{}, armistice.Errorf(armistice.EINVALID, "%q is not a metric; use one of %s.", metric, armistice.MetricNames())
	}
	v, err := armistice.ParseTarget(info, target)
	if err != nil {
		return info, 0, armistice.Month{}, armistice.Errorf(armistice.EINVALID, "%s.", err.Error())
	}
	m, err := s.monthArg(month)
	if err != nil {
		return info, 0, m, err
	}
	if err := s.db.SetGoal(ctx, m.String(), string(info.Metric), v, user); err != nil {
		return info, v, m, err
	}
	return info, v, m, s.reviseAgreement(ctx, user, m, map[armistice.Metric]float64{info.Metric: v})
}

// reviseAgreement makes goals set by an admin a new version of the
// month's agreement, signed by no one; a month without an agreement gets
// none.
func (s *Service) reviseAgreement(ctx context.Context, user string, m armistice.Month, goals map[armistice.Metric]float64) error {
	versions, err := s.db.AgreementVersions(ctx, m)
	if err != nil || len(versions) == 0 {
		return err
	}
	a := versions[0]
	a.Goals = maps.Clone(a.Goals)
	maps.Copy(a.Goals, goals)
	a.ProposedBy = user
	_, err = s.db.AddAgreementVersion(ctx, a)
	return err
}

// Goals reports a month's progress against its goals.
func (s *Service) Goals(ctx context.Context, month string) (chat.GoalsReport, error) {
	m, err := s.monthArg(month)
	if err != nil {
		return chat.GoalsReport{}, err
	}
	return s.goalsOf(ctx, m, s.now())
}

// goalsOf computes a month's progress as of now.
func (s *Service) goalsOf(ctx context.Context, m armistice.Month, now time.Time) (chat.GoalsReport, error) {
	cfg := s.current()
	goals, err := s.db.Goals(ctx, m.String())
	if err != nil {
		return chat.GoalsReport{}, err
	}
	c, err := s.db.PeriodCounts(ctx, m.Start(cfg.Location), m.End(cfg.Location))
	if err != nil {
		return chat.GoalsReport{}, err
	}
	r := chat.GoalsReport{Month: m}
	if r.Unsigned, err = s.unsignedAgreement(ctx, m); err != nil {
		return chat.GoalsReport{}, err
	}
	r.WorkingDays, r.DaysElapsed = cfg.Calendar().WorkingDays(m, now)
	for _, info := range armistice.Metrics {
		target, has := goals[string(info.Metric)]
		r.Progress = append(r.Progress, armistice.NewProgress(info, Actual(info.Metric, c), target, has, r.WorkingDays, r.DaysElapsed))
	}
	return r, nil
}

// Actual is a metric's value from a period's counts: the definitions of
// PRODUCT.md, written down once.
func Actual(m armistice.Metric, c armistice.Counts) float64 {
	switch m {
	case armistice.MetricVisits:
		return float64(c.Visits)
	case armistice.MetricMQLs:
		return float64(c.MQLs)
	case armistice.MetricAccepted:
		return float64(c.Accepted)
	case armistice.MetricAcceptanceRate:
		return armistice.Rate(float64(c.Accepted), float64(c.Decided))
	case armistice.MetricSLAMetRate:
		return armistice.Rate(float64(c.SLAMet), float64(c.Decided))
	case armistice.MetricOpportunities:
		return float64(c.Opportunities)
	case armistice.MetricWon:
		return float64(c.Won)
	case armistice.MetricRevenue:
		return c.Revenue
	}
	return 0
}

// Plan works the reverse funnel back from a revenue target, with the
// trailing 90 days' rates; averageDeal 0 means the trailing average.
func (s *Service) Plan(ctx context.Context, revenue, averageDeal float64) (armistice.Plan, error) {
	if revenue <= 0 {
		return armistice.Plan{}, armistice.Errorf(armistice.EINVALID, "Give the revenue to plan for, e.g. `plan 250k`.")
	}
	now := s.now()
	c, err := s.db.PeriodCounts(ctx, now.AddDate(0, 0, -90), now)
	if err != nil {
		return armistice.Plan{}, err
	}
	t := armistice.Trailing{
		Visits: float64(c.Visits), MQLs: float64(c.MQLs), Decided: float64(c.Decided), Accepted: float64(c.Accepted),
		Opportunities: float64(c.Opportunities), Won: float64(c.Won), WonAmount: c.Revenue,
	}
	return armistice.ReversePlan(revenue, averageDeal, t), nil
}

// AdoptPlan sets a plan's numbers as the month's goals; admins only.
func (s *Service) AdoptPlan(ctx context.Context, user string, p armistice.Plan, month string) (armistice.Month, error) {
	if !s.IsAdmin(user) {
		return armistice.Month{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only admins can adopt the plan as goals.")
	}
	m, err := s.monthArg(month)
	if err != nil {
		return m, err
	}
	goals := planGoals(p)
	for metric, v := range goals {
		if err := s.db.SetGoal(ctx, m.String(), string(metric), v, user); err != nil {
			return m, err
		}
	}
	return m, s.reviseAgreement(ctx, user, m, goals)
}

// SetVisits records the website visits of days, a later value replacing an
// earlier one.
func (s *Service) SetVisits(ctx context.Context, days map[time.Time]int64) error {
	for d, v := range days {
		if v < 0 {
			return armistice.Errorf(armistice.EINVALID, "visits of %s must not be negative", d.Format(time.DateOnly))
		}
		if err := s.db.SetVisits(ctx, d, v); err != nil {
			return err
		}
	}
	return nil
}
