package bot

import (
	"context"
	"sync"
	"time"
)

// emailsTTL is how long a user's email address is trusted.
const emailsTTL = time.Hour

// emailCache holds users' email addresses, read with users.info (the
// manifest's users:read.email scope shows them).
type emailCache struct {
	mu     sync.Mutex
	emails map[string]cachedEmail
}

type cachedEmail struct {
	email   string
	fetched time.Time
}

// UserEmail implements chat.Chat: the address of the user's Slack
// profile, "" for a user Slack does not know or one without an address.
func (b *Bot) UserEmail(ctx context.Context, user string) (string, error) {
	b.emails.mu.Lock()
	e, ok := b.emails.emails[user]
	b.emails.mu.Unlock()
	if ok && time.Since(e.fetched) < emailsTTL {
		return e.email, nil
	}
	u, err := b.api.GetUserInfoContext(ctx, user)
	switch {
	case isSlackError(err, "user_not_found"):
		e = cachedEmail{fetched: time.Now()}
	case err != nil:
		return "", slackError("users.info", err)
	default:
		e = cachedEmail{email: u.Profile.Email, fetched: time.Now()}
	}
	b.emails.mu.Lock()
	if b.emails.emails == nil {
		b.emails.emails = map[string]cachedEmail{}
	}
	b.emails.emails[user] = e
	b.emails.mu.Unlock()
	return e.email, nil
}
