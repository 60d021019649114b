package handlers

import (
	"context"
	"errors"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// LeadHistory returns a lead and its whole audit trail.
func (s *Service) LeadHistory(ctx context.Context, externalID string) (armistice.Lead, []armistice.Event, error) {
	lead, err := s.db.LeadByExternalID(ctx, externalID)
	if errors.Is(err, storage.ErrNotFound) {
		return lead, nil, armistice.Errorf(armistice.ENOTFOUND, "There is no lead with the ID %s.", externalID)
	}
	if err != nil {
		return lead, nil, err
	}
	events, err := s.db.LeadEvents(ctx, lead.ID)
	return lead, events, err
}
