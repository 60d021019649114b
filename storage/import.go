package storage

import (
	"context"
	"fmt"
)

// ExistingExternalIDs reports which of ids are already stored, as a set. It
// only reads: the CSV import's dry run finds its duplicates with it.
func (db *DB) ExistingExternalIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	found := make(map[string]bool)
	if len(ids) == 0 {
		return found, nil
	}
	rows, err := db.q.ExistingExternalIDs(ctx, db.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("looking up %d external IDs: %w", len(ids), interpretError(err))
	}
	for _, id := range rows {
		found[id] = true
	}
	return found, nil
}
