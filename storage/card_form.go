package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// A lead's card has one of two forms: the full one, or the minimal one
// posted when the platform refused the full card. The minimal form is
// recorded as an armistice.EventCardMinimal event on the lead, with the
// platform's answer, so that every redraw keeps it.

// RecordMinimalCard records that the platform refused a lead's full card
// on a redraw and that its card is drawn in the minimal form from now on.
func (db *DB) RecordMinimalCard(ctx context.Context, leadID int64, platform armistice.Platform, refused string) error {
	if err := db.insertMinimalCardEvent(ctx, db.pool, leadID, platform, refused); err != nil {
		return fmt.Errorf("recording the minimal card of lead %d: %w", leadID, interpretError(err))
	}
	return nil
}

func (db *DB) insertMinimalCardEvent(ctx context.Context, tx dbsqlc.DBTX, leadID int64, platform armistice.Platform, refused string) error {
	data, _ := json.Marshal(map[string]string{"platform": string(platform), "reason": refused})
	return db.q.InsertLeadEvents(ctx, tx, dbsqlc.InsertLeadEventsParams{Kind: string(armistice.EventCardMinimal), Actor: "armistice", Data: data, At: db.now(), LeadIds: []int64{leadID}})
}

// MinimalCard tells whether a lead's card is drawn in the minimal form.
func (db *DB) MinimalCard(ctx context.Context, leadID int64) (bool, error) {
	events, err := db.LeadEvents(ctx, leadID)
	if err != nil {
		return false, err
	}
	for _, e := range events {
		if e.Kind == armistice.EventCardMinimal {
			return true, nil
		}
	}
	return false, nil
}
