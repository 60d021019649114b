package bot

import (
	"context"
	"encoding/json"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
)

// callbackAgreementForm names the agreement's edit form.
const callbackAgreementForm = "agreement_form"

// agreementFormState travels in the edit form's private_metadata: the
// version edited and where the Edit was pressed.
type agreementFormState struct {
	Choice  string `json:"choice"`
	Channel string `json:"channel"`
}

// signAgreement signs for the team of the button pressed, and tells the
// clicker alone.
func (b *Bot) signAgreement(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction, team armistice.Team) {
	a.ack(nil)
	b.respond(ctx, ic.ResponseURL, ReplyMessage(b.conv.SignAgreement(ctx, slackCall(ic.User.ID, ic.Channel.ID), team, action.Value)).Text)
}

// editAgreement opens the agreement's edit form, or tells the clicker why
// it cannot.
func (b *Bot) editAgreement(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	f, none, ok := b.conv.AgreementForm(ctx, slackCall(ic.User.ID, ic.Channel.ID), action.Value, nil, nil)
	if !ok {
		b.respond(ctx, ic.ResponseURL, ReplyMessage(none).Text)
		return
	}
	state, _ := json.Marshal(agreementFormState{Choice: action.Value, Channel: ic.Channel.ID})
	if _, err := b.api.OpenViewContext(ctx, ic.TriggerID, formView(f, callbackAgreementForm, string(state))); err != nil {
		b.log.Warn("slack: opening the agreement form", "err", err)
		b.respond(ctx, ic.ResponseURL, "The form could not be opened in time; please try again.")
	}
}

// submitAgreement proposes the edited agreement before acking, so that
// problems show on their fields.
func (b *Bot) submitAgreement(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	var state agreementFormState
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &state)
	values := map[string]string{}
	if v := ic.View.State; v != nil {
		for id, inputs := range v.Values {
			values[id] = inputs[id].Value
		}
	}
	fieldErrors, r := b.conv.SubmitAgreement(ctx, slackCall(ic.User.ID, state.Channel), state.Choice, values)
	if len(fieldErrors) > 0 {
		a.ack(slack.NewErrorsViewSubmissionResponse(fieldErrors))
		return
	}
	a.ack(nil)
	if state.Channel != "" {
		b.tell(ctx, state.Channel, ic.User.ID, ReplyMessage(r).Text)
	}
}
