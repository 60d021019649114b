package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
)

// leadStatus shows a lead's state and history to the caller alone.
func (b *Bot) leadStatus(ctx context.Context, a *acker, cmd slack.SlashCommand, externalID string) {
	lead, events, err := b.svc.LeadHistory(ctx, cmd.UserID, externalID)
	text := ""
	if err != nil {
		text = b.userMessage(err)
	} else {
		text = leadHistoryText(lead, events, b.svc.Location())
	}
	msg := slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: text}
	if !a.ack(msg) {
		b.respond(ctx, cmd.ResponseURL, text)
	}
}

// leadHistoryText renders a lead's state and audit trail.
func leadHistoryText(l armistice.Lead, events []armistice.Event, zone *time.Location) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "*%s*", leadWho(l))
	if l.Company != "" {
		fmt.Fprintf(&sb, " at %s", escape(l.Company))
	}
	fmt.Fprintf(&sb, " — *%s* (lead %s)\n", l.Status, escape(l.ExternalID))
	for _, e := range events {
		fmt.Fprintf(&sb, "• %s  %s by %s%s\n", e.At.In(zone).Format("2006-01-02 15:04 MST"), e.Kind, mention(e.Actor), eventDetail(e))
	}
	return sb.String()
}

func eventDetail(e armistice.Event) string {
	var parts []string
	for _, k := range []string{"stage", "reason", "comment", "channel", "amount", "currency", "from", "to", "why"} {
		if v, ok := e.Data[k]; ok && v != nil && fmt.Sprint(v) != "" {
			parts = append(parts, k+": "+escape(fmt.Sprint(v)))
		}
	}
	if p := e.PassedOver(); p != "" {
		parts = append(parts, "passed over: "+cut(escape(p), 1000))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
