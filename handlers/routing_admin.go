package handlers

import (
	"context"
	"errors"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// ResolveChannel finds the channel an admin named; an EINVALID error says
// why when there is none the bot can see.
func (s *Service) ResolveChannel(ctx context.Context, ref chat.ChannelRef) (chat.ChannelInfo, error) {
	var info chat.ChannelInfo
	var err error
	switch {
	case ref.ID != "":
		info, err = s.chat.Channel(ctx, ref.ID)
	case strings.TrimSpace(ref.Name) != "":
		info, err = s.chat.ChannelByName(ctx, strings.TrimSpace(ref.Name))
	default:
		return info, armistice.Errorf(armistice.EINVALID, "Name the channel, as in channel=#sales-emea.")
	}
	if errors.Is(err, chat.ErrNoChannel) {
		return info, armistice.Errorf(armistice.EINVALID, "There is no channel %s that Armistice can see: check the name, or invite Armistice if it is private.", ref)
	}
	return info, err
}

// AdminAddRoute adds, for an admin, a rule sending leads whose field equals
// value to a channel the bot is in, with its audit event.
func (s *Service) AdminAddRoute(ctx context.Context, by, field, value string, channel chat.ChannelRef) (armistice.RoutingRule, chat.ChannelInfo, error) {
	if err := s.RequireAdmin(by, "change the routing rules"); err != nil {
		return armistice.RoutingRule{}, chat.ChannelInfo{}, err
	}
	field = strings.ToLower(strings.TrimSpace(field))
	value = strings.TrimSpace(value)
	switch {
	case !isRoutingField(field):
		return armistice.RoutingRule{}, chat.ChannelInfo{}, armistice.Errorf(armistice.EINVALID, "Cannot route by %q: use region, segment or source.", field)
	case value == "":
		return armistice.RoutingRule{}, chat.ChannelInfo{}, armistice.Errorf(armistice.EINVALID, "Give the %s to match, as in %s=EMEA.", field, field)
	case len(value) > armistice.MaxTextLen:
		return armistice.RoutingRule{}, chat.ChannelInfo{}, armistice.Errorf(armistice.EINVALID, "The %s to match is too long.", field)
	}
	info, err := s.ResolveChannel(ctx, channel)
	if err != nil {
		return armistice.RoutingRule{}, info, err
	}
	if !info.BotIsMember {
		return armistice.RoutingRule{}, info, armistice.Errorf(armistice.EINVALID, "Armistice is not in #%s, so it could not post cards there: invite it with /invite @Armistice, then add the rule again.", info.Name)
	}
	r, err := s.db.AddRoutingRuleAudited(ctx, field, value, info.ID, by)
	if errors.Is(err, storage.ErrDuplicate) {
		return r, info, armistice.Errorf(armistice.ECONFLICT, "There is a rule for %s=%s already; remove it first (`route list` shows it).", field, value)
	}
	if err == nil {
		s.reloadAfterSave()
	}
	return r, info, err
}

// AdminRemoveRoute deletes, for an admin, the rule with the given ID, with
// its audit event, and returns it.
func (s *Service) AdminRemoveRoute(ctx context.Context, by string, id int64) (armistice.RoutingRule, error) {
	if err := s.RequireAdmin(by, "change the routing rules"); err != nil {
		return armistice.RoutingRule{}, err
	}
	r, err := s.db.RemoveRoutingRuleAudited(ctx, id, by)
	if errors.Is(err, storage.ErrNotFound) {
		return r, armistice.Errorf(armistice.ENOTFOUND, "There is no rule %d; `route list` shows them.", id)
	}
	if err == nil {
		s.reloadAfterSave()
	}
	return r, err
}
