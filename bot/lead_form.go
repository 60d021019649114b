package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// callbackLeadForm is the callback ID of the manual lead form.
const callbackLeadForm = "lead_form"

// leadFormField is one input of the lead form; its name is the lead's JSON
// field name, used as block and action ID so that validation errors land on
// the right input.
type leadFormField struct {
	name, label, hint string
	multiline         bool
}

var leadFormFields = []leadFormField{
	{"email", "Email", "Either an email, or a name and a company", false},
	{"name", "Name", "", false},
	{"company", "Company", "", false},
	{"title", "Title", "", false},
	{"phone", "Phone", "", false},
	{"source", "Source", "Campaign or channel", false},
	{"score", "Score", "0–100", false},
	{"persona", "Persona", "A persona slug such as cfo", false},
	{"country", "Country", "", false},
	{"region", "Region", "", false},
	{"segment", "Segment", "", false},
	{"crm_url", "CRM link", "", false},
	{"notes", "Notes", "", true},
	{"external_id", "External ID", "Leave empty to get one; give the CRM's ID to avoid duplicates", false},
}

// leadForm opens the form to enter an MQL by hand, for the marketing team
// and admins. The check uses the member cache and comes before views.open,
// well within the trigger's 3 seconds.
func (b *Bot) leadForm(ctx context.Context, a *acker, cmd slack.SlashCommand) {
	a.ack(nil)
	if err := b.svc.CanEnterLeads(ctx, cmd.UserID); err != nil {
		b.respond(ctx, cmd.ResponseURL, b.userMessage(err))
		return
	}
	if _, err := b.api.OpenViewContext(ctx, cmd.TriggerID, leadFormView(cmd.ChannelID)); err != nil {
		b.log.Warn("slack: opening the lead form", "err", err)
		b.respond(ctx, cmd.ResponseURL, "The form could not be opened in time; please run the command again.")
	}
}

func leadFormView(channel string) slack.ModalViewRequest {
	var blocks []slack.Block
	for _, f := range leadFormFields {
		el := slack.NewPlainTextInputBlockElement(nil, f.name)
		el.Multiline = f.multiline
		var hint *slack.TextBlockObject
		if f.hint != "" {
			hint = slack.NewTextBlockObject(slack.PlainTextType, f.hint, false, false)
		}
		in := slack.NewInputBlock(f.name, slack.NewTextBlockObject(slack.PlainTextType, f.label, false, false), hint, el)
		in.Optional = true
		blocks = append(blocks, in)
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackLeadForm,
		Title:           slack.NewTextBlockObject(slack.PlainTextType, "New MQL", false, false),
		Submit:          slack.NewTextBlockObject(slack.PlainTextType, "Hand over", false, false),
		Close:           slack.NewTextBlockObject(slack.PlainTextType, "Cancel", false, false),
		PrivateMetadata: channel,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// submitLeadForm validates the form and stores the lead before acking, so
// that every problem shows on its field (response_action errors) and a
// closed form means a stored lead.
func (b *Bot) submitLeadForm(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	user, channel := ic.User.ID, ic.View.PrivateMetadata
	errorsOn := func(bad map[string]string) { a.ack(slack.NewErrorsViewSubmissionResponse(bad)) }
	if err := b.svc.CanEnterLeads(ctx, user); err != nil {
		errorsOn(map[string]string{"external_id": b.userMessage(err)})
		return
	}
	lead, bad := leadFromForm(ic.View.State)
	if lead.ExternalID == "" {
		lead.ExternalID = "manual-" + randomID()
	}
	for k, v := range handlers.ValidateLeads([]armistice.Lead{lead}) {
		if _, seen := bad[k]; !seen {
			bad[k] = v
		}
	}
	if len(bad) > 0 {
		errorsOn(bad)
		return
	}
	got, err := b.svc.TakeLeads(ctx, []armistice.Lead{lead}, handlers.TakeOptions{Actor: user})
	switch {
	case err != nil:
		if !a.ack(slack.NewErrorsViewSubmissionResponse(map[string]string{"external_id": b.userMessage(err)})) {
			b.tell(ctx, channel, user, "Your lead was not saved: "+b.userMessage(err))
		}
	case got[0].Duplicate:
		errorsOn(map[string]string{"external_id": fmt.Sprintf("A lead with the ID %s exists already.", lead.ExternalID)})
	default:
		a.ack(nil)
		b.tell(ctx, channel, user, fmt.Sprintf("Lead %s saved (%s); its card is on its way to the sales team.",
			escape(firstNonEmpty(lead.Name, lead.Email)), escape(lead.ExternalID)))
	}
}

// leadFromForm reads the form's inputs into a lead; a score that is not a
// whole number is a field error.
func leadFromForm(state *slack.ViewState) (armistice.Lead, map[string]string) {
	value := func(name string) string {
		if state == nil {
			return ""
		}
		return strings.TrimSpace(state.Values[name][name].Value)
	}
	l := armistice.Lead{
		ExternalID: value("external_id"), Email: value("email"), Name: value("name"), Company: value("company"),
		Title: value("title"), Phone: value("phone"), Source: value("source"), Persona: value("persona"),
		Country: value("country"), Region: value("region"), Segment: value("segment"), CRMURL: value("crm_url"),
		Notes: value("notes"),
	}
	if l.Source == "" {
		l.Source = "manual"
	}
	bad := map[string]string{}
	if s := value("score"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			l.Score = &n
		} else {
			bad["score"] = "must be a whole number between 0 and 100"
		}
	}
	return l, bad
}

func randomID() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
