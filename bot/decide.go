package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// callbackRejectForm is the callback ID of the rejection form.
const callbackRejectForm = "reject_form"

// rejectFormState travels in the form's private_metadata.
type rejectFormState struct {
	LeadID      int64  `json:"lead_id"`
	ResponseURL string `json:"response_url"`
}

// accept decides for the clicker. The click is acked at once; what only the
// clicker may see goes through the interaction's response_url, which
// reaches people outside the channel too.
func (b *Bot) accept(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	leadID, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return
	}
	res, err := b.svc.Decide(ctx, leadID, armistice.Decision{Verdict: armistice.StatusAccepted, By: ic.User.ID})
	b.home.mark(ic.User.ID)
	switch {
	case err != nil:
		b.respondTo(ctx, ic.ResponseURL, ic.User.ID, b.conv.Message(err))
	case !res.Decided && res.Lead.DecidedBy == ic.User.ID && res.Lead.Verdict == armistice.StatusAccepted:
		// Their own acceptance, clicked twice or redelivered: nothing to say.
	case !res.Decided:
		b.respondTo(ctx, ic.ResponseURL, ic.User.ID, ReplyMessage(converse.AlreadyDecided(res.Lead)).Text)
	}
}

// rejectForm opens the form that asks for the reason, after checking that
// the clicker may decide and that the lead is still open, within the
// trigger's 3 seconds.
func (b *Bot) rejectForm(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	leadID, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return
	}
	if err := b.svc.CanDecide(ctx, ic.User.ID, leadID); err != nil {
		b.respondTo(ctx, ic.ResponseURL, ic.User.ID, b.conv.Message(err))
		return
	}
	lead, err := b.svc.LeadToDecide(ctx, leadID)
	if err != nil {
		b.respondTo(ctx, ic.ResponseURL, ic.User.ID, b.conv.Message(err))
		return
	}
	if !armistice.Undecided(lead.Status) {
		b.respondTo(ctx, ic.ResponseURL, ic.User.ID, ReplyMessage(converse.AlreadyDecided(lead)).Text)
		return
	}
	state, _ := json.Marshal(rejectFormState{LeadID: leadID, ResponseURL: ic.ResponseURL})
	if _, err := b.api.OpenViewContext(ctx, ic.TriggerID, formView(converse.RejectForm(lead, b.svc.RejectionReasons(), nil, nil), callbackRejectForm, string(state))); err != nil {
		b.log.Warn("slack: opening the reject form", "err", err)
		b.respondTo(ctx, ic.ResponseURL, ic.User.ID, "The form could not be opened in time; please click Reject again.")
	}
}

// submitReject decides before acking, so that a missing reason or comment
// shows on its field and a closed form means a recorded rejection.
func (b *Bot) submitReject(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	var state rejectFormState
	if err := json.Unmarshal([]byte(ic.View.PrivateMetadata), &state); err != nil {
		a.ack(slack.NewErrorsViewSubmissionResponse(map[string]string{"reason": "This form is out of date; click Reject on the card again."}))
		return
	}
	d := armistice.Decision{Verdict: armistice.StatusRejected, By: ic.User.ID}
	if ic.View.State != nil {
		d.Reason = ic.View.State.Values["reason"]["reason"].SelectedOption.Value
		d.Comment = ic.View.State.Values["comment"]["comment"].Value
	}
	res, err := b.svc.Decide(ctx, state.LeadID, d)
	b.home.mark(ic.User.ID)
	if e, ok := errors.AsType[*armistice.Error](err); ok && e.Code == armistice.EINVALID {
		a.ack(slack.NewErrorsViewSubmissionResponse(e.Fields))
		return
	}
	a.ack(slack.NewClearViewSubmissionResponse())
	switch {
	case err != nil:
		b.respondTo(ctx, state.ResponseURL, ic.User.ID, "Your rejection was not recorded: "+b.conv.Message(err))
	case !res.Decided:
		b.respondTo(ctx, state.ResponseURL, ic.User.ID, ReplyMessage(converse.AlreadyDecided(res.Lead)).Text)
	}
}
