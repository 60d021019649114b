package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// Counts is the funnel of a period.
type Counts struct {
	Visits, MQLs, Decided, Accepted, SLAMet, Opportunities, Won, Lost int64
	Revenue                                                           float64
	MedianDecision, P90Decision                                       time.Duration // business time to decision
}

// ReasonCount is how often a rejection reason was given.
type ReasonCount struct {
	Reason string
	Count  int64
}

// RepCount is one rep's decisions in a period.
type RepCount struct {
	User           string
	Decided        int64
	Accepted       int64
	MedianDecision time.Duration
}

// PeriodCounts counts the funnel of [from, to); visits are counted by day,
// from the day of from to the day before the day of to (in from's zone).
func (db *DB) PeriodCounts(ctx context.Context, from, to time.Time) (Counts, error) {
	r, err := db.q.PeriodCounts(ctx, db.pool, dbsqlc.PeriodCountsParams{FromAt: from, ToAt: to, FromDay: day(from), ToDay: day(to)})
	if err != nil {
		return Counts{}, fmt.Errorf("period counts: %w", interpretError(err))
	}
	return Counts{
		Visits: r.Visits, MQLs: r.Mqls, Decided: r.Decided, Accepted: r.Accepted, SLAMet: r.SlaMet,
		Opportunities: r.Opportunities, Won: r.Won, Lost: r.Lost, Revenue: r.Revenue,
		MedianDecision: seconds(r.MedianSeconds), P90Decision: seconds(r.P90Seconds),
	}, nil
}

// TopRejectionReasons returns the five most given reasons of [from, to).
func (db *DB) TopRejectionReasons(ctx context.Context, from, to time.Time) ([]ReasonCount, error) {
	rows, err := db.q.RejectionReasons(ctx, db.pool, dbsqlc.RejectionReasonsParams{FromAt: &from, ToAt: &to})
	if err != nil {
		return nil, fmt.Errorf("rejection reasons: %w", interpretError(err))
	}
	out := make([]ReasonCount, len(rows))
	for i, r := range rows {
		out[i] = ReasonCount{Reason: r.Reason, Count: r.N}
	}
	return out, nil
}

// RepDecisions returns each rep's decisions of [from, to), busiest first.
func (db *DB) RepDecisions(ctx context.Context, from, to time.Time) ([]RepCount, error) {
	rows, err := db.q.RepDecisions(ctx, db.pool, dbsqlc.RepDecisionsParams{FromAt: &from, ToAt: &to})
	if err != nil {
		return nil, fmt.Errorf("rep decisions: %w", interpretError(err))
	}
	out := make([]RepCount, len(rows))
	for i, r := range rows {
		out[i] = RepCount{User: r.DecidedBy, Decided: r.Decided, Accepted: r.Accepted, MedianDecision: seconds(r.MedianSeconds)}
	}
	return out, nil
}

// Pending counts the leads awaiting a decision now, and the overdue ones.
func (db *DB) Pending(ctx context.Context) (pending, overdue int64, err error) {
	r, err := db.q.PendingLeads(ctx, db.pool)
	if err != nil {
		return 0, 0, fmt.Errorf("pending leads: %w", interpretError(err))
	}
	return r.Pending, r.Overdue, nil
}

func day(t time.Time) pgtype.Date {
	y, m, d := t.Date()
	return pgtype.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Valid: true}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// DayCount is one day of the trend.
type DayCount struct {
	Day      time.Time
	MQLs     int64
	Accepted int64
}

// DailyTrend returns MQLs and acceptances for each day of [from, to); from
// must be a midnight.
func (db *DB) DailyTrend(ctx context.Context, from, to time.Time) ([]DayCount, error) {
	rows, err := db.q.DailyTrend(ctx, db.pool, dbsqlc.DailyTrendParams{FromAt: from, LastDay: to.AddDate(0, 0, -1)})
	if err != nil {
		return nil, fmt.Errorf("daily trend: %w", interpretError(err))
	}
	out := make([]DayCount, len(rows))
	for i, r := range rows {
		out[i] = DayCount{Day: r.Day.In(from.Location()), MQLs: r.Mqls, Accepted: r.Accepted}
	}
	return out, nil
}
