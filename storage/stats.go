package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// PeriodCounts counts the funnel of [from, to); visits are counted by day,
// from the day of from to the day before the day of to (in from's zone).
func (db *DB) PeriodCounts(ctx context.Context, from, to time.Time) (armistice.Counts, error) {
	r, err := db.q.PeriodCounts(ctx, db.pool, dbsqlc.PeriodCountsParams{FromAt: from, ToAt: to, FromDay: day(from), ToDay: day(to)})
	if err != nil {
		return armistice.Counts{}, fmt.Errorf("period counts: %w", interpretError(err))
	}
	return armistice.Counts{
		Visits: r.Visits, MQLs: r.Mqls, Decided: r.Decided, Accepted: r.Accepted, SLAMet: r.SlaMet,
		Opportunities: r.Opportunities, Won: r.Won, Lost: r.Lost, Revenue: r.Revenue,
		MedianDecision: seconds(r.MedianSeconds), P90Decision: seconds(r.P90Seconds),
		BelowBar: r.BelowBar, BelowBarAccepted: r.BelowBarAccepted,
	}, nil
}

// TopRejectionReasons returns the five most given reasons of [from, to).
func (db *DB) TopRejectionReasons(ctx context.Context, from, to time.Time) ([]armistice.ReasonCount, error) {
	rows, err := db.q.RejectionReasons(ctx, db.pool, dbsqlc.RejectionReasonsParams{FromAt: &from, ToAt: &to})
	if err != nil {
		return nil, fmt.Errorf("rejection reasons: %w", interpretError(err))
	}
	out := make([]armistice.ReasonCount, len(rows))
	for i, r := range rows {
		out[i] = armistice.ReasonCount{Reason: r.Reason, Count: r.N}
	}
	return out, nil
}

// RepDecisions returns each rep's decisions of [from, to), busiest first.
func (db *DB) RepDecisions(ctx context.Context, from, to time.Time) ([]armistice.RepCount, error) {
	rows, err := db.q.RepDecisions(ctx, db.pool, dbsqlc.RepDecisionsParams{FromAt: &from, ToAt: &to})
	if err != nil {
		return nil, fmt.Errorf("rep decisions: %w", interpretError(err))
	}
	out := make([]armistice.RepCount, len(rows))
	for i, r := range rows {
		out[i] = armistice.RepCount{User: r.DecidedBy, Decided: r.Decided, Accepted: r.Accepted, MedianDecision: seconds(r.MedianSeconds)}
	}
	return out, nil
}

// RepStats returns each rep's part in [from, to): leads assigned and moved
// on to another rep, decisions, those in time and the median time to
// decision; busiest first.
func (db *DB) RepStats(ctx context.Context, from, to time.Time) ([]armistice.RepCount, error) {
	rows, err := db.q.RepStats(ctx, db.pool, dbsqlc.RepStatsParams{FromAt: from, ToAt: to})
	if err != nil {
		return nil, fmt.Errorf("reps' stats: %w", interpretError(err))
	}
	out := make([]armistice.RepCount, len(rows))
	for i, r := range rows {
		out[i] = armistice.RepCount{
			User: r.Rep, Assigned: r.Assigned, Decided: r.Decided, Accepted: r.Accepted, Rejected: r.Rejected,
			ReassignedAway: r.ReassignedAway, SLAMet: r.SlaMet, MedianDecision: seconds(r.MedianSeconds),
		}
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

// DailyTrend returns MQLs and acceptances for each day of [from, to); from
// must be a midnight.
func (db *DB) DailyTrend(ctx context.Context, from, to time.Time) ([]armistice.DayCount, error) {
	rows, err := db.q.DailyTrend(ctx, db.pool, dbsqlc.DailyTrendParams{FromAt: from, LastDay: to.AddDate(0, 0, -1)})
	if err != nil {
		return nil, fmt.Errorf("daily trend: %w", interpretError(err))
	}
	out := make([]armistice.DayCount, len(rows))
	for i, r := range rows {
		out[i] = armistice.DayCount{Day: r.Day.In(from.Location()), MQLs: r.Mqls, Accepted: r.Accepted}
	}
	return out, nil
}

// RepFunnels returns each rep's decisions of [from, to), and the
// opportunities of the leads they own, by user ID.
func (db *DB) RepFunnels(ctx context.Context, from, to time.Time) ([]armistice.RepFunnel, error) {
	rows, err := db.q.RepScorecardCounts(ctx, db.pool, dbsqlc.RepScorecardCountsParams{FromAt: from, ToAt: to})
	if err != nil {
		return nil, fmt.Errorf("reps' funnels: %w", interpretError(err))
	}
	out := make([]armistice.RepFunnel, len(rows))
	for i, r := range rows {
		out[i] = armistice.RepFunnel{User: r.Rep, Decided: r.Decided, Accepted: r.Accepted, SLAMet: r.SlaMet, Opportunities: r.Opportunities}
	}
	return out, nil
}
