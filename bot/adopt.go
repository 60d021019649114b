package bot

import (
	"context"

	"github.com/slack-go/slack"
)

// adoptPlan sets a plan's numbers as goals when an admin presses "Adopt as
// goals" (the plan's or the monthly review's), and says so to the clicker.
func (b *Bot) adoptPlan(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	b.respond(ctx, ic.ResponseURL, ReplyMessage(b.conv.AdoptPlan(ctx, slackCall(ic.User.ID, ic.Channel.ID), action.Value)).Text)
}
