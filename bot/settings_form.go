package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// callbackSettingsForm is the callback ID of the admins' settings form.
const callbackSettingsForm = "settings_form"

// settingsFormState travels in the form's private_metadata: where to
// confirm the save.
type settingsFormState struct {
	ResponseURL string `json:"response_url"`
}

// settingsView is the form: Slack's own pickers for channels and people,
// text inputs for the rest, each block named by its setting's key so that
// errors land on the right field. Only Slack IDs can be shown in Slack's
// pickers; Teams channels and users among the settings are kept as they are.
func settingsView(cur chat.AdminSettings, envAdmins []string, state string) slack.ModalViewRequest {
	text := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	input := func(key, hint string, el slack.BlockElement, optional bool) *slack.InputBlock {
		var h *slack.TextBlockObject
		if hint != "" {
			h = text(hint)
		}
		in := slack.NewInputBlock(key, text(chat.SettingLabels[key]), h, el)
		in.Optional = optional
		return in
	}
	channelFilter := &slack.SelectBlockElementFilter{Include: []string{"public", "private"}}
	channel := func(key, current string) *slack.SelectBlockElement {
		el := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, text("Choose a channel"), key)
		el.Filter = channelFilter
		if isSlackChannel(current) {
			el.InitialConversation = current
		}
		return el
	}
	users := func(key string, current []string) *slack.MultiSelectBlockElement {
		el := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, text("Choose people"), key)
		el.InitialUsers = onlySlackUsers(current)
		return el
	}
	textInput := func(key, current string, multiline bool) *slack.PlainTextInputBlockElement {
		el := slack.NewPlainTextInputBlockElement(nil, key)
		el.InitialValue = current
		el.Multiline = multiline
		return el
	}
	digest := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeConversations, text("Choose channels"), chat.SettingDigestChannels)
	digest.Filter = channelFilter
	for _, c := range cur.DigestChannels {
		if isSlackChannel(c) {
			digest.InitialConversations = append(digest.InitialConversations, c)
		}
	}

	blocks := []slack.Block{
		slack.NewSectionBlock(mrkdwn("Changes apply at once, on every replica, and are kept in the audit trail. Until a setting is changed here, its environment variable holds."), nil, nil),
		input(chat.SettingSalesChannel, "Where lead cards go; its members are the sales team. Armistice must be in it.", channel(chat.SettingSalesChannel, cur.SalesChannel), !isSlackChannel(cur.SalesChannel) && cur.SalesChannel != ""),
		input(chat.SettingMarketingChannel, "Where rejection feedback and escalations go; its members are the marketing team.", channel(chat.SettingMarketingChannel, cur.MarketingChannel), !isSlackChannel(cur.MarketingChannel) && cur.MarketingChannel != ""),
		input(chat.SettingDigestChannels, "Where the daily digest goes. Empty: the sales and marketing channels.", digest, true),
		input(chat.SettingSalesManagers, "They hear of every lead left undecided at the end of its window, and may decide on leads.", users(chat.SettingSalesManagers, cur.SalesManagers), true),
	}
	if len(envAdmins) > 0 {
		var ms []string
		for _, a := range envAdmins {
			ms = append(ms, mention(a))
		}
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn("Admins set by the operator (ARMISTICE_ADMINS), always: "+strings.Join(ms, ", "))))
	}
	blocks = append(blocks,
		input(chat.SettingAdmins, "They may change these settings, the goals and the routing rules, and erase personal data.", users(chat.SettingAdmins, cur.Admins), true),
		input(chat.SettingSLA, "Business time to accept or reject a lead, such as 4h or 90m.", textInput(chat.SettingSLA, cur.SLA, false), false),
		input(chat.SettingBusinessHours, "When the SLA clock runs, such as Mon-Fri 09:00-18:00.", textInput(chat.SettingBusinessHours, cur.BusinessHours, false), false),
		input(chat.SettingTimeZone, "An IANA name such as Europe/Madrid, for schedules, periods and business hours.", textInput(chat.SettingTimeZone, cur.TimeZone, false), false),
		input(chat.SettingDigestSchedule, "A cron spec (minute hour day month weekday), such as 0 9 * * 1-5 for 9:00 on weekdays.", textInput(chat.SettingDigestSchedule, cur.DigestSchedule, false), false),
		input(chat.SettingRejectionReasons, "One per line. “other” asks the rep for a comment.", textInput(chat.SettingRejectionReasons, strings.Join(cur.RejectionReasons, "\n"), true), false),
	)
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackSettingsForm,
		Title:           text("Armistice settings"),
		Submit:          text("Save"),
		Close:           text("Cancel"),
		PrivateMetadata: state,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// submitSettings checks who submits (a crafted submission from someone who
