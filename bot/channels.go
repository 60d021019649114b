package bot

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers/chat"
)

// Channel implements chat.Chat with conversations.info, which says
// whether the bot is a member.
func (b *Bot) Channel(ctx context.Context, id string) (chat.ChannelInfo, error) {
	ch, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: id})
	if err != nil {
		if isSlackError(err, "channel_not_found") {
			return chat.ChannelInfo{}, chat.ErrNoChannel
		}
		return chat.ChannelInfo{}, slackError("conversations.info", err)
	}
	return chat.ChannelInfo{ID: ch.ID, Name: ch.Name, BotIsMember: ch.IsMember}, nil
}

// ChannelByName implements chat.Chat by reading the channels the bot
// can see (conversations.list), page by page, until one has the name.
func (b *Bot) ChannelByName(ctx context.Context, name string) (chat.ChannelInfo, error) {
	name = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "#"))
	params := &slack.GetConversationsParameters{ExcludeArchived: true, Limit: 1000, Types: []string{"public_channel", "private_channel"}}
	for page := 0; page < 100; page++ {
		channels, cursor, err := b.api.GetConversationsContext(ctx, params)
		if err != nil {
			return chat.ChannelInfo{}, slackError("conversations.list", err)
		}
		for _, ch := range channels {
			if ch.Name == name || ch.NameNormalized == name {
				return chat.ChannelInfo{ID: ch.ID, Name: ch.Name, BotIsMember: ch.IsMember}, nil
			}
		}
		if cursor == "" {
			break
		}
		params.Cursor = cursor
	}
	return chat.ChannelInfo{}, chat.ErrNoChannel
}

// UpdateNotice implements chat.Chat: the notice is redrawn in place.
func (b *Bot) UpdateNotice(ctx context.Context, ref chat.MessageRef, n chat.Notice) error {
	_, _, _, err := b.api.UpdateMessageContext(ctx, ref.Channel, ref.ID, slack.MsgOptionText(b.noticeMessage(ctx, n), false))
	if err != nil {
		return slackError("chat.update", err)
	}
	return nil
}

// isSlackError tells whether err is Slack's error with one of the codes.
func isSlackError(err error, codes ...string) bool {
	e, ok := errors.AsType[slack.SlackErrorResponse](err)
	return ok && slices.Contains(codes, e.Err)
}

// messageGone tells whether Slack refused to touch a message for good: it
// was deleted, its channel is gone or archived, or the bot left it.
func messageGone(err error) bool {
	return isSlackError(err, "message_not_found", "channel_not_found", "cant_update_message", "is_archived", "not_in_channel")
}
