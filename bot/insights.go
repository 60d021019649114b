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
)

// Callback and action IDs of the insight features.
const (
	callbackInsightForm = "insight_form"
	callbackSaveInsight = "save_insight" // the message shortcut, as in the manifest
	actionInsightsMore  = "insights_more"
)

// insightFormState travels in the insight form's private_metadata.
type insightFormState struct {
	Channel   string `json:"channel"`
	Permalink string `json:"permalink,omitempty"`
}

// insightsQuery is what the "More" button of a search carries.
type insightsQuery struct {
	Words []string `json:"words"`
	Page  int      `json:"page"`
}

// personas answers `personas`, and `persona add …` / `persona SLUG`.
func (b *Bot) personas(ctx context.Context, a *acker, cmd slack.SlashCommand, _ []string) {
	list, err := b.svc.Personas(ctx)
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	if len(list) == 0 {
		b.answer(ctx, a, cmd, slack.Msg{Text: "No personas yet. Admins add them with `" + cmd.Command + " persona add SLUG NAME: DESCRIPTION`; leads that name an unknown persona create it."})
		return
	}
	var sb strings.Builder
	sb.WriteString("*Personas*\n")
	for _, p := range list {
		fmt.Fprintf(&sb, "• `%s` *%s*", escape(p.Slug), escape(p.Name))
		if p.Description != "" {
			sb.WriteString(" — " + escape(armistice.Truncate(p.Description, 200)))
		}
		fmt.Fprintf(&sb, " (%d insights)\n", p.Insights)
	}
	b.answer(ctx, a, cmd, slack.Msg{Text: sb.String()})
}

func (b *Bot) persona(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	if len(args) == 0 {
		b.personas(ctx, a, cmd, nil)
		return
	}
	if strings.EqualFold(args[0], "add") {
		p, err := b.svc.AddPersonaLine(ctx, cmd.UserID, armistice.AfterWords(cmd.Text, 2))
		if err != nil {
			b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
			return
		}
		b.answer(ctx, a, cmd, slack.Msg{Text: fmt.Sprintf("Persona `%s` (*%s*) saved.", escape(p.Slug), escape(p.Name))})
		return
	}
	p, insights, err := b.svc.Persona(ctx, args[0])
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	text := fmt.Sprintf("*%s* (`%s`)\n%s\n", escape(p.Name), escape(p.Slug), escape(p.Description))
	if brief, ok, err := b.svc.PersonaBrief(ctx, p.Slug); err != nil {
		b.log.Warn("the AI brief of a persona", "persona", p.Slug, "err", err)
	} else if ok {
		text += personaBriefText(brief) // brief.go
	}
	if len(insights) == 0 {
		text += "_No insights yet: `" + cmd.Command + " insight " + escape(p.Slug) + " …` adds one._"
	} else {
		text += "*Newest insights*\n" + insightList(insights, false)
	}
	b.answer(ctx, a, cmd, slack.Msg{Text: text})
}

// insight saves `insight PERSONA TEXT` at once; with less it opens the form.
func (b *Bot) insight(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	if len(args) < 2 {
		a.ack(nil)
		persona := firstArg(args)
		state, _ := json.Marshal(insightFormState{Channel: cmd.ChannelID})
		if err := b.openInsightForm(ctx, cmd.TriggerID, persona, "", string(state)); err != nil {
			b.respond(ctx, cmd.ResponseURL, "The form could not be opened in time; please run the command again.")
		}
		return
	}
	text := armistice.AfterWords(cmd.Text, 2)
	in, err := b.svc.SaveInsight(ctx, handlers.InsightInput{Persona: args[0], Text: text, Author: cmd.UserID, Tags: armistice.Hashtags(text)})
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	b.answer(ctx, a, cmd, slack.Msg{Text: fmt.Sprintf("Saved for *%s* as a %s insight. Thank you: the other team sees it on the next %s lead.", escape(in.Persona), in.Team, escape(in.Persona))})
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
		if !a.ack(slack.NewErrorsViewSubmissionResponse(map[string]string{"text": b.userMessage(err)})) {
			b.tell(ctx, state.Channel, ic.User.ID, "Your insight was not saved: "+b.userMessage(err))
		}
		return
	}
	a.ack(nil)
	if state.Channel != "" {
		b.tell(ctx, state.Channel, ic.User.ID, fmt.Sprintf("Saved for *%s* as a %s insight.", escape(saved.Persona), saved.Team))
	}
}

// insights answers `insights [PERSONA] [words…]`, ten at a time.
func (b *Bot) insights(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	b.answer(ctx, a, cmd, b.insightsPage(ctx, insightsQuery{Words: args}))
}

// insightsMore shows the next page of a search, in place of the last one.
func (b *Bot) insightsMore(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	var q insightsQuery
	if json.Unmarshal([]byte(action.Value), &q) != nil {
		return
	}
	msg := b.insightsPage(ctx, q)
	hook := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: true, Text: msg.Text, Blocks: &msg.Blocks}
	if err := slack.PostWebhookCustomHTTPContext(ctx, ic.ResponseURL, b.httpClient, hook); err != nil {
		b.log.Warn("slack: next page of insights", "err", err)
	}
}

func (b *Bot) insightsPage(ctx context.Context, q insightsQuery) slack.Msg {
	persona, found, err := b.svc.Insights(ctx, q.Words, q.Page)
	if err != nil {
		return slack.Msg{Text: b.userMessage(err)}
	}
	what := "Newest insights"
	if persona != "" {
		what += " about *" + escape(persona) + "*"
	}
	if len(q.Words) > 0 && (persona == "" || len(q.Words) > 1) {
		what = "Insights matching “" + escape(strings.Join(q.Words, " ")) + "”"
	}
	if len(found) == 0 {
		return slack.Msg{Text: what + ": none" + map[bool]string{true: " more.", false: "."}[q.Page > 0]}
	}
	text := fmt.Sprintf("%s (page %d)\n%s", what, q.Page+1, insightList(found, persona == ""))
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(armistice.Truncate(text, 2900)), nil, nil)}
	if len(found) == handlers.InsightsPage {
		next, _ := json.Marshal(insightsQuery{Words: q.Words, Page: q.Page + 1})
		blocks = append(blocks, slack.NewActionBlock("insights_page",
			slack.NewButtonBlockElement(actionInsightsMore, string(next), slack.NewTextBlockObject(slack.PlainTextType, "More", false, false))))
	}
	return slack.Msg{Text: text, Blocks: slack.Blocks{BlockSet: blocks}}
}

// insightList writes insights as a list, with their team, author and link.
func insightList(insights []armistice.Insight, withPersona bool) string {
	var sb strings.Builder
	for _, in := range insights {
		sb.WriteString("• ")
		if withPersona {
			sb.WriteString("*" + escape(in.Persona) + "* ")
		}
		fmt.Fprintf(&sb, "%s — %s, %s (%s)", escape(armistice.Truncate(in.Body, 400)), mention(in.Author), in.Team, in.CreatedAt.Format("2 Jan"))
		if in.Permalink != "" && strings.HasPrefix(in.Permalink, "http") && !strings.ContainsAny(in.Permalink, "|<> ") {
			sb.WriteString(" <" + in.Permalink + "|source>")
		}
		sb.WriteString("\n")
	}
	return sb.String()
}
