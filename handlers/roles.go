package handlers

import (
	"context"
	"slices"

	"github.com/armistice/armistice"
)

// IsAdmin tells whether user may set goals and settings and erase data.
func (s *Service) IsAdmin(user string) bool {
	return slices.Contains(s.current().Admins, user)
}

// CanEnterLeads tells whether user may hand over leads by hand: the
// marketing team (the marketing channel's members) and the admins. The
// refusal is an EUNAUTHORIZED error that says who may.
func (s *Service) CanEnterLeads(ctx context.Context, user string) error {
	if s.IsAdmin(user) {
		return nil
	}
	member, err := s.chat.IsMember(ctx, s.current().MarketingChannel, user)
	if err != nil {
		return err
	}
	if !member {
		return armistice.Errorf(armistice.EUNAUTHORIZED, "Only the marketing team (the members of the marketing channel) and admins can enter leads.")
	}
	return nil
}
