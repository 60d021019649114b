package bot

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// onCommand answers the slash command: the conversation answers it, and
// the bot draws the reply and carries it to the caller alone, or opens
// the form the reply asks for.
func (b *Bot) onCommand(ctx context.Context, a *acker, cmd slack.SlashCommand) {
	call := slackCall(cmd.UserID, cmd.ChannelID)
	call.Line, call.Invoke = commandLine(cmd.Text), cmd.Command
	r := b.conv.Run(ctx, call)
	switch {
	case r.Form != nil:
		b.openForm(ctx, a, cmd, *r.Form)
	case r.Digest != nil:
		blocks, text := digestBlocks(*r.Digest)
		b.answer(ctx, a, cmd, slack.Msg{Text: text, Blocks: slack.Blocks{BlockSet: blocks}})
	default:
		b.answer(ctx, a, cmd, ReplyMessage(r))
	}
}

var (
	// mailtoLink is how Slack escapes an email address in a command's text.
	mailtoLink = regexp.MustCompile(`<mailto:([^|>]+)(?:\|[^>]*)?>`)
	// channelRef is how Slack escapes a channel: <#C…|name>.
	channelRef = regexp.MustCompile(`<#([A-Z0-9]+)(?:\|[^>]*)?>`)
)

// slackEntities are the characters Slack escapes in a command's text.
var slackEntities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// commandLine reads the text of a slash command as typed: an email address
// Slack made a mailto link, and a channel it escaped, back to the address
// and the channel's ID, and &, < and > back from their entities.
func commandLine(text string) string {
	text = mailtoLink.ReplaceAllString(text, "$1")
	return slackEntities.Replace(channelRef.ReplaceAllString(text, "$1"))
}

// answer replies to a command only to its caller: in the ack when it is
// still open, else through the response_url.
func (b *Bot) answer(ctx context.Context, a *acker, cmd slack.SlashCommand, msg slack.Msg) {
	msg.ResponseType = slack.ResponseTypeEphemeral
	if a.ack(msg) {
		return
	}
	hook := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, Text: msg.Text}
	if len(msg.Blocks.BlockSet) > 0 {
		hook.Blocks = &msg.Blocks
	}
	if err := slack.PostWebhookCustomHTTPContext(ctx, cmd.ResponseURL, b.httpClient, hook); err != nil {
		b.log.Warn("slack: answering through response_url", "err", err)
	}
}

// openForm opens the form a command answered with, on the command's
// trigger, acking empty first.
func (b *Bot) openForm(ctx context.Context, a *acker, cmd slack.SlashCommand, f converse.Form) {
	a.ack(nil)
	var err error
	switch f.Name {
	case converse.FormLead:
		_, err = b.api.OpenViewContext(ctx, cmd.TriggerID, formView(converse.LeadForm(nil, nil), callbackLeadForm, cmd.ChannelID))
	case converse.FormInsight:
		state, _ := json.Marshal(insightFormState{Channel: cmd.ChannelID})
		b.openInsightForm(ctx, slackCall(cmd.UserID, cmd.ChannelID), cmd.TriggerID, cmd.ResponseURL, f.Prefill, string(state), false)
	case converse.FormSettings:
		state, _ := json.Marshal(settingsFormState{ResponseURL: cmd.ResponseURL})
		_, err = b.api.OpenViewContext(ctx, cmd.TriggerID, settingsView(b.svc.AdminSettings(), b.svc.EnvAdmins(), string(state)))
	}
	if err != nil {
		b.log.Warn("slack: opening a form", "form", f.Name, "err", err)
		b.respond(ctx, cmd.ResponseURL, "The form could not be opened in time; please run the command again.")
	}
}

// slackCall is what a Slack user does, as the conversation reads it; a
// command adds its line and how it was invoked.
func slackCall(user, channel string) converse.Call {
	return converse.Call{User: user, Invoke: "/armistice", Channel: channel, Platform: armistice.Slack}
}
