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

// channelsFor picks the channel of each lead's card: the first routing
// rule whose field equals the lead's (ignoring case), else the sales
// channel.
func (s *Service) channelsFor(ctx context.Context, leads []armistice.Lead) ([]string, error) {
	rules, err := s.db.RoutingRules(ctx)
	if err != nil {
		return nil, err
	}
	return s.route(rules, leads), nil
}

// route picks the channel of each lead's card by the rules given.
func (s *Service) route(rules []armistice.RoutingRule, leads []armistice.Lead) []string {
	channels := make([]string, len(leads))
	for i, l := range leads {
		channels[i] = s.current().SalesChannel
		for _, r := range rules {
			value := map[string]string{"region": l.Region, "segment": l.Segment, "source": l.Source}[r.Field]
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
	return r, err
}

// RemoveRoute deletes the rule with the given ID.
func (s *Service) RemoveRoute(ctx context.Context, id int64) error {
	err := s.db.RemoveRoutingRule(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return armistice.Errorf(armistice.ENOTFOUND, "there is no rule %d; `route list` shows them", id)
	}
	return err
}

func isRoutingField(f string) bool { return slices.Contains(chat.RoutingFields, f) }
