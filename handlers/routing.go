package handlers

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// channelsFor picks the channel of each lead's card by the routing rules
// in force (see route).
func (s *Service) channelsFor(ctx context.Context, leads []armistice.Lead) ([]string, error) {
	live, err := s.loaded(ctx)
	if err != nil {
		return nil, err
	}
	return route(live, leads), nil
}

// route picks the channel of each lead's card: the first of live's
// routing rules whose field equals the lead's (ignoring case), else the
// sales channel.
func route(live *liveSettings, leads []armistice.Lead) []string {
	channels := make([]string, len(leads))
	for i, l := range leads {
		channels[i] = live.SalesChannel
		for _, r := range live.routes {
			var value string
			switch r.Field {
			case "region":
				value = l.Region
			case "segment":
				value = l.Segment
			case "source":
				value = l.Source
			}
			if value != "" && strings.EqualFold(value, r.Value) {
				channels[i] = r.ChannelID
				break
			}
		}
	}
	return channels
}

// Routes lists the routing rules in the order they are tried.
func (s *Service) Routes(ctx context.Context) ([]armistice.RoutingRule, error) {
	return s.db.RoutingRules(ctx)
}

// AddRoute adds a rule sending leads whose field equals value to channel.
func (s *Service) AddRoute(ctx context.Context, field, value, channel, by string) (armistice.RoutingRule, error) {
	field = strings.ToLower(strings.TrimSpace(field))
	value = strings.TrimSpace(value)
	switch {
	case !isRoutingField(field):
		return armistice.RoutingRule{}, armistice.Errorf(armistice.EINVALID, "cannot route by %q: use region, segment or source", field)
	case value == "":
		return armistice.RoutingRule{}, armistice.Errorf(armistice.EINVALID, "give the %s to match, as in %s=EMEA", field, field)
	}
	if _, ok := armistice.ChannelPlatform(channel); !ok {
		return armistice.RoutingRule{}, armistice.Errorf(armistice.EINVALID, "%q is not a channel", channel)
	}
	r, err := s.db.AddRoutingRule(ctx, field, value, channel, by)
	if errors.Is(err, storage.ErrDuplicate) {
		return r, armistice.Errorf(armistice.ECONFLICT, "there is a rule for %s=%s already; remove it first", field, value)
	}
	if err == nil {
		s.reloadAfterSave()
	}
	return r, err
}

func isRoutingField(f string) bool { return slices.Contains(chat.RoutingFields, f) }
