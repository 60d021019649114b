package bot

import (
	"context"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// route hands an envelope to the handler of its kind. Whatever a handler
// does not ack is acked empty by handle.
func (b *Bot) route(ctx context.Context, a *acker, evt socketmode.Event) {
	switch data := evt.Data.(type) {
	case slack.SlashCommand:
		b.command(ctx, a, data)
	case slack.InteractionCallback:
		b.onInteraction(ctx, a, data)
	case slackevents.EventsAPIEvent:
		a.ack(nil)
		b.onEvent(ctx, data)
	}
}

// onInteraction handles buttons, form submissions and shortcuts.
func (b *Bot) onInteraction(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	switch {
	case ic.Type == slack.InteractionTypeBlockActions && len(ic.ActionCallback.BlockActions) > 0:
		action := ic.ActionCallback.BlockActions[0]
		switch action.ActionID {
		case actionAccept:
			b.accept(ctx, a, ic, action)
		case actionReject:
			b.rejectForm(ctx, a, ic, action)
		case actionReassign:
			b.reassign(ctx, a, ic, action)
		case converse.ActionAdoptPlan:
			b.adoptPlan(ctx, a, ic, action)
		case converse.ActionInsightsMore:
			b.insightsMore(ctx, a, ic, action)
		case converse.ActionSignMarketing:
			b.signAgreement(ctx, a, ic, action, armistice.TeamMarketing)
		case converse.ActionSignSales:
			b.signAgreement(ctx, a, ic, action, armistice.TeamSales)
		case converse.ActionEditAgreement:
			b.editAgreement(ctx, a, ic, action)
		case converse.ActionOpenLeadForm, converse.ActionOpenInsightForm, converse.ActionRunCommand:
			b.homeAction(ctx, a, ic, action)
		default:
			a.ack(nil) // the CRM link button opens a URL; nothing to do
		}
	case ic.Type == slack.InteractionTypeViewSubmission && ic.View.CallbackID == callbackLeadForm:
		b.submitLeadForm(ctx, a, ic)
	case ic.Type == slack.InteractionTypeViewSubmission && ic.View.CallbackID == callbackRejectForm:
		b.submitReject(ctx, a, ic)
	case ic.Type == slack.InteractionTypeViewSubmission && ic.View.CallbackID == callbackInsightForm:
		b.submitInsight(ctx, a, ic)
	case ic.Type == slack.InteractionTypeMessageAction && ic.CallbackID == callbackSaveInsight:
		b.saveInsightShortcut(ctx, a, ic)
	case ic.Type == slack.InteractionTypeViewSubmission && ic.View.CallbackID == callbackAgreementForm:
		b.submitAgreement(ctx, a, ic)
	case ic.Type == slack.InteractionTypeViewSubmission && ic.View.CallbackID == callbackSettingsForm:
		b.submitSettings(ctx, a, ic)
	default:
		a.ack(nil)
		b.log.Info("slack: interaction with no handler", "type", ic.Type, "callback", ic.CallbackID, "view_callback", ic.View.CallbackID)
	}
}

// onEvent handles Events API events, after their ack.
func (b *Bot) onEvent(_ context.Context, e slackevents.EventsAPIEvent) {
	switch ev := e.InnerEvent.Data.(type) {
	case *slackevents.AppHomeOpenedEvent:
		if ev.Tab == "home" {
			b.home.mark(ev.User)
		}
	case *slackevents.MemberJoinedChannelEvent:
		b.members.forget(ev.Channel)
	case *slackevents.MemberLeftChannelEvent:
		b.members.forget(ev.Channel)
	default:
		b.log.Debug("slack: event with no handler", "type", e.InnerEvent.Type)
	}
}
