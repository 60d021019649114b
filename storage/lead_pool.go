package storage

import (
	"context"
	"fmt"
)

// LeadPoolReps returns the reps of the pool a lead is assigned in, in the
// pool's order: those a sales manager may give it to. None for a lead not
// assigned.
func (db *DB) LeadPoolReps(ctx context.Context, leadID int64) ([]string, error) {
	reps, err := db.q.LeadPoolReps(ctx, db.pool, leadID)
	if err != nil {
		return nil, fmt.Errorf("reps of lead %d's pool: %w", leadID, interpretError(err))
	}
	return reps, nil
}
