package handlers

import (
	"context"
	"errors"
	"slices"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// Reassign moves an undecided lead to the rep a sales manager chose (the
// card's user picker), with a fresh window, without using up the rep's
// turn; the card, the thread and both reps' copies say so, and the history
// says who moved it. Only a sales manager may.
func (s *Service) Reassign(ctx context.Context, by string, leadID int64, to string) (armistice.Lead, error) {
	if !slices.Contains(s.current().SalesManagers, by) {
		return armistice.Lead{}, armistice.Errorf(armistice.EUNAUTHORIZED, "Only the sales managers can reassign leads.")
	}
	if _, ok := armistice.UserPlatform(to); !ok {
		return armistice.Lead{}, armistice.Errorf(armistice.EINVALID, "%q is not a user: pick the rep to give the lead to.", to)
	}
	lead, err := s.db.Lead(ctx, leadID)
	if errors.Is(err, storage.ErrNotFound) {
		return lead, armistice.Errorf(armistice.ENOTFOUND, "This lead no longer exists.")
	} else if err != nil {
		return lead, err
	}
	switch {
	case !armistice.Undecided(lead.Status):
		return lead, armistice.Errorf(armistice.ECONFLICT, "This lead is %s already; there is nothing to reassign.", lead.Status)
	case lead.Assignee == to:
		return lead, nil
	}
	choose := func(ctx context.Context, _ armistice.Lead, _ []armistice.PoolRep, _ func(string) (string, error)) (armistice.Assignment, error) {
		return armistice.Assignment{To: to, Reason: armistice.AssignManual, Why: "reassigned by a sales manager", Candidates: []armistice.Candidate{{User: to}}}, nil
	}
	step := storage.AssignStep{LeadID: leadID, From: lead.Assignee, Actor: by, Manual: true}
	moved, err := s.moveLead(ctx, step, armistice.AssignManual, choose)
	if err != nil {
		return lead, err
	}
	if !moved {
		return lead, armistice.Errorf(armistice.ECONFLICT, "This lead's channel has no pool: anyone on the sales team may take it.")
	}
	return s.db.Lead(ctx, leadID)
}
