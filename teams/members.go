package teams

import (
	"context"
	"errors"
	"sync"
	"time"
)

// rosterCache keeps rosters briefly: a click asks "is this rep in the sales
// team?" and Teams limits roster reads.
type rosterCache struct {
	ttl     time.Duration
	mu      sync.Mutex
	entries map[string]rosterEntry // by team or channel ID
}

type rosterEntry struct {
	members map[string]bool // Entra object IDs
	at      time.Time
}

func (c *rosterCache) get(id string) (map[string]bool, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok || time.Since(e.at) > c.ttl {
		return nil, false
	}
	return e.members, true
}

func (c *rosterCache) put(id string, members map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[id] = rosterEntry{members: members, at: time.Now()}
}

func (c *rosterCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, id)
}

// IsMember implements chat.Chat: whether a user, by Entra object ID,
// is on the channel's roster. A private or shared channel has its own
// roster; a standard channel has its team's.
func (b *Bot) IsMember(ctx context.Context, channel, user string) (bool, error) {
	rosterID := channel
	c, err := b.db.Conversation(ctx, channel)
	switch {
	case err == nil && c.TeamID != "" && c.Membership != "private" && c.Membership != "shared":
		rosterID = c.TeamID
	case err != nil && !errors.Is(err, ErrUnknown):
		return false, err
	}
	if members, ok := b.rosters.get(rosterID); ok {
		return members[user], nil
	}
	serviceURL, _, err := b.where(ctx, channel)
	if err != nil {
		return false, err
	}
	list, err := b.conn.Members(ctx, serviceURL, rosterID)
	if err != nil {
		return false, err
	}
	members := make(map[string]bool, len(list))
	var known []User
	for _, m := range list {
		members[m.AADObjectID] = true
		if m.AADObjectID != "" && m.ID != "" {
			known = append(known, User{AADObjectID: m.AADObjectID, MRI: m.ID, Name: m.Name})
		}
	}
	b.emails.remember(list)
	if err := b.db.SaveUsers(ctx, known); err != nil {
		b.log.Warn("teams: remembering a roster's names", "err", err)
	}
	b.rosters.put(rosterID, members)
	return members[user], nil
}

// UserName implements chat.Chat: the name Teams gave the user when the
// bot last saw them.
func (b *Bot) UserName(ctx context.Context, user string) (string, error) {
	known, err := b.db.Users(ctx, []string{user})
	return known[user].Name, err
}

// InUserGroup implements chat.Chat: Teams has no Slack user groups; its
// users are named in a team by Entra object ID.
func (b *Bot) InUserGroup(context.Context, string, string) (bool, error) { return false, nil }
