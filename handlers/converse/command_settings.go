package converse

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// settingsHistoryLength is how many changes `settings history` shows.
const settingsHistoryLength = 20

// settings answers `settings` (admins): in Slack the settings form, where
// Teams shows the settings in force to the caller alone; `settings
// history` tells who changed what.
func (c *Conversation) settings(ctx context.Context, call Call, args []string) Reply {
	if len(args) > 0 && (strings.EqualFold(args[0], "history") || strings.EqualFold(args[0], "log")) {
		return c.settingsHistory(ctx, call)
	}
	if err := c.svc.RequireAdmin(call.User, "change the settings"); err != nil {
		return c.refused(call, err)
	}
	if call.Platform == armistice.Slack {
		return Reply{Form: &Form{Name: FormSettings}}
	}
	s := c.svc.AdminSettings()
	reasons := s.RejectionReasons
	if len(reasons) == 0 {
		reasons = armistice.DefaultRejectionReasons
	}
	digests := append(settingValue(chat.SettingDigestChannels, s.DigestChannels), T(", on "), C(s.DigestSchedule))
	return Reply{Private: true, Blocks: []Block{
		P(B("Settings in force")),
		List{
			append(P(T("Sales channel: ")), settingValue(chat.SettingSalesChannel, s.SalesChannel)...),
			append(P(T("Marketing channel: ")), settingValue(chat.SettingMarketingChannel, s.MarketingChannel)...),
			append(P(T("Digests to: ")), digests...),
			P(T("Follow-up SLA: " + s.SLA + " of business hours")),
			append(P(T("Admins: ")), settingValue(chat.SettingAdmins, c.svc.Admins())...),
			append(P(T("Sales managers: ")), settingValue(chat.SettingSalesManagers, s.SalesManagers)...),
			P(T("Rejection reasons: " + strings.Join(reasons, ", "))),
			P(T("Time zone: " + s.TimeZone)),
		},
		P(T("They are changed with the ARMISTICE_* variables, or from the settings form in Slack where Slack is connected.")),
	}}
}

// SettingsSaved confirms a save of the settings form, listing each
// change.
func SettingsSaved(changes []chat.SettingChange) Reply {
	if len(changes) == 0 {
		return Text(T("Nothing changed: the settings are as they were."))
	}
	list := make(List, len(changes))
	for i, c := range changes {
		list[i] = append(append(append(P(B(c.Label), T(": ")), settingValue(c.Key, c.Before)...), T(" → ")), settingValue(c.Key, c.After)...)
	}
	return Reply{Blocks: []Block{P(T("✅ Settings saved; they apply now, on every replica:")), list}}
}

// settingsHistory tells an admin alone who changed which setting or
// routing rule, when, from what to what: the newest changes first.
func (c *Conversation) settingsHistory(ctx context.Context, call Call) Reply {
	if err := c.svc.RequireAdmin(call.User, "see the settings' history"); err != nil {
		return c.refused(call, err)
	}
	events, err := c.svc.SettingsHistory(ctx, settingsHistoryLength)
	if err != nil {
		return c.failed(err)
	}
	if len(events) == 0 {
		return Text(T("No setting has been changed from the chat yet: the environment's values hold."))
	}
	list := make(List, len(events))
	for i, e := range events {
		list[i] = append(P(T(e.At.In(c.svc.Location()).Format("2006-01-02 15:04 MST")+" "), U(e.Actor), T(" — ")), settingsEvent(e)...)
	}
	return Reply{Blocks: []Block{P(B("Changes to the settings and routing rules"), T(", newest first:")), list}, Private: true}
}

// settingsEvent says what one audit event changed.
func settingsEvent(e armistice.SettingsEvent) []Span {
	if e.Key == "route" {
		var r struct {
			ID      int64  `json:"id"`
			Field   string `json:"field"`
			Value   string `json:"value"`
			Channel string `json:"channel"`
		}
		verb, raw := "added", e.After
		if len(e.After) == 0 {
			verb, raw = "removed", e.Before
		}
		_ = json.Unmarshal(raw, &r)
		return []Span{T("routing rule "), C(ruleNumber(r.ID)), T(" " + verb + ": " + r.Field + " = "), B(r.Value), T(" → "), Ch(r.Channel)}
	}
	label := chat.SettingLabels[e.Key]
	if label == "" {
		label = e.Key
	}
	spans := append([]Span{B(label), T(": ")}, settingValue(e.Key, jsonValue(e.Before))...)
	return append(append(spans, T(" → ")), settingValue(e.Key, jsonValue(e.After))...)
}

// jsonValue reads a stored setting: a string or a list of strings.
func jsonValue(raw json.RawMessage) any {
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return nil
}

// settingValue shows a setting's value: channels and people by name where
// the platform can, the rest as code.
func settingValue(key string, v any) []Span {
	var items []string
	switch x := v.(type) {
	case nil:
	case string:
		items = []string{x}
	case []string:
		items = slices.Clone(x)
	}
	items = slices.DeleteFunc(items, func(s string) bool { return s == "" })
	if len(items) == 0 {
		if key == chat.SettingDigestChannels {
			return []Span{I("the sales and marketing channels")}
		}
		return []Span{I("none")}
	}
	var spans []Span
	for i, it := range items {
		if i > 0 {
			spans = append(spans, T(", "))
		}
		switch key {
		case chat.SettingSalesChannel, chat.SettingMarketingChannel, chat.SettingDigestChannels:
			spans = append(spans, Ch(it))
		case chat.SettingSalesManagers, chat.SettingAdmins:
			spans = append(spans, U(it))
		default:
			spans = append(spans, C(it))
		}
	}
	return spans
}
