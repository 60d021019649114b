package bot

import (
	"context"

	"github.com/slack-go/slack"
)

// respond answers an interaction through its response_url, which reaches
// the user even where chat.postEphemeral cannot (a channel they are not in).
func (b *Bot) respond(ctx context.Context, responseURL, text string) {
	if responseURL == "" {
		return
	}
	msg := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, Text: text}
	if err := slack.PostWebhookCustomHTTPContext(ctx, responseURL, b.httpClient, msg); err != nil {
		b.log.Warn("slack: answering through response_url", "err", err)
	}
}

// tell shows text to user alone in channel; without one (a form opened
// from the Home tab), in their direct messages with the app.
func (b *Bot) tell(ctx context.Context, channel, user, text string) {
	if channel == "" {
		if _, _, err := b.api.PostMessageContext(ctx, user, slack.MsgOptionText(text, false)); err != nil {
			b.log.Warn("slack: answer in the direct messages", "err", err)
		}
		return
	}
	if _, err := b.api.PostEphemeralContext(ctx, channel, user, slack.MsgOptionText(text, false)); err != nil {
		b.log.Warn("slack: ephemeral answer", "channel", channel, "err", err)
	}
}

// respondTo answers user's click through its response_url, or, where the
// click has none (the Home tab's buttons), in their direct messages with
// the app.
func (b *Bot) respondTo(ctx context.Context, responseURL, user, text string) {
	if responseURL == "" {
		b.tell(ctx, "", user, text)
		return
	}
	b.respond(ctx, responseURL, text)
}
