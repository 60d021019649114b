package handlers

import (
	"context"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// MaxMyLeads is how many of a rep's undecided leads their personal view
// reads; the count says how many there are in all.
const MaxMyLeads = 40

// The personal view's read models (handlers/chat).
type (
	MyLeadsReport = chat.MyLeadsReport
	MyLead        = chat.MyLead
	MyMonth       = chat.MyMonth
)

// MyLeads returns the personal view of user. Anyone may see their own.
func (s *Service) MyLeads(ctx context.Context, user string) (MyLeadsReport, error) {
	cfg := s.current()
	now := s.now()
	m := armistice.MonthOf(now, cfg.Location)
	mine, err := s.db.MyLeads(ctx, user, MaxMyLeads, 5, m.Start(cfg.Location), m.End(cfg.Location))
	if err != nil {
		return MyLeadsReport{}, err
	}
	goals, err := s.goalsOf(ctx, m, now)
	if err != nil {
		return MyLeadsReport{}, err
	}
	r := MyLeadsReport{User: user, LeadCount: mine.UndecidedCount, Decided: mine.Decided, Goals: goals,
		Month: MyMonth{Month: m, Assigned: mine.Month.Assigned, Decided: mine.Month.Decided, Accepted: mine.Month.Accepted,
			SLAMet: mine.Month.SLAMet, MedianTook: mine.Month.MedianTook}}
	cal := cfg.Calendar()
	for _, l := range mine.Undecided {
		due := cal.Add(l.ReceivedAt, cfg.SLA)
		if l.DueAt != nil {
			due = *l.DueAt
		}
		left := cal.Between(now, due)
		if !now.Before(due) {
			left = -cal.Between(due, now)
		}
		r.Leads = append(r.Leads, MyLead{Lead: l, Left: left})
	}
	return r, nil
}
