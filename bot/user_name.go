package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"
)

// UserName implements chat.Chat: the user's real name in Slack, else
// their handle; "" for a user Slack does not know.
func (b *Bot) UserName(ctx context.Context, user string) (string, error) {
	u, err := b.api.GetUserInfoContext(ctx, user)
	var slackErr slack.SlackErrorResponse
	if errors.As(err, &slackErr) && slackErr.Err == "user_not_found" {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if u.RealName != "" {
		return u.RealName, nil
	}
	return u.Name, nil
}
