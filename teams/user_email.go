package teams

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"
)

// emailsTTL is how long the addresses read from a roster are trusted.
const emailsTTL = time.Hour

// emailCache holds the email addresses of the users on the rosters the bot
// has read, by Entra object ID.
type emailCache struct {
	mu      sync.Mutex
	emails  map[string]string
	fetched time.Time
}

func (c *emailCache) get(user string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	email, ok := c.emails[user]
	return email, ok && time.Since(c.fetched) < emailsTTL
}

func (c *emailCache) remember(members []Member) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.emails == nil || time.Since(c.fetched) >= emailsTTL {
		c.emails, c.fetched = map[string]string{}, time.Now()
	}
	for _, m := range members {
		email := m.Email
		if email == "" {
			email = m.UserPrincipalName
		}
		if m.AADObjectID != "" {
			c.emails[m.AADObjectID] = email
		}
	}
}

// userOf returns the user whose roster address is email (compared without
// regard to case), "" when none on the fresh rosters.
func (c *emailCache) userOf(email string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.fetched) >= emailsTTL {
		return ""
	}
	for user, e := range c.emails {
		if e != "" && strings.EqualFold(e, email) {
			return user
		}
	}
	return ""
}

// UserEmail implements chat.Chat: the address on the user's roster
// entry (its email, else its user principal name), read from the rosters
// the bot has seen, else from the roster of the team the app was last
// installed in; "" for a user on none.
func (b *Bot) UserEmail(ctx context.Context, user string) (string, error) {
	if email, ok := b.emails.get(user); ok {
		return email, nil
	}
	in, err := b.db.NewestInstallation(ctx)
	if errors.Is(err, ErrUnknown) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	members, err := b.conn.Members(ctx, in.ServiceURL, in.TeamID)
	if err != nil {
		return "", err
	}
	b.emails.remember(members)
	email, _ := b.emails.get(user)
	return email, nil
}

// UserByEmail implements chat.Chat: the Entra object ID of the user whose
// roster entry has the address (its email, else its user principal name),
// looked up in the rosters the bot has seen, then in the roster of each
// team the app is installed in whose channels it has seen; "" for an
// address on none.
func (b *Bot) UserByEmail(ctx context.Context, email string) (string, error) {
	if user := b.emails.userOf(email); user != "" {
		return user, nil
	}
	channels, err := b.db.Channels(ctx)
	if err != nil {
		return "", err
	}
	read := map[string]bool{}
	for _, c := range channels {
		if c.TeamID == "" || read[c.TeamID] {
			continue
		}
		read[c.TeamID] = true
		in, err := b.db.Installation(ctx, c.TeamID)
		if errors.Is(err, ErrUnknown) {
			continue
		}
		if err != nil {
			return "", err
		}
		if !in.Installed {
			continue
		}
		members, err := b.conn.Members(ctx, in.ServiceURL, in.TeamID)
		if err != nil {
			return "", err
		}
		b.emails.remember(members)
		if user := b.emails.userOf(email); user != "" {
			return user, nil
		}
	}
	return "", nil
}
