package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// Content types of an Action.Execute answer.
const (
	contentTypeMessage = "application/vnd.microsoft.activity.message"
	contentTypeError   = "application/vnd.microsoft.error"
	contentTypeCard    = "application/vnd.microsoft.card.adaptive"
)

// onInvoke answers a click, a dialog or the message action. What it says
// is seen by the clicker alone.
func (b *Bot) onInvoke(ctx context.Context, a *Activity) InvokeResponse {
	user, err := userOf(a)
	if err != nil {
		return InvokeResponse{Status: http.StatusBadRequest, Body: executeError(http.StatusBadRequest, "This action needs a signed-in Teams user.")}
	}
	switch a.Name {
	case InvokeAdaptiveCardAction:
		return b.onExecute(ctx, a, user)
	case InvokeTaskFetch:
		var v struct {
			Data ActionData `json:"data"`
		}
		if err := json.Unmarshal(a.Value, &v); err != nil {
			return badInvoke(err)
		}
		return ok(b.openDialog(ctx, user, v.Data))
	case InvokeTaskSubmit:
		var v struct {
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(a.Value, &v); err != nil {
			return badInvoke(err)
		}
		return b.submitDialog(ctx, user, v.Data)
	case InvokeExtensionFetchTask:
		return b.saveInsightFromMessage(ctx, a)
	case InvokeExtensionSubmit:
		var v struct {
			CommandID string          `json:"commandId"`
			Data      json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(a.Value, &v); err != nil {
			return badInvoke(err)
		}
		return b.submitDialog(ctx, user, v.Data)
	}
	return InvokeResponse{Status: http.StatusNotImplemented}
}

func ok(body any) InvokeResponse { return InvokeResponse{Status: http.StatusOK, Body: body} }

func badInvoke(err error) InvokeResponse {
	return InvokeResponse{Status: http.StatusBadRequest, Body: executeError(http.StatusBadRequest, "Unreadable action: "+err.Error())}
}

// executeMessage answers an Action.Execute with a message to the clicker.
func executeMessage(text string) InvokeResponse {
	return ok(map[string]any{"statusCode": http.StatusOK, "type": contentTypeMessage, "value": text})
}

func executeError(status int, text string) map[string]any {
	return map[string]any{"statusCode": status, "type": contentTypeError, "value": map[string]any{"code": "BadRequest", "message": text}}
}

// taskMessage closes a dialog with a message to its user.
func taskMessage(text string) map[string]any {
	return map[string]any{"task": map[string]any{"type": "message", "value": text}}
}

// onExecute runs an Action.Execute: Accept on a lead card, Adopt on a plan.
// The card itself is redrawn for everyone by the decision's job; the
// clicker is told only what concerns them.
func (b *Bot) onExecute(ctx context.Context, a *Activity, user string) InvokeResponse {
	var v struct {
		Action struct {
			Verb string          `json:"verb"`
			Data json.RawMessage `json:"data"`
		} `json:"action"`
	}
	if err := json.Unmarshal(a.Value, &v); err != nil {
		return badInvoke(err)
	}
	switch v.Action.Verb {
	case VerbAccept:
		var d ActionData
		if err := json.Unmarshal(v.Action.Data, &d); err != nil || d.LeadID == 0 {
			return badInvoke(fmt.Errorf("no lead in %s", v.Action.Data))
		}
		return executeMessage(b.accept(ctx, user, d.LeadID))
	case VerbReassign:
		var d struct {
			ActionData
			To string `json:"reassignTo"`
		}
		if err := json.Unmarshal(v.Action.Data, &d); err != nil || d.LeadID == 0 {
			return badInvoke(fmt.Errorf("no lead in %s", v.Action.Data))
		}
		return executeMessage(b.reassign(ctx, user, d.LeadID, d.To))
	case converse.ActionAdoptPlan:
		return executeMessage(b.plainReply(ctx, b.conv.AdoptPlan(ctx, teamsCall(user, channelOf(a)), string(v.Action.Data))))
	case converse.ActionSignMarketing:
		return executeMessage(b.plainReply(ctx, b.conv.SignAgreement(ctx, teamsCall(user, channelOf(a)), armistice.TeamMarketing, string(v.Action.Data))))
	case converse.ActionSignSales:
		return executeMessage(b.plainReply(ctx, b.conv.SignAgreement(ctx, teamsCall(user, channelOf(a)), armistice.TeamSales, string(v.Action.Data))))
	case converse.ActionRunCommand:
		var line string
		_ = json.Unmarshal(v.Action.Data, &line)
		call := teamsCall(user, channelOf(a))
		call.Line = line
		return executeMessage(b.plainReply(ctx, b.conv.Run(ctx, call)))
	case converse.ActionInsightsMore:
		r := b.conv.MoreInsights(ctx, teamsCall(user, channelOf(a)), string(v.Action.Data))
		return ok(map[string]any{"statusCode": http.StatusOK, "type": contentTypeCard, "value": replyCard(r, b.replyNames(ctx, r))})
	}
	return InvokeResponse{Status: http.StatusOK, Body: executeError(http.StatusBadRequest, "Unknown action "+v.Action.Verb)}
}

// accept decides for the clicker and says what happened.
func (b *Bot) accept(ctx context.Context, user string, leadID int64) string {
	res, err := b.svc.Decide(ctx, leadID, armistice.Decision{Verdict: armistice.StatusAccepted, By: user})
	switch {
	case err != nil:
		return b.conv.Message(err)
	case res.Decided:
		return "You accepted " + leadWhoPlain(res.Lead) + ". The card shows it to everyone."
	case res.Lead.DecidedBy == user && res.Lead.Verdict == armistice.StatusAccepted:
		return "You accepted this lead already."
	}
	return b.plainReply(ctx, converse.AlreadyDecided(res.Lead))
}

// teamsCall is what a Teams user does, as the conversation reads it; a
// command adds its line.
func teamsCall(user, channel string) converse.Call {
	return converse.Call{User: user, Invoke: botName, Channel: channel, Platform: armistice.Teams}
}

// openDialog answers a task/fetch: the reject reason, lead and insight
// dialogs, or a message when the user may not open it.
func (b *Bot) openDialog(ctx context.Context, user string, d ActionData) map[string]any {
	switch d.Action {
	case ActionReject:
		if err := b.svc.CanDecide(ctx, user, d.LeadID); err != nil {
			return taskMessage(b.conv.Message(err))
		}
		lead, err := b.svc.LeadToDecide(ctx, d.LeadID)
		if err != nil {
			return taskMessage(b.conv.Message(err))
		}
		if !armistice.Undecided(lead.Status) {
			return taskMessage(b.plainReply(ctx, converse.AlreadyDecided(lead)))
		}
		return rejectDialogTask(lead, b.svc.RejectionReasons(), nil, nil)
	case ActionLeadForm, converse.ActionOpenLeadForm:
		if err := b.svc.CanEnterLeads(ctx, user); err != nil {
			return taskMessage(b.conv.Message(err))
		}
		return leadDialogTask(d.Channel, nil, nil)
	case ActionInsightForm, converse.ActionOpenInsightForm:
		return b.insightDialogTask(ctx, user, d.Channel, "", map[string]string{"persona": d.Prefill}, nil)
	case converse.ActionEditAgreement:
		return b.agreementDialogTask(ctx, user, d.Value, nil, nil)
	}
	return taskMessage("This button is out of date; run the command again.")
}

// insightDialogTask opens the insight dialog, or says why it cannot.
func (b *Bot) insightDialogTask(ctx context.Context, user, channel, link string, values, fieldErrors map[string]string) map[string]any {
	f, none, ok := b.conv.InsightForm(ctx, teamsCall(user, channel), values, fieldErrors, link != "")
	if !ok {
		return taskMessage(b.plainReply(ctx, none))
	}
	return dialogTask(f.Title, formCard(f, ActionData{Action: ActionInsightForm, Channel: channel, Link: link}))
}

// agreementDialogTask opens the agreement's edit dialog (with what was
// typed and the server's errors when it shows again), or says why it
// cannot.
func (b *Bot) agreementDialogTask(ctx context.Context, user, value string, values, fieldErrors map[string]string) map[string]any {
	f, none, ok := b.conv.AgreementForm(ctx, teamsCall(user, ""), value, values, fieldErrors)
	if !ok {
		return taskMessage(b.plainReply(ctx, none))
	}
	return dialogTask(f.Title, formCard(f, ActionData{Action: ActionAgreementSubmit, Value: value}))
}

// leadDialogTask opens the lead dialog, with what was typed and the
// server's errors when it shows again.
func leadDialogTask(channel string, values, fieldErrors map[string]string) map[string]any {
	f := converse.LeadForm(values, fieldErrors)
	return dialogTask(f.Title, formCard(f, ActionData{Action: ActionLeadForm, Channel: channel}))
}

// submitDialog takes a dialog's inputs: a problem shows the dialog again
// with each error under its field and what was typed kept; success closes
// it with a word to the user.
func (b *Bot) submitDialog(ctx context.Context, user string, raw json.RawMessage) InvokeResponse {
	var d ActionData
	if err := json.Unmarshal(raw, &d); err != nil {
		return badInvoke(err)
	}
	values := inputs(raw)
	switch d.Action {
	case ActionRejectSubmit:
		decision := armistice.Decision{Verdict: armistice.StatusRejected, By: user, Reason: values["reason"], Comment: values["comment"]}
		res, err := b.svc.Decide(ctx, d.LeadID, decision)
		if e, isErr := errors.AsType[*armistice.Error](err); isErr && e.Code == armistice.EINVALID {
			l, lerr := b.svc.LeadToDecide(ctx, d.LeadID)
			if lerr != nil {
				return ok(taskMessage(b.conv.Message(lerr)))
			}
			return ok(rejectDialogTask(l, b.svc.RejectionReasons(), values, e.Fields))
		}
		switch {
		case err != nil:
			return ok(taskMessage("Your rejection was not recorded: " + b.conv.Message(err)))
		case !res.Decided:
			return ok(taskMessage(b.plainReply(ctx, converse.AlreadyDecided(res.Lead))))
		}
		return ok(taskMessage("Rejected. Marketing gets your reason and comment."))
	case ActionLeadForm:
		lead, bad, err := b.svc.EnterLead(ctx, user, values)
		switch {
		case err != nil:
			return ok(taskMessage("Your lead was not saved: " + b.conv.Message(err)))
		case len(bad) > 0:
			return ok(leadDialogTask(d.Channel, values, bad))
		}
		return ok(taskMessage(b.plainReply(ctx, converse.LeadSaved(lead))))
	case ActionInsightForm:
		in := chat.InsightInput{Author: user, Persona: values["persona"], Text: values["text"], Tags: armistice.ParseTags(values["tags"])}
		if safeLink(d.Link) {
			in.Permalink = d.Link
		}
		saved, err := b.svc.SaveInsight(ctx, in)
		if e, isErr := errors.AsType[*armistice.Error](err); isErr && e.Code == armistice.EINVALID {
			return ok(b.insightDialogTask(ctx, user, d.Channel, d.Link, values, e.Fields))
		}
		if err != nil {
			return ok(taskMessage("Your insight was not saved: " + b.conv.Message(err)))
		}
		return ok(taskMessage(b.plainReply(ctx, converse.InsightSaved(saved))))
	case ActionAgreementSubmit:
		bad, r := b.conv.SubmitAgreement(ctx, teamsCall(user, ""), d.Value, values)
		if len(bad) > 0 {
			return ok(b.agreementDialogTask(ctx, user, d.Value, values, bad))
		}
		return ok(taskMessage(b.plainReply(ctx, r)))
	}
	return ok(taskMessage("This dialog is out of date; open it again."))
}

// inputs are a dialog's inputs: the string values beside the action's data.
func inputs(raw json.RawMessage) map[string]string {
	var all map[string]any
	_ = json.Unmarshal(raw, &all)
	out := map[string]string{}
	for k, v := range all {
		if s, isString := v.(string); isString {
			out[k] = s
		}
	}
	return out
}

// saveInsightFromMessage answers the message action "Save as persona
// insight": the insight dialog with the message's text and link.
func (b *Bot) saveInsightFromMessage(ctx context.Context, a *Activity) InvokeResponse {
	var v struct {
		CommandID      string `json:"commandId"`
		MessagePayload struct {
			Body struct {
				Content string `json:"content"`
			} `json:"body"`
			LinkToMessage string `json:"linkToMessage"`
		} `json:"messagePayload"`
	}
	if err := json.Unmarshal(a.Value, &v); err != nil {
		return badInvoke(err)
	}
	if v.CommandID != CommandSaveInsight {
		return InvokeResponse{Status: http.StatusNotImplemented}
	}
	text := plainText(v.MessagePayload.Body.Content)
	user, _ := userOf(a)
	return ok(b.insightDialogTask(ctx, user, channelOf(a), v.MessagePayload.LinkToMessage, map[string]string{"text": text}, nil))
}
