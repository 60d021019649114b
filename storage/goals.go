package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// SetGoal sets (or replaces) the target of a metric for a month.
func (db *DB) SetGoal(ctx context.Context, period, metric string, target float64, by string) error {
	err := db.q.UpsertGoal(ctx, db.pool, dbsqlc.UpsertGoalParams{Period: period, Metric: metric, Target: target, SetBy: by, SetAt: db.now()})
	if err != nil {
		return fmt.Errorf("setting the %s goal of %s: %w", metric, period, interpretError(err))
	}
	return nil
}

// Goals returns the targets of a month by metric.
func (db *DB) Goals(ctx context.Context, period string) (map[string]float64, error) {
	rows, err := db.q.GoalsOf(ctx, db.pool, period)
	if err != nil {
		return nil, fmt.Errorf("goals of %s: %w", period, interpretError(err))
	}
	goals := make(map[string]float64, len(rows))
	for _, r := range rows {
		goals[r.Metric] = r.Target
	}
	return goals, nil
}

// SetVisits records a day's website visits, replacing an earlier value.
func (db *DB) SetVisits(ctx context.Context, d time.Time, visits int64) error {
	if err := db.q.UpsertVisits(ctx, db.pool, dbsqlc.UpsertVisitsParams{Day: day(d), Visits: visits, UpdatedAt: db.now()}); err != nil {
		return fmt.Errorf("visits of %s: %w", d.Format(time.DateOnly), interpretError(err))
	}
	return nil
}
