package handlers

import (
	"context"
	"errors"
	"slices"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// IsAdmin tells whether user may set goals and settings and erase data.
func (s *Service) IsAdmin(user string) bool {
	return slices.Contains(s.current().Admins, user)
}

// CanEnterLeads tells whether user may hand over leads by hand: the
// marketing team and the admins. The refusal is an EUNAUTHORIZED error that
// says who may.
func (s *Service) CanEnterLeads(ctx context.Context, user string) error {
	if s.IsAdmin(user) {
		return nil
	}
	member, err := s.inMarketingTeam(ctx, user)
	if err != nil {
		return err
	}
	if !member {
		if s.current().MarketingTeam.IsSet() {
			return armistice.Errorf(armistice.EUNAUTHORIZED, "Only the marketing team and admins can enter leads.")
		}
		return armistice.Errorf(armistice.EUNAUTHORIZED, "Only the marketing team (the members of the marketing channel) and admins can enter leads.")
	}
	return nil
}

// canReadLead tells whether user may see a lead's state and history: the
// sales team (with the sales managers), the marketing team and the admins.
// leadID is 0 for a lead that does not exist. The refusal is an
// EUNAUTHORIZED error that says who may.
func (s *Service) canReadLead(ctx context.Context, user string, leadID int64) error {
	if s.IsAdmin(user) || slices.Contains(s.current().SalesManagers, user) {
		return nil
	}
	for _, on := range []func() (bool, error){
		func() (bool, error) { return s.inSalesTeam(ctx, user, leadID) },
		func() (bool, error) { return s.inMarketingTeam(ctx, user) },
	} {
		member, err := on()
		if err != nil || member {
			return err
		}
	}
	return armistice.Errorf(armistice.EUNAUTHORIZED, "Only the sales team, the marketing team and admins can see a lead's history.")
}

// inSalesTeam tells whether user is on the sales team, the sales managers
// aside: one of ARMISTICE_SALES_TEAM when it is set, else a member of the
// channel of the lead's card (leadID 0: no lead) or of the sales channel.
func (s *Service) inSalesTeam(ctx context.Context, user string, leadID int64) (bool, error) {
	cfg := s.current()
	if cfg.SalesTeam.IsSet() {
		return s.onTeam(ctx, cfg.SalesTeam, user)
	}
	channels := []string{cfg.SalesChannel}
	if leadID != 0 {
		card, err := s.db.LeadCard(ctx, leadID)
		switch {
		case err == nil && card.ChannelID != cfg.SalesChannel:
			channels = append([]string{card.ChannelID}, channels...)
		case err != nil && !errors.Is(err, storage.ErrNotFound):
			return false, err
		}
	}
	for _, ch := range channels {
		member, err := s.chat.IsMember(ctx, ch, user)
		if err != nil || member {
			return member, err
		}
	}
	return false, nil
}

// inMarketingTeam tells whether user is on the marketing team: one of
// ARMISTICE_MARKETING_TEAM when it is set, else a member of the marketing
// channel.
func (s *Service) inMarketingTeam(ctx context.Context, user string) (bool, error) {
	cfg := s.current()
	if cfg.MarketingTeam.IsSet() {
		return s.onTeam(ctx, cfg.MarketingTeam, user)
	}
	return s.chat.IsMember(ctx, cfg.MarketingChannel, user)
}

// onTeam tells whether user is named in team by ID or is a member of one of
// its Slack user groups.
func (s *Service) onTeam(ctx context.Context, team armistice.TeamMembers, user string) (bool, error) {
	if team.HasUser(user) {
		return true, nil
	}
	for _, group := range team.Groups {
		member, err := s.chat.InUserGroup(ctx, group, user)
		if err != nil || member {
			return member, err
		}
	}
	return false, nil
}
