package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/slack-go/slack"
)

// reassign gives a lead to the rep a sales manager picked on its card. The
// pick is acked at once; a refusal goes to the picker alone.
func (b *Bot) reassign(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	leadID, err := strconv.ParseInt(strings.TrimPrefix(action.BlockID, "lead_actions_"), 10, 64)
	if err != nil || action.SelectedUser == "" {
		return
	}
	if _, err := b.svc.Reassign(ctx, ic.User.ID, leadID, action.SelectedUser); err != nil {
		b.respond(ctx, ic.ResponseURL, b.conv.Message(err))
	}
}
