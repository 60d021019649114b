package handlers

import (
	"context"

	"github.com/armistice/armistice/handlers/chat"
)

// Stats reports a month's funnel, acceptance, SLA compliance, time to
// decision, top rejection reasons and each rep's part: leads assigned,
// accepted, rejected, moved on to another rep, decided within the SLA, and
// the median time to decision.
func (s *Service) Stats(ctx context.Context, month string) (chat.StatsReport, error) {
	m, err := s.monthArg(month)
	if err != nil {
		return chat.StatsReport{}, err
	}
	loc := s.current().Location
	from, to := m.Start(loc), m.End(loc)
	r := chat.StatsReport{Month: m}
	if r.Counts, err = s.db.PeriodCounts(ctx, from, to); err != nil {
		return r, err
	}
	if r.Reasons, err = s.db.TopRejectionReasons(ctx, from, to); err != nil {
		return r, err
	}
	r.Reps, err = s.db.RepStats(ctx, from, to)
	return r, err
}
