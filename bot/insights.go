package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
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
	if err := b.openInsightForm(ctx, ic.TriggerID, "", ic.Message.Text, string(state)); err != nil {
		b.respond(ctx, ic.ResponseURL, "The form could not be opened in time; please try the shortcut again.")
	}
}

// openInsightForm opens the form with a persona picker.
func (b *Bot) openInsightForm(ctx context.Context, trigger, persona, text, state string) error {
	personas, err := b.svc.Personas(ctx)
	if err != nil {
		return err
	}
	var options []*slack.OptionBlockObject
	var initial *slack.OptionBlockObject
	for _, p := range personas {
		if len(options) == 100 { // Slack's limit for a static select
			break
		}
		o := slack.NewOptionBlockObject(p.Slug, slack.NewTextBlockObject(slack.PlainTextType, armistice.Truncate(p.Name+" ("+p.Slug+")", 75), false, false), nil)
		options = append(options, o)
		if strings.EqualFold(p.Slug, persona) {
			initial = o
		}
	}
	if len(options) == 0 {
		return errors.New("no personas to choose from")
	}
	picker := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, slack.NewTextBlockObject(slack.PlainTextType, "Which persona?", false, false), "persona", options...)
	picker.InitialOption = initial
	textEl := slack.NewPlainTextInputBlockElement(nil, "text")
	textEl.Multiline = true
	textEl.InitialValue = armistice.Truncate(text, armistice.MaxInsightLen)
	tags := slack.NewInputBlock("tags", slack.NewTextBlockObject(slack.PlainTextType, "Tags", false, false),
		slack.NewTextBlockObject(slack.PlainTextType, "Comma-separated, e.g. pricing, objections", false, false), slack.NewPlainTextInputBlockElement(nil, "tags"))
	tags.Optional = true
	view := slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackInsightForm,
		Title:           slack.NewTextBlockObject(slack.PlainTextType, "Persona insight", false, false),
		Submit:          slack.NewTextBlockObject(slack.PlainTextType, "Save", false, false),
		Close:           slack.NewTextBlockObject(slack.PlainTextType, "Cancel", false, false),
		PrivateMetadata: state,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("persona", slack.NewTextBlockObject(slack.PlainTextType, "Persona", false, false), nil, picker),
			slack.NewInputBlock("text", slack.NewTextBlockObject(slack.PlainTextType, "What did you learn?", false, false),
				slack.NewTextBlockObject(slack.PlainTextType, fmt.Sprintf("Up to %d characters", armistice.MaxInsightLen), false, false), textEl),
			tags,
		}},
	}
	_, err = b.api.OpenViewContext(ctx, trigger, view)
	return err
}

// submitInsight saves the form's insight before acking, so that problems
// show on their fields.
func (b *Bot) submitInsight(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	var state insightFormState
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &state)
	in := handlers.InsightInput{Author: ic.User.ID, Permalink: state.Permalink}
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
		b.tell(ctx, state.Channel, ic.User.ID, fmt.Sprintf("Saved for *%s* as a %s insight.", escape(saved.Persona), saved.Team))
	}
}

// insightsMore shows the next page of a search, in place of the last one.
func (b *Bot) insightsMore(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	call := converse.Call{User: ic.User.ID, Invoke: "/armistice", Channel: ic.Channel.ID, Platform: armistice.Slack}
	msg := ReplyMessage(b.conv.MoreInsights(ctx, call, action.Value))
	hook := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: true, Text: msg.Text, Blocks: &msg.Blocks}
	if err := slack.PostWebhookCustomHTTPContext(ctx, ic.ResponseURL, b.httpClient, hook); err != nil {
		b.log.Warn("slack: next page of insights", "err", err)
	}
}
