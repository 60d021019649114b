package teams

import (
	"fmt"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// The answers to commands, as Teams message markdown. Outside text in them
// is escaped with mdEscape.

// botName is how people address the bot in a channel.
const botName = "@Armistice"

// helpText lists the commands: in a channel each follows a mention of the
// bot; in a chat with the bot the mention may be left out.
func helpText() string {
	var sb strings.Builder
	sb.WriteString("**Armistice commands**\n\n")
	sb.WriteString("In a channel, mention me first (`" + botName + " goals`); in a chat with me, just type the command (`goals`).\n")
	for _, c := range handlers.Commands {
		fmt.Fprintf(&sb, "\n- `%s %s` — %s _(%s)_", botName, c.Usage, c.Does, c.Who)
	}
	sb.WriteString("\n\nOn any message, **More actions (…) › Save as persona insight** keeps it as an insight, with a link to the message.")
	return sb.String()
}

// personasText answers `personas`.
func personasText(list []armistice.Persona) string {
	if len(list) == 0 {
		return "No personas yet. Admins add them with `" + botName + " persona add SLUG NAME: DESCRIPTION`; leads that name an unknown persona create it."
	}
	var sb strings.Builder
	sb.WriteString("**Personas**\n")
	for _, p := range list {
		fmt.Fprintf(&sb, "\n- **%s** (%s)", mdEscape(oneLine(p.Name)), mdEscape(p.Slug))
		if p.Description != "" {
			sb.WriteString(" — " + mdEscape(oneLine(armistice.Truncate(p.Description, 200))))
		}
		fmt.Fprintf(&sb, " (%s)", countOf(int(p.Insights), "insight"))
	}
	return sb.String()
}

// personaText answers `persona SLUG`: the persona, its newest AI brief when
// there is one (brief may be nil), and its newest insights.
func personaText(p armistice.Persona, brief *armistice.PersonaBrief, insights []armistice.Insight, names Names) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s** (%s)", mdEscape(oneLine(p.Name)), mdEscape(p.Slug))
	if p.Description != "" {
		sb.WriteString("\n\n" + mdEscape(p.Description))
	}
	if brief != nil {
		fmt.Fprintf(&sb, "\n\n**AI brief, week of %s** (from %s)\n\n%s\n\n_Written by a language model from what the teams wrote; check before acting on it._",
			brief.Week.Format("2 Jan 2006"), countOf(brief.Insights, "insight"), bulletsMD(armistice.Truncate(brief.Body, 3000)))
	}
	if len(insights) == 0 {
		sb.WriteString("\n\n_No insights yet: `" + botName + " insight " + mdEscape(p.Slug) + " …` adds one._")
	} else {
		sb.WriteString("\n\n**Newest insights**\n\n" + insightsText(insights, false, names))
	}
	return sb.String()
}

// insightsText writes insights as a list, each with its team, author, date
// and, when it came from a message, a link to it; withPersona names the
// persona of each.
func insightsText(insights []armistice.Insight, withPersona bool, names Names) string {
	var lines []string
	for _, in := range insights {
		line := "- "
		if withPersona {
			line += "**" + mdEscape(oneLine(in.Persona)) + "** "
		}
		line += fmt.Sprintf("%s — %s, %s (%s)", mdEscape(oneLine(armistice.Truncate(in.Body, 400))),
			mdEscape(oneLine(names.of(in.Author))), mdEscape(in.Team), in.CreatedAt.Format("2 Jan"))
		if safeLink(in.Permalink) {
			line += " [source](" + in.Permalink + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// insightsPageText answers `insights [PERSONA] [words…]`: a page of what
// was found (page counts from 0), about persona when the search named one.
func insightsPageText(persona string, words []string, page int, found []armistice.Insight, names Names) string {
	what := "Newest insights"
	if persona != "" {
		what += " about **" + mdEscape(persona) + "**"
	}
	if len(words) > 0 && (persona == "" || len(words) > 1) {
		what = "Insights matching “" + mdEscape(oneLine(strings.Join(words, " "))) + "”"
	}
	if len(found) == 0 {
		if page > 0 {
			return what + ": none more."
		}
		return what + ": none."
	}
	return fmt.Sprintf("%s (page %d)\n\n%s", what, page+1, insightsText(found, persona == "", names))
}

// leadHistoryText answers `lead EXTERNAL_ID`: the lead's state and its
// audit trail, times in zone.
func leadHistoryText(l armistice.Lead, events []armistice.Event, zone *time.Location, names Names) string {
	zone = zoneOr(zone)
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s**", leadWhoMD(l))
	if l.Company != "" && l.ErasedAt == nil {
		fmt.Fprintf(&sb, " at %s", mdEscape(oneLine(l.Company)))
	}
	fmt.Fprintf(&sb, " — **%s** (lead %s)\n", mdEscape(string(l.Status)), mdEscape(oneLine(l.ExternalID)))
	for _, e := range events {
		fmt.Fprintf(&sb, "\n- %s — %s by %s%s", e.At.In(zone).Format("2006-01-02 15:04 MST"), mdEscape(string(e.Kind)),
			mdEscape(oneLine(names.of(e.Actor))), eventDetailMD(e))
	}
	return sb.String()
}

// eventDetailMD writes what an event carries that people care about.
func eventDetailMD(e armistice.Event) string {
	var parts []string
	for _, k := range []string{"stage", "reason", "comment", "channel", "amount", "currency", "from", "to", "why"} {
		if v, ok := e.Data[k]; ok && v != nil && fmt.Sprint(v) != "" {
			parts = append(parts, k+": "+mdEscape(oneLine(armistice.Truncate(fmt.Sprint(v), 300))))
		}
	}
	if p := e.PassedOver(); p != "" {
		parts = append(parts, "passed over: "+mdEscape(oneLine(armistice.Truncate(p, 1000))))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// alreadyDecided tells a late clicker which decision stands.
func alreadyDecided(l armistice.Lead, names Names) string {
	if l.DecidedBy == "" {
		return fmt.Sprintf("This lead is %s already; there is nothing to decide.", mdEscape(string(l.Status)))
	}
	verdict := l.Verdict
	if verdict == "" {
		verdict = l.Status
	}
	return fmt.Sprintf("This lead was already %s by **%s**.", mdEscape(string(verdict)), mdEscape(oneLine(names.of(l.DecidedBy))))
}
