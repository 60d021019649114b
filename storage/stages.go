package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// SetStage moves the lead with the sender's ID to a CRM stage, with its
// "stage" event, in one transaction. allow is asked, with the lead's status
// under a row lock, whether the move may happen; its error aborts it. It
// returns the lead's status before the move.
func (db *DB) SetStage(ctx context.Context, externalID string, u armistice.StageUpdate, actor string, allow func(from armistice.Status) error) (armistice.Status, error) {
	var from armistice.Status
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		row, err := db.q.LockLeadByExternalID(ctx, tx, externalID)
		if err != nil {
			return err
		}
		from = armistice.Status(row.Status)
		if err := allow(from); err != nil {
			return err
		}
		if err := db.q.UpdateLeadStage(ctx, tx, dbsqlc.UpdateLeadStageParams{ID: row.ID, Status: string(u.Stage), Amount: u.Amount, Currency: u.Currency}); err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]any{"from": from, "stage": u.Stage, "amount": u.Amount, "currency": u.Currency})
		return db.q.InsertLeadEvents(ctx, tx, dbsqlc.InsertLeadEventsParams{Kind: string(armistice.EventStage), Actor: actor, Data: data, At: db.now(), LeadIds: []int64{row.ID}})
	})
	if err != nil {
		return from, fmt.Errorf("setting the stage of lead %q: %w", externalID, err)
	}
	return from, nil
}
