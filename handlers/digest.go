package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// DigestJob names one digest to post in one channel.
type DigestJob struct {
	Kind    chat.DigestKind
	Period  string
	Channel string
}

// periodOf gives the key and the reported range of a digest due on day
// (midnight in loc).
func periodOf(kind chat.DigestKind, day time.Time) (key string, from, to time.Time) {
	switch kind {
	case chat.DigestWeekly:
		from = day.AddDate(0, 0, -7)
		y, w := from.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), from, day
	case chat.DigestMonthly:
		m := armistice.MonthOf(day, day.Location()).Prev()
		return m.String(), m.Start(day.Location()), m.End(day.Location())
	case chat.DigestAgreement:
		m := armistice.MonthOf(day, day.Location())
		return m.String(), m.Start(day.Location()), m.End(day.Location())
	}
	return day.Format(time.DateOnly), day.AddDate(0, 0, -1), day
}

// DigestsDue lists the digests owed at now and not yet posted: today's daily
// digest once its scheduled time has passed (so one missed while the bot was
// down is posted when it comes back the same day), the weekly summary on
// Mondays, the monthly review on the month's first working day — in every
// digest channel. A digest scheduled before the installation is not owed.
func (s *Service) DigestsDue(ctx context.Context, now time.Time) ([]DigestJob, error) {
	cfg := s.current()
	sched, err := armistice.ParseSchedule(cfg.DigestSchedule)
	if err != nil {
		return nil, fmt.Errorf("digest schedule: %w", err)
	}
	now = now.In(cfg.Location)
	y, mo, d := now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, cfg.Location)
	at := sched.Next(today.Add(-time.Nanosecond))
	if !at.Before(today.AddDate(0, 0, 1)) || at.After(now) {
		return nil, nil // not scheduled today, or not yet
	}
	installed, err := s.db.InstalledAt(ctx)
	if err != nil {
		return nil, err
	}
	if at.Before(installed) {
		return nil, nil
	}
	kinds := []chat.DigestKind{chat.DigestDaily}
	if now.Weekday() == time.Monday {
		kinds = append(kinds, chat.DigestWeekly)
	}
	if firstWorkingDay(cfg.Calendar(), today) {
		kinds = append(kinds, chat.DigestMonthly)
	}
	var due []DigestJob
	agreement, err := s.agreementDue(ctx, today)
	if err != nil {
		return nil, err
	}
	for _, kind := range agreement {
		key, _, _ := periodOf(kind, today)
		for _, ch := range s.agreementChannels() {
			posted, err := s.db.DigestPosted(ctx, string(kind), key, ch)
			if err != nil {
				return nil, err
			}
			if !posted {
				due = append(due, DigestJob{Kind: kind, Period: key, Channel: ch})
			}
		}
	}
	for _, kind := range kinds {
		key, _, _ := periodOf(kind, today)
		for _, ch := range cfg.DigestChannels {
			posted, err := s.db.DigestPosted(ctx, string(kind), key, ch)
			if err != nil {
				return nil, err
			}
			if !posted {
				due = append(due, DigestJob{Kind: kind, Period: key, Channel: ch})
			}
		}
	}
	return due, nil
}

// firstWorkingDay tells whether day is the month's first working day
// (holidays are none).
func firstWorkingDay(c armistice.Calendar, day time.Time) bool {
	if !c.WorkingDay(day) {
		return false
	}
	for d := day.AddDate(0, 0, -1); d.Month() == day.Month(); d = d.AddDate(0, 0, -1) {
		if c.WorkingDay(d) {
			return false
		}
	}
	return true
}

// ComposeDigest gathers a digest due on the day of now.
func (s *Service) ComposeDigest(ctx context.Context, kind chat.DigestKind, now time.Time) (chat.Digest, error) {
	cfg := s.current()
	now = now.In(cfg.Location)
	y, mo, d := now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, cfg.Location)
	if kind == chat.DigestAgreement || kind == chat.DigestAgreementReminder {
		return s.composeAgreement(ctx, kind, today)
	}
	key, from, to := periodOf(kind, today)
	dg := chat.Digest{Kind: kind, Period: key, From: from, To: to, Zone: cfg.Location}
	var err error
	if dg.Counts, err = s.db.PeriodCounts(ctx, from, to); err != nil {
		return dg, err
	}
	if dg.Reasons, err = s.db.TopRejectionReasons(ctx, from, to); err != nil {
		return dg, err
	}
	if dg.Pending, dg.Overdue, err = s.db.Pending(ctx); err != nil {
		return dg, err
	}
	month := armistice.MonthOf(from, cfg.Location)
	if kind != chat.DigestMonthly {
		month = armistice.MonthOf(now, cfg.Location)
	}
	if dg.Goals, err = s.goalsOf(ctx, month, now); err != nil {
		return dg, err
	}
	if dg.Reps, err = s.db.RepDecisions(ctx, month.Start(cfg.Location), now); err != nil {
		return dg, err
	}
	if dg.Trend, err = s.db.DailyTrend(ctx, today.AddDate(0, 0, -14), today); err != nil {
		return dg, err
	}
	if dg.Insights, err = s.db.InsightsBetween(ctx, from, to); err != nil {
		return dg, err
	}
	s.addBriefs(ctx, &dg) // brief.go
	switch kind {
	case chat.DigestDaily:
		dg.Title = "Daily digest for " + from.Format("Monday 2 January")
	case chat.DigestWeekly:
		dg.Title = fmt.Sprintf("Weekly summary: %s to %s", from.Format("2 Jan"), to.AddDate(0, 0, -1).Format("2 Jan"))
		if dg.Agenda, err = s.openAgenda(ctx); err != nil {
			return dg, err
		}
	case chat.DigestMonthly:
		dg.Title = "Monthly review of " + from.Format("January 2006")
		for _, p := range dg.Goals.Progress {
			if p.Metric == armistice.MetricRevenue && p.HasGoal {
				plan, err := s.Plan(ctx, p.Target, 0)
				if err == nil {
					dg.Plan = &plan
				}
			}
		}
	}
	return dg, nil
}

// PostDigest posts a digest to a channel once. retry says an earlier
// attempt may have posted it without recording it: the channel is searched
// first.
func (s *Service) PostDigest(ctx context.Context, job DigestJob, retry bool) error {
	posted, err := s.db.DigestPosted(ctx, string(job.Kind), job.Period, job.Channel)
	if err != nil || posted {
		return err
	}
	var ref chat.MessageRef
	found := false
	if retry {
		if ref, found, err = s.chat.FindDigest(ctx, job.Channel, string(job.Kind), job.Period, s.now().Add(-24*time.Hour)); err != nil {
			return err
		}
	}
	if !found {
		dg, err := s.ComposeDigest(ctx, job.Kind, s.now())
		if err != nil {
			return err
		}
		if dg.Period != job.Period {
			return nil // the day has turned: this digest's day is over
		}
		if ref, err = s.chat.PostDigest(ctx, job.Channel, s.digestFor(dg, job.Channel)); err != nil {
			return err
		}
	}
	return s.db.RecordDigest(ctx, string(job.Kind), job.Period, job.Channel, ref.ID)
}

// PreviewDigest composes today's daily digest for one person.
func (s *Service) PreviewDigest(ctx context.Context) (chat.Digest, error) {
	dg, err := s.ComposeDigest(ctx, chat.DigestDaily, s.now())
	if errors.Is(err, storage.ErrUnavailable) {
		return dg, &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "The database is unavailable; try again in a minute."}
	}
	return dg, err
}