// is not an admin changes nothing), then validates and saves before acking,
// so that every problem shows on its field and a closed form means saved
// settings.
func (b *Bot) submitSettings(ctx context.Context, a *acker, ic slack.InteractionCallback) {
	user := ic.User.ID
	var state settingsFormState
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &state)
	errorsOn := func(bad map[string]string) {
		if a.ack(slack.NewErrorsViewSubmissionResponse(bad)) {
			return
		}
		// Too late to show them on the form, which has closed: say them.
		var lines []string
		for _, key := range chat.SettingKeys {
			if msg, ok := bad[key]; ok {
				lines = append(lines, "• *"+chat.SettingLabels[key]+"*: "+escape(msg))
			}
		}
		b.respond(ctx, state.ResponseURL, "Your settings were not saved:\n"+strings.Join(lines, "\n"))
	}
	in := settingsFromForm(ic.View.State, b.svc.AdminSettings())
	changes, err := b.svc.SaveSettings(ctx, user, in)
	if e, ok := errors.AsType[*armistice.Error](err); ok && len(e.Fields) > 0 {
		errorsOn(e.Fields)
		return
	}
	if err != nil {
		errorsOn(map[string]string{chat.SettingSalesChannel: "Not saved: " + b.conv.Message(err)})
		return
	}
	a.ack(nil)
	b.respond(ctx, state.ResponseURL, ReplyMessage(converse.SettingsSaved(changes)).Text)
}

// settingsFromForm reads the form's inputs. What Slack's pickers cannot
// show (Teams channels and users) is kept from cur.
func settingsFromForm(state *slack.ViewState, cur chat.AdminSettings) chat.AdminSettings {
	get := func(key string) slack.BlockAction {
		if state == nil {
			return slack.BlockAction{}
		}
		return state.Values[key][key]
	}
	in := chat.AdminSettings{
		SalesChannel:     get(chat.SettingSalesChannel).SelectedConversation,
		MarketingChannel: get(chat.SettingMarketingChannel).SelectedConversation,
		DigestChannels:   get(chat.SettingDigestChannels).SelectedConversations,
		SalesManagers:    get(chat.SettingSalesManagers).SelectedUsers,
		Admins:           get(chat.SettingAdmins).SelectedUsers,
		SLA:              get(chat.SettingSLA).Value,
		BusinessHours:    get(chat.SettingBusinessHours).Value,
		TimeZone:         get(chat.SettingTimeZone).Value,
		DigestSchedule:   get(chat.SettingDigestSchedule).Value,
		RejectionReasons: strings.Split(get(chat.SettingRejectionReasons).Value, "\n"),
	}
	if in.SalesChannel == "" && !isSlackChannel(cur.SalesChannel) {
		in.SalesChannel = cur.SalesChannel
	}
	if in.MarketingChannel == "" && !isSlackChannel(cur.MarketingChannel) {
		in.MarketingChannel = cur.MarketingChannel
	}
	for _, c := range cur.DigestChannels {
		if !isSlackChannel(c) {
			in.DigestChannels = append(in.DigestChannels, c)
		}
	}
	keepOthers := func(submitted, current []string) []string {
		for _, u := range current {
			if p, ok := armistice.UserPlatform(u); ok && p != armistice.Slack {
				submitted = append(submitted, u)
			}
		}
		return submitted
	}
	in.SalesManagers = keepOthers(in.SalesManagers, cur.SalesManagers)
	in.Admins = keepOthers(in.Admins, cur.Admins)
	return in
}

// channelLink shows a Slack channel ID as a link, anything else escaped.
func channelLink(id string) string {
	if isSlackChannel(id) {
		return "<#" + id + ">"
	}
	return escape(id)
}

func isSlackChannel(id string) bool {
	p, ok := armistice.ChannelPlatform(id)
	return ok && p == armistice.Slack
}

func onlySlackUsers(ids []string) []string {
	var out []string
	for _, id := range ids {
		if p, ok := armistice.UserPlatform(id); ok && p == armistice.Slack {
			out = append(out, id)
		}
	}
	return out
}
