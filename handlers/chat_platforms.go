package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// Platforms is a chat.Chat over several platforms at once: each call goes to the
// adapter of the platform its channel lives on (a Slack C… or a Teams
// 19:…@thread.tacv2), so that sales may live in Teams and marketing in
// Slack.
type Platforms map[armistice.Platform]chat.Chat

// ErrNoPlatform says a channel belongs to a platform the deployment is not
// connected to.
var ErrNoPlatform = errors.New("no adapter for the channel's platform")

func (p Platforms) of(channel string) (chat.Chat, error) {
	platform, ok := armistice.ChannelPlatform(channel)
	if !ok {
		return nil, fmt.Errorf("%q: %w", channel, chat.ErrNoChannel)
	}
	return p.on(platform)
}

func (p Platforms) on(platform armistice.Platform) (chat.Chat, error) {
	c, ok := p[platform]
	if !ok {
		return nil, fmt.Errorf("%s: %w", platform, ErrNoPlatform)
	}
	return c, nil
}

// PostLeadCard implements chat.Chat.
func (p Platforms) PostLeadCard(ctx context.Context, channel string, card chat.LeadCard) (chat.MessageRef, error) {
	c, err := p.of(channel)
	if err != nil {
		return chat.MessageRef{}, err
	}
	return c.PostLeadCard(ctx, channel, card)
}

// PostDirectCard implements chat.Chat: the card goes to the platform of its
// user.
func (p Platforms) PostDirectCard(ctx context.Context, user string, card chat.LeadCard) (chat.MessageRef, error) {
	platform, ok := armistice.UserPlatform(user)
	if !ok {
		return chat.MessageRef{}, fmt.Errorf("%q: %w", user, ErrNoPlatform)
	}
	c, err := p.on(platform)
	if err != nil {
		return chat.MessageRef{}, err
	}
	return c.PostDirectCard(ctx, user, card)
}

// FindLeadCard implements chat.Chat.
func (p Platforms) FindLeadCard(ctx context.Context, channel string, leadID int64, since time.Time) (chat.MessageRef, bool, error) {
	c, err := p.of(channel)
	if err != nil {
		return chat.MessageRef{}, false, err
	}
	return c.FindLeadCard(ctx, channel, leadID, since)
}

// UpdateLeadCard implements chat.Chat.
func (p Platforms) UpdateLeadCard(ctx context.Context, ref chat.MessageRef, card chat.LeadCard) error {
	c, err := p.on(ref.Platform)
	if err != nil {
		return err
	}
	return c.UpdateLeadCard(ctx, ref, card)
}

// PostNotice implements chat.Chat: a private notice goes to the platform of
// its user.
func (p Platforms) PostNotice(ctx context.Context, n chat.Notice) (chat.MessageRef, error) {
	c, err := p.of(n.Channel)
	if n.To != "" {
		platform, ok := armistice.UserPlatform(n.To)
		if !ok {
			return chat.MessageRef{}, fmt.Errorf("%q: %w", n.To, ErrNoPlatform)
		}
		c, err = p.on(platform)
	}
	if err != nil {
		return chat.MessageRef{}, err
	}
	return c.PostNotice(ctx, n)
}

// PostDigest implements chat.Chat.
func (p Platforms) PostDigest(ctx context.Context, channel string, d chat.Digest) (chat.MessageRef, error) {
	c, err := p.of(channel)
	if err != nil {
		return chat.MessageRef{}, err
	}
	return c.PostDigest(ctx, channel, d)
}

// FindDigest implements chat.Chat.
func (p Platforms) FindDigest(ctx context.Context, channel, kind, period string, since time.Time) (chat.MessageRef, bool, error) {
	c, err := p.of(channel)
	if err != nil {
		return chat.MessageRef{}, false, err
	}
	return c.FindDigest(ctx, channel, kind, period, since)
}

// IsMember implements chat.Chat: a user of another platform than the channel's
// is never a member.
func (p Platforms) IsMember(ctx context.Context, channel, user string) (bool, error) {
	c, err := p.of(channel)
	if err != nil {
		return false, err
	}
	cp, _ := armistice.ChannelPlatform(channel)
	if up, ok := armistice.UserPlatform(user); !ok || up != cp {
		return false, nil
	}
	return c.IsMember(ctx, channel, user)
}

// UserName implements chat.Chat, asking the user's platform.
func (p Platforms) UserName(ctx context.Context, user string) (string, error) {
	up, ok := armistice.UserPlatform(user)
	c, configured := p[up]
	if !ok || !configured {
		return "", nil
	}
	return c.UserName(ctx, user)
}

// InUserGroup implements chat.Chat: user groups are Slack's, so only a Slack
// user may be in one.
func (p Platforms) InUserGroup(ctx context.Context, group, user string) (bool, error) {
	c, ok := p[armistice.Slack]
	if up, _ := armistice.UserPlatform(user); !ok || up != armistice.Slack {
		return false, nil
	}
	return c.InUserGroup(ctx, group, user)
}

// UpdateNotice implements chat.Chat.
func (p Platforms) UpdateNotice(ctx context.Context, ref chat.MessageRef, n chat.Notice) error {
	c, err := p.on(ref.Platform)
	if err != nil {
		return err
	}
	return c.UpdateNotice(ctx, ref, n)
}

// Channel implements chat.Chat.
func (p Platforms) Channel(ctx context.Context, id string) (chat.ChannelInfo, error) {
	c, err := p.of(id)
	if errors.Is(err, ErrNoPlatform) {
		return chat.ChannelInfo{}, fmt.Errorf("%s: %w", err, chat.ErrNoChannel)
	}
	if err != nil {
		return chat.ChannelInfo{}, err
	}
	return c.Channel(ctx, id)
}

// ChannelByName implements chat.Chat: the first platform, Slack before Teams,
// that has a channel of that name.
func (p Platforms) ChannelByName(ctx context.Context, name string) (chat.ChannelInfo, error) {
	for _, platform := range []armistice.Platform{armistice.Slack, armistice.Teams} {
		c, ok := p[platform]
		if !ok {
			continue
		}
		info, err := c.ChannelByName(ctx, name)
		if !errors.Is(err, chat.ErrNoChannel) {
			return info, err
		}
	}
	return chat.ChannelInfo{}, chat.ErrNoChannel
}

// UserEmail implements chat.Chat: a user's address comes from the platform of
// the user; a user of a platform the deployment is not connected to has
// none.
func (p Platforms) UserEmail(ctx context.Context, user string) (string, error) {
	platform, ok := armistice.UserPlatform(user)
	if !ok {
		return "", nil
	}
	c, ok := p[platform]
	if !ok {
		return "", nil
	}
	return c.UserEmail(ctx, user)
}

// UserByEmail implements chat.Chat: the first platform, Slack before Teams, that
// has a person with the address.
func (p Platforms) UserByEmail(ctx context.Context, email string) (string, error) {
	for _, platform := range []armistice.Platform{armistice.Slack, armistice.Teams} {
		c, ok := p[platform]
		if !ok {
			continue
		}
		user, err := c.UserByEmail(ctx, email)
		if err != nil || user != "" {
			return user, err
		}
	}
	return "", nil
}
