package teams

import (
	"fmt"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// noticeText writes a notice as Teams message markdown, with the mention
// entities the text refers to (the sales managers of an escalation). Text
// from outside is escaped; only the mentions made here can notify anyone.
// Teams gives no link to a card for now, so notices posted away from the
// card carry none.
func noticeText(n handlers.Notice, names Names) (text string, entities []Entity) {
	c := n.Card
	l := c.Lead
	who := "**" + leadWhoMD(l) + "**"
	if l.Company != "" && l.ErasedAt == nil {
		who += " at " + mdEscape(oneLine(l.Company))
	}
	due := c.DueAt.In(zoneOr(c.Zone)).Format("Mon 2 Jan 15:04 MST")
	rep := "**" + mdEscape(oneLine(names.of(l.DecidedBy))) + "**"
	switch n.Kind {
	case handlers.NoticeAccepted:
		return fmt.Sprintf("✅ %s accepted this lead; it is theirs now. Time to decision: %s of business time.",
			rep, armistice.FormatBusinessTime(c.TimeToDecision)), nil
	case handlers.NoticeRejected:
		var sb strings.Builder
		fmt.Fprintf(&sb, "❌ **Sales rejected** %s", who)
		if l.Source != "" {
			fmt.Fprintf(&sb, " (source: %s)", mdEscape(oneLine(l.Source)))
		}
		fmt.Fprintf(&sb, "\n\n%s gave the reason **%s**", rep, mdEscape(oneLine(l.Reason)))
		if l.Comment != "" {
			sb.WriteString(":\n\n" + mdQuote(l.Comment))
		}
		if len(c.Insights) > 0 {
			sb.WriteString("\n\n" + insightsAboutMD(l.Persona, c.Insights))
		}
		return sb.String(), nil
	case handlers.NoticeReminder:
		if at, ents := mentions(n.Mentions, names); len(at) > 0 {
			return fmt.Sprintf("⏰ %s, still waiting for your decision on %s: the follow-up window ends **%s**.", at[0], who, due), ents
		}
		return fmt.Sprintf("⏰ Still waiting for a decision on this lead: the follow-up window ends **%s**.", due), nil
	case handlers.NoticeReassigned:
		why := mdEscape(oneLine(l.AssignWhy))
		from, to := "", "**"+mdEscape(oneLine(names.of(n.Mentions[1])))+"**"
		if n.Mentions[0] != "" {
			from = " from **" + mdEscape(oneLine(names.of(n.Mentions[0]))) + "**"
		}
		at, ents := mentions(n.Mentions[1:], names)
		if len(at) > 0 {
			to = at[0]
		}
		return fmt.Sprintf("↪️ Moved on%s to %s (%s): decide by **%s**.", from, to, why, due), ents
	case handlers.NoticeUnassigned:
		managers := "No sales managers are configured to hear of it."
		at, ents := mentions(n.Mentions, names)
		if len(at) > 0 {
			managers = strings.Join(at, " ") + ", for your information."
		}
		return fmt.Sprintf("🙋 Nobody in the pool could take this lead (%s): anyone on the sales team may accept or reject it. %s", mdEscape(oneLine(l.AssignWhy)), managers), ents
	case handlers.NoticeEscalation:
		managers := "No sales managers are configured to hear of it."
		if len(n.Mentions) > 0 {
			var at []string
			at, entities = mentions(n.Mentions, names)
			if len(at) > 0 {
				managers = strings.Join(at, " ") + ", please take a look."
			} else {
				managers = "No sales manager is on Teams to hear of it here."
			}
		}
		if n.Thread != "" {
			return fmt.Sprintf("🚨 The follow-up window ended **%s** with no decision on this lead. %s", due, managers), entities
		}
		return fmt.Sprintf("🚨 No decision on %s by the end of its follow-up window (%s). %s", who, due, managers), entities
	case handlers.NoticeCardRefused:
		platform := "Slack"
		if n.CardRef.Platform == armistice.Teams {
			platform = "Teams"
		}
		ext := mdEscape(oneLine(armistice.Truncate(l.ExternalID, cutMinimal)))
		return fmt.Sprintf("⚠️ %s refused the card of lead **%s**, %s: %s\n\nA minimal card with Accept and Reject stands in for it; **lead %s** shows the lead's details.",
			platform, ext, who, mdEscape(oneLine(n.Detail)), ext), nil
	}
	return "", nil
}

// mentions writes a Teams mention of each user who is a Teams user (an
// Entra object ID), once each, with the entities that make them mentions.
// Users of other platforms cannot be mentioned in Teams and are left out.
func mentions(users []string, names Names) (at []string, entities []Entity) {
	seen := map[string]bool{}
	for _, id := range users {
		if p, ok := armistice.UserPlatform(id); !ok || p != armistice.Teams || seen[strings.ToLower(id)] {
			continue
		}
		seen[strings.ToLower(id)] = true
		name := oneLine(names.of(id))
		tag := "<at>" + mdEscape(name) + "</at>"
		at = append(at, tag)
		entities = append(entities, Entity{Type: "mention", Mentioned: &ChannelAccount{ID: id, Name: name}, Text: tag})
	}
	return at, entities
}

// mdQuote writes outside text as a block quote, escaped, line by line.
func mdQuote(s string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n")
	for i, l := range lines {
		lines[i] = "> " + mdEscape(l)
	}
	return strings.Join(lines, "\n")
}

// insightsAboutMD shows what the teams know about a persona, the newest
// two insights as the card shows them, each with the team it came from, as
// a markdown list.
func insightsAboutMD(persona string, insights []armistice.Insight) string {
	var sb strings.Builder
	if len(insights) > leadCardInsights {
		insights = insights[:leadCardInsights]
	}
	fmt.Fprintf(&sb, "💡 What we know about **%s**:\n", mdEscape(oneLine(persona)))
	for _, in := range insights {
		fmt.Fprintf(&sb, "\n- _%s_: %s", mdEscape(in.Team), mdEscape(oneLine(armistice.Truncate(in.Body, 280))))
	}
	return sb.String()
}
