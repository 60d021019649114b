package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// UpdateLeadCard implements chat.Chat: the card is redrawn in place for
// everyone in the channel.
func (b *Bot) UpdateLeadCard(ctx context.Context, ref chat.MessageRef, card chat.LeadCard) error {
	blocks, fallback := leadCardBlocks(card)
	b.home.mark(card.Lead.Assignee, card.Lead.DecidedBy)
	_, _, _, err := b.api.UpdateMessageContext(ctx, ref.Channel, ref.ID,
		slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionText(fallback, false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: cardEventType, EventPayload: map[string]any{"lead_id": card.Lead.ID}}),
	)
	if err != nil {
		return slackError("chat.update", err)
	}
	return nil
}

// PostNotice implements chat.Chat: a notice to a user goes to their
// direct messages with the app.
func (b *Bot) PostNotice(ctx context.Context, n chat.Notice) (chat.MessageRef, error) {
	if n.Kind == chat.NoticeReassigned {
		b.home.mark(n.Mentions...) // the rep it left and the one it went to
	}
	channel := n.Channel
	if n.To != "" {
		channel = n.To
	}
	return b.post(ctx, channel, n.Thread, b.noticeMessage(ctx, n), nil, nil)
}

// noticeMessage writes a notice in mrkdwn, with a link to the lead's card
// where the notice is away from it.
func (b *Bot) noticeMessage(ctx context.Context, n chat.Notice) string {
	text := ReplyMessage(converse.NoticeReply(n, armistice.Slack, "/armistice")).Text
	switch {
	case n.Kind == chat.NoticeRejected,
		n.Kind == chat.NoticeEscalation && n.Thread == "",
		n.Kind == chat.NoticeCardRefused && n.CardRef.Platform == armistice.Slack:
		text += b.cardLink(ctx, n.CardRef)
	}
	return text
}

// cardLink links to a lead's card, when Slack gives its permalink.
func (b *Bot) cardLink(ctx context.Context, ref chat.MessageRef) string {
	if ref.ID == "" {
		return ""
	}
	link, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: ref.Channel, Ts: ref.ID})
	if err != nil {
		b.log.Warn("slack: permalink of a card", "err", err)
		return ""
	}
	return "\n<" + link + "|Open the lead's card>"
}
