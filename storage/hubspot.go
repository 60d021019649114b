package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// DealCursor is how far the deals read back from HubSpot have been applied:
// the newest modification time applied, and the deals applied that were
// modified at exactly that time.
type DealCursor struct {
	Modified time.Time
	DealIDs  []string
}

// HubSpotDealCursor returns where reading HubSpot's deals got to; before
// the first read, the arrival of the first lead, or now when there is none.
func (db *DB) HubSpotDealCursor(ctx context.Context) (DealCursor, error) {
	row, err := db.q.HubSpotDealCursor(ctx, db.pool, db.now())
	if err != nil {
		return DealCursor{}, fmt.Errorf("the HubSpot deal cursor: %w", interpretError(err))
	}
	return DealCursor{Modified: row.ModifiedAt, DealIDs: row.DealIds}, nil
}

// SaveHubSpotDealCursor moves the cursor forward; a cursor behind the one
// stored changes nothing.
func (db *DB) SaveHubSpotDealCursor(ctx context.Context, c DealCursor) error {
	ids := c.DealIDs
	if ids == nil {
		ids = []string{}
	}
	err := db.q.SaveHubSpotDealCursor(ctx, db.pool, dbsqlc.SaveHubSpotDealCursorParams{ModifiedAt: c.Modified, DealIds: ids})
	if err != nil {
		return fmt.Errorf("saving the HubSpot deal cursor: %w", interpretError(err))
	}
	return nil
}

// LeadExternalIDsByEmail returns the external IDs of the leads with an email
// address (any case), oldest first.
func (db *DB) LeadExternalIDsByEmail(ctx context.Context, email string) ([]string, error) {
	ids, err := db.q.LeadExternalIDsByEmail(ctx, db.pool, email)
	if err != nil {
		return nil, fmt.Errorf("the leads of an email address: %w", interpretError(err))
	}
	return ids, nil
}
