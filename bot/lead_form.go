package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

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
	values := map[string]string{}
	if state := ic.View.State; state != nil {
		for _, name := range handlers.LeadFormFields {
			values[name] = state.Values[name][name].Value
		}
	}
	lead, bad, err := b.svc.EnterLead(ctx, user, values)
	switch {
	case err != nil:
		if !a.ack(slack.NewErrorsViewSubmissionResponse(map[string]string{"external_id": b.conv.Message(err)})) {
			b.tell(ctx, channel, user, "Your lead was not saved: "+b.conv.Message(err))
		}
	case len(bad) > 0:
		a.ack(slack.NewErrorsViewSubmissionResponse(bad))
	default:
		a.ack(nil)
		b.tell(ctx, channel, user, fmt.Sprintf("Lead %s saved (%s); its card is on its way to the sales team.",
			escape(firstNonEmpty(lead.Name, lead.Email)), escape(lead.ExternalID)))
	}
}
