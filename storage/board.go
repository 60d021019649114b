package storage

import (
	"context"
	"fmt"
)

// BoardVersion returns a fingerprint of what the board shows: it changes
// with every new lead, decision, CRM stage, goal, day of visits, setting and
// agreement, on whichever replica it was made. Cheap enough to be asked
// every few seconds.
func (db *DB) BoardVersion(ctx context.Context) (string, error) {
	r, err := db.q.BoardVersion(ctx, db.pool)
	if err != nil {
		return "", fmt.Errorf("board version: %w", interpretError(err))
	}
	return fmt.Sprintf("%d.%d.%d.%g.%g.%d.%d.%g", r.LastLead, r.LastEvent, r.Goals, r.GoalSetAt, r.VisitsAt, r.LastSetting, r.Agreements, r.AgreementAt), nil
}
