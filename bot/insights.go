package bot

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// Callback and action IDs of the insight features.
const (
	callbackInsightForm = "insight_form"
	callbackSaveInsight = "save_insight" // the message shortcut, as in the manifest
)

// insightFormState travels in the insight form's private_metadata.
type insightFormState struct {
	Channel   string `json:"channel"`
	Permalink string `json:"permalink,omitempty"`
}

// saveInsightShortcut opens the insight form from a message, its text
// filled in and its permalink kept.
func (b *Bot) saveInsightShortcut(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	a.ack(nil)
	link, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: ic.Channel.ID, Ts: ic.Message.Timestamp})
	if err != nil {
		b.log.Warn("slack: permalink of a message for an insight", "err", err)
	}
	state, _ := json.Marshal(insightFormState{Channel: ic.Channel.ID, Permalink: link})
	b.openInsightForm(ctx, slackCall(ic.User.ID, ic.Channel.ID), ic.TriggerID, ic.ResponseURL, map[string]string{"text": ic.Message.Text}, string(state), true)
}

// openInsightForm opens the insight form on trigger, filled in with
// values; where it cannot open (no personas yet, Slack refused), the user
// is told through responseURL.
func (b *Bot) openInsightForm(ctx context.Context, call converse.Call, trigger, responseURL string, values map[string]string, state string, fromMessage bool) {
	f, none, ok := b.conv.InsightForm(ctx, call, values, nil, fromMessage)
	if !ok {
		b.respond(ctx, responseURL, ReplyMessage(none).Text)
		return
	}
	if _, err := b.api.OpenViewContext(ctx, trigger, formView(f, callbackInsightForm, state)); err != nil {
		b.log.Warn("slack: opening the insight form", "err", err)
		b.respond(ctx, responseURL, "The form could not be opened in time; please try again.")
	}
}

// submitInsight saves the form's insight before acking, so that problems
// show on their fields.
func (b *Bot) submitInsight(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	var state insightFormState
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &state)
	in := chat.InsightInput{Author: ic.User.ID, Permalink: state.Permalink}
	if v := ic.View.State; v != nil {
		in.Persona = v.Values["persona"]["persona"].SelectedOption.Value
		in.Text = v.Values["text"]["text"].Value
		in.Tags = armistice.ParseTags(v.Values["tags"]["tags"].Value)
	}
	saved, err := b.svc.SaveInsight(ctx, in)
	if e, ok := errors.AsType[*armistice.Error](err); ok && e.Code == armistice.EINVALID {
		a.ack(slack.NewErrorsViewSubmissionResponse(e.Fields))
		return
	}
	if err != nil {
		if !a.ack(slack.NewErrorsViewSubmissionResponse(map[string]string{"text": b.conv.Message(err)})) {
			b.tell(ctx, state.Channel, ic.User.ID, "Your insight was not saved: "+b.conv.Message(err))
		}
		return
	}
	a.ack(nil)
	if state.Channel != "" {
		b.tell(ctx, state.Channel, ic.User.ID, ReplyMessage(converse.InsightSaved(saved)).Text)
	}
}

// insightsMore shows the next page of a search, in place of the last one.
func (b *Bot) insightsMore(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	msg := ReplyMessage(b.conv.MoreInsights(ctx, slackCall(ic.User.ID, ic.Channel.ID), action.Value))
	hook := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: true, Text: msg.Text, Blocks: &msg.Blocks}
	if err := slack.PostWebhookCustomHTTPContext(ctx, ic.ResponseURL, b.httpClient, hook); err != nil {
		b.log.Warn("slack: next page of insights", "err", err)
	}
}
