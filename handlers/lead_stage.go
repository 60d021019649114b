package handlers

import (
	"context"
	"errors"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// errSameStage stops a move to the stage the lead is in already.
var errSameStage = errors.New("already in that stage")

// SetStage records what the CRM reports of a lead: opportunity, won or lost,
// with the amount. Stages only move forward; the same stage again is
// accepted and changes nothing (changed is false), so the CRM may retry.
func (s *Service) SetStage(ctx context.Context, externalID string, u armistice.StageUpdate, actor string) (changed bool, err error) {
	if bad := u.Validate(); len(bad) > 0 {
		return false, &armistice.Error{Code: armistice.EINVALID, Message: InvalidMessage(len(bad)), Fields: bad}
	}
	_, err = s.db.SetStage(ctx, externalID, u, actor, func(from armistice.Status) error {
		if from == u.Stage {
			return errSameStage
		}
		if !armistice.CanMove(from, u.Stage) {
			return armistice.Errorf(armistice.ECONFLICT, "lead %s is %s; it cannot go back to %s", externalID, from, u.Stage)
		}
		return nil
	})
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, errSameStage):
		return false, nil
	case errors.Is(err, storage.ErrNotFound):
		return false, armistice.Errorf(armistice.ENOTFOUND, "no lead with external_id %q", externalID)
	case errors.Is(err, storage.ErrUnavailable):
		return false, &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "the database is unavailable; nothing was changed, please retry"}
	}
	return false, err
}
