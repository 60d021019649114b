package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// callbackLeadForm is the callback ID of the manual lead form.
const callbackLeadForm = "lead_form"

// submitLeadForm validates the form and stores the lead before acking, so
// that every problem shows on its field (response_action errors) and a
// closed form means a stored lead.
func (b *Bot) submitLeadForm(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	user, channel := ic.User.ID, ic.View.PrivateMetadata
	values := map[string]string{}
	if state := ic.View.State; state != nil {
		for _, name := range chat.LeadFormFields {
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
		b.tell(ctx, channel, user, ReplyMessage(converse.LeadSaved(lead)).Text)
	}
}
