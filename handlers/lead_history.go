package handlers

import (
	"context"
	"errors"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// LeadHistory returns a lead and its whole audit trail, for the sales
// team, the marketing team and the admins (see canReadLead). Whether the
// lead exists is told only to them.
func (s *Service) LeadHistory(ctx context.Context, user, externalID string) (armistice.Lead, []armistice.Event, error) {
	lead, err := s.db.LeadByExternalID(ctx, externalID)
	found := err == nil
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return lead, nil, err
	}
	if err := s.canReadLead(ctx, user, lead.ID); err != nil {
		return armistice.Lead{}, nil, err
	}
	if !found {
		return lead, nil, armistice.Errorf(armistice.ENOTFOUND, "There is no lead with the ID %s.", externalID)
	}
	events, err := s.db.LeadEvents(ctx, lead.ID)
	return lead, events, err
}
