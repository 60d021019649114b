package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// settingsHistoryLength is how many changes `settings history` shows.
const settingsHistoryLength = 20

// settingsHistory tells an admin who changed which setting or routing rule,
// when, from what to what: the newest changes first.
func (b *Bot) settingsHistory(ctx context.Context, user string) string {
	if err := b.svc.RequireAdmin(user, "see the settings' history"); err != nil {
		return b.refusal(err)
	}
	events, err := b.svc.SettingsHistory(ctx, settingsHistoryLength)
	if err != nil {
		return b.userMessage(err)
	}
	if len(events) == 0 {
		return "No setting has been changed from Slack yet: the environment's values hold."
	}
	var sb strings.Builder
	sb.WriteString("*Changes to the settings and routing rules*, newest first:")
	for _, e := range events {
		fmt.Fprintf(&sb, "\n• %s %s — %s", e.At.In(b.svc.Location()).Format("2006-01-02 15:04 MST"), mention(e.Actor), settingsEventText(e))
	}
	return sb.String()
}

// settingsEventText says what one audit event changed.
func settingsEventText(e armistice.SettingsEvent) string {
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
		return fmt.Sprintf("routing rule `%d` %s: %s = *%s* → %s", r.ID, verb, r.Field, escape(r.Value), channelLink(r.Channel))
	}
	label := handlers.SettingLabels[e.Key]
	if label == "" {
		label = e.Key
	}
	return fmt.Sprintf("*%s*: %s → %s", label, settingText(e.Key, jsonValue(e.Before)), settingText(e.Key, jsonValue(e.After)))
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
