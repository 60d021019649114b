package teams

import (
	"context"
	"html"
	"regexp"
	"strings"
)

// onMessage answers a command sent by @mention in a channel or group chat,
// or in a personal chat, in the command's thread or in that chat; a
// private answer goes to the caller's personal chat, and the thread says
// so.
func (b *Bot) onMessage(ctx context.Context, a *Activity) {
	user, err := userOf(a)
	if err != nil || a.Conversation == nil {
		return
	}
	call := teamsCall(user, channelOf(a))
	call.Line = b.commandLine(a)
	r := b.conv.Run(ctx, call)
	msg := b.replyActivity(ctx, r, call.Channel)
	if r.Private && a.Conversation.ConversationType != "personal" {
		if err := b.tellPrivately(ctx, a, msg); err == nil {
			msg = Activity{Type: TypeMessage, Text: "Sent to your personal chat with the bot.", TextFormat: "markdown"}
		} else {
			b.log.Warn("teams: answering in the personal chat", "err", err)
		}
	}
	if err := b.answer(ctx, a, msg); err != nil {
		b.log.Warn("teams: answering a command", "err", err)
	}
}

var atTag = regexp.MustCompile(`(?s)<at[^>]*>.*?</at>`)

// commandLine is the text of a message to the bot without its @mention of
// the bot, a user it mentions written as the user's Entra object ID (as
// in pool add @ana), and without the markup Teams wraps it in.
func (b *Bot) commandLine(a *Activity) string {
	text := a.Text
	for _, e := range a.Entities {
		if e.Type != "mention" || e.Mentioned == nil || e.Text == "" {
			continue
		}
		switch {
		case e.Mentioned.ID == b.botMRI():
			text = strings.ReplaceAll(text, e.Text, " ")
		case e.Mentioned.AADObjectID != "":
			text = strings.Replace(text, e.Text, " "+e.Mentioned.AADObjectID+" ", 1)
		}
	}
	text = atTag.ReplaceAllString(text, " ") // mentions of others name no command
	text = plainText(text)
	return strings.TrimSpace(strings.Join(strings.Fields(text), " "))
}

var (
	blockTag = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|li|h[1-6])>`)
	tag      = regexp.MustCompile(`<[^>]+>`)
)

// plainText is the text of a Teams message's HTML: line breaks where
// blocks end, tags gone, entities decoded.
func plainText(s string) string {
	s = tag.ReplaceAllString(blockTag.ReplaceAllString(s, "\n"), "")
	return strings.TrimSpace(html.UnescapeString(s))
}

// answer posts msg where the activity came from: in its thread in a
// channel, in the chat otherwise.
func (b *Bot) answer(ctx context.Context, a *Activity, msg Activity) error {
	channel := a.BaseConversation()
	if a.Conversation != nil && a.Conversation.ConversationType == "channel" {
		root := a.ThreadRoot()
		if root == "" {
			root = a.ID
		}
		_, err := b.conn.Reply(ctx, a.ServiceURL, channel, root, msg)
		return err
	}
	_, err := b.conn.Send(ctx, a.ServiceURL, a.Conversation.ID, msg)
	return err
}

// channelOf is the channel an activity came from, or "" outside channels.
func channelOf(a *Activity) string {
	if a.ChannelData != nil && a.ChannelData.Channel != nil {
		return a.ChannelData.Channel.ID
	}
	return ""
}
