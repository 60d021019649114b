package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// UpdateLeadCard implements handlers.Chat: the card is redrawn in place for
// everyone in the channel.
func (b *Bot) UpdateLeadCard(ctx context.Context, ref handlers.MessageRef, card handlers.LeadCard) error {
	blocks, fallback := leadCardBlocks(card)
	_, _, _, err := b.api.UpdateMessageContext(ctx, ref.Channel, ref.ID,
		slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionText(fallback, false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: cardEventType, EventPayload: map[string]any{"lead_id": card.Lead.ID}}),
	)
	if err != nil {
		return slackError("chat.update", err)
	}
	return nil
}

// PostNotice implements handlers.Chat: a notice to a user goes to their
// direct messages with the app.
func (b *Bot) PostNotice(ctx context.Context, n handlers.Notice) (handlers.MessageRef, error) {
	channel := n.Channel
	if n.To != "" {
		channel = n.To
	}
	return b.post(ctx, channel, n.Thread, b.noticeText(ctx, n), nil, nil)
}

// noticeText writes a notice in mrkdwn; outside text is escaped.
func (b *Bot) noticeText(ctx context.Context, n handlers.Notice) string {
	l := n.Card.Lead
	who := "*" + leadWho(l) + "*"
	if l.Company != "" {
		who += " at " + escape(l.Company)
	}
	due := n.Card.DueAt.In(n.Card.Zone).Format("Mon 2 Jan 15:04 MST")
	switch n.Kind {
	case handlers.NoticeAccepted:
		return fmt.Sprintf(":white_check_mark: %s accepted this lead; it is theirs now. Time to decision: %s of business time.", decider(n.Card), armistice.FormatBusinessTime(n.Card.TimeToDecision))
	case handlers.NoticeRejected:
		var sb strings.Builder
		fmt.Fprintf(&sb, ":x: *Sales rejected* %s", who)
		if l.Source != "" {
			fmt.Fprintf(&sb, " (source: %s)", escape(l.Source))
		}
		fmt.Fprintf(&sb, "\n%s gave the reason *%s*", decider(n.Card), escape(l.Reason))
		if l.Comment != "" {
			fmt.Fprintf(&sb, ":\n> %s", strings.ReplaceAll(escape(l.Comment), "\n", "\n> "))
		}
		if len(n.Card.Insights) > 0 {
			sb.WriteString("\n" + insightsLine(l.Persona, n.Card.Insights))
		}
		sb.WriteString(b.cardLink(ctx, n.CardRef))
		return sb.String()
	case handlers.NoticeReminder:
		if len(n.Mentions) > 0 {
			return fmt.Sprintf(":alarm_clock: %s, still waiting for your decision on %s: the follow-up window ends *%s*.", mention(n.Mentions[0]), who, due)
		}
		return fmt.Sprintf(":alarm_clock: Still waiting for a decision on this lead: the follow-up window ends *%s*.", due)
	case handlers.NoticeReassigned:
		from := ""
		if n.Mentions[0] != "" {
			from = " from " + mention(n.Mentions[0])
		}
		return fmt.Sprintf(":arrow_right_hook: Moved on%s to %s (%s). %s, it is yours now: decide by *%s*.",
			from, mention(n.Mentions[1]), cut(escape(l.AssignWhy), cutAssign), mention(n.Mentions[1]), due)
	case handlers.NoticeUnassigned:
		managers := "No sales managers are configured to hear of it."
		if len(n.Mentions) > 0 {
			var ms []string
			for _, m := range n.Mentions {
				ms = append(ms, mention(m))
			}
			managers = strings.Join(ms, " ") + ", for your information."
		}
		return fmt.Sprintf(":raising_hand: Nobody in the pool could take this lead (%s): anyone on the sales team may accept or reject it. %s", cut(escape(l.AssignWhy), cutAssign), managers)
	case handlers.NoticeEscalation:
		managers := "No sales managers are configured to hear of it."
		if len(n.Mentions) > 0 {
			var ms []string
			for _, m := range n.Mentions {
				ms = append(ms, mention(m))
			}
			managers = strings.Join(ms, " ") + ", please take a look."
		}
		if n.Thread != "" {
			return fmt.Sprintf(":rotating_light: The follow-up window ended *%s* with no decision on this lead. %s", due, managers)
		}
		return fmt.Sprintf(":rotating_light: No decision on %s by the end of its follow-up window (%s). %s%s", who, due, managers, b.cardLink(ctx, n.CardRef))
	case handlers.NoticeCardRefused:
		ext := cut(escape(l.ExternalID), cutMinimal)
		link := ""
		if n.CardRef.Platform == armistice.Slack {
			link = b.cardLink(ctx, n.CardRef)
		}
		return fmt.Sprintf(":warning: %s refused the card of lead `%s`, %s: %s\nA minimal card with Accept and Reject stands in for it; `/armistice lead %s` shows the lead's details.%s",
			platformName(n.CardRef.Platform), ext, cut(who, 1000), escape(n.Detail), ext, link)
	}
	return ""
}

// cardLink links to a lead's card, when Slack gives its permalink.
func (b *Bot) cardLink(ctx context.Context, ref handlers.MessageRef) string {
	if ref.ID == "" {
		return ""
	}
	link, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: ref.Channel, Ts: ref.ID})
	if err != nil {
		b.log.Warn("slack: permalink of a card", "err", err)
		return ""
	}
	return "\n<" + link + "|Open the lead's card>"
}

// platformName names a chat platform for people.
func platformName(p armistice.Platform) string {
	if p == armistice.Teams {
		return "Teams"
	}
	return "Slack"
}
