package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// adoptPlan sets a plan's numbers as goals when an admin presses "Adopt as
// goals" (the plan's or the monthly review's), and says so to the clicker.
func (b *Bot) adoptPlan(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	call := converse.Call{User: ic.User.ID, Invoke: "/armistice", Channel: ic.Channel.ID, Platform: armistice.Slack}
	b.respond(ctx, ic.ResponseURL, ReplyMessage(b.conv.AdoptPlan(ctx, call, action.Value)).Text)
}
