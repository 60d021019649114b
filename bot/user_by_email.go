package bot

import "context"

// UserByEmail implements chat.Chat: the ID of the person whose Slack
// profile has the address (users.lookupByEmail), "" when nobody in the
// workspace has it or it is a bot's.
func (b *Bot) UserByEmail(ctx context.Context, email string) (string, error) {
	u, err := b.api.GetUserByEmailContext(ctx, email)
	switch {
	case isSlackError(err, "users_not_found"):
		return "", nil
	case err != nil:
		return "", slackError("users.lookupByEmail", err)
	case u.IsBot || u.Deleted:
		return "", nil
	}
	return u.ID, nil
}
