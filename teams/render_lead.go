package teams

import (
	"fmt"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// leadCardInsights is how many persona insights a lead card shows.
const leadCardInsights = 2

// leadCard renders a lead card: who, from where, how good, what the teams
// know about the persona, and by when to decide, with Accept and Reject
// while the lead is undecided; once decided, the verdict in their place.
// Every value from outside is escaped, then cut to its budget; the
// minimal form when c.Minimal.
//
// Accept is an Action.Execute (verb VerbAccept, data {"leadId": "<id>"}),
// so that Teams answers the clicker with the refreshed card; Reject is an
// Action.Submit with msteams.type "task/fetch", which opens the reason
// dialog (Action.Execute cannot open one).
func leadCard(c chat.LeadCard, names Names) map[string]any {
	if c.Minimal {
		return minimalLeadCard(c, names)
	}
	l := c.Lead
	body := []acElem{acHeading("New MQL: "+leadWhoCard(l), true)}

	var line []string
	if l.Title != "" {
		line = append(line, cardCut(cardEscape(oneLine(l.Title)), cutLine))
	}
	if l.Company != "" {
		line = append(line, "at **"+cardCut(cardEscape(oneLine(l.Company)), cutLine)+"**")
	}
	if len(line) > 0 {
		body = append(body, acText(strings.Join(line, " ")).with("spacing", "None"))
	}
	var contact []string
	if l.Email != "" && l.Name != "" {
		contact = append(contact, cardCut(cardEscape(l.Email), cutLine))
	}
	if l.Phone != "" {
		contact = append(contact, cardCut(cardEscape(oneLine(l.Phone)), cutLine))
	}
	if len(contact) > 0 {
		body = append(body, acText(strings.Join(contact, " · ")).with("isSubtle", true).with("spacing", "None"))
	}

	var facts []acFact
	for _, f := range l.Facts() {
		facts = append(facts, acFact{f.Label, cardCut(cardEscape(oneLine(f.Value)), cutLine)})
	}
	body = appendSome(body, acFacts(facts))

	if l.Notes != "" {
		body = append(body, acHeading("Notes", false), acText(cardCut(cardEscape(l.Notes), cutNotes)).with("spacing", "None"))
	}
	if l.BelowBar != "" {
		body = append(body, acNote("⚠️ "+cardCut(cardEscape(l.BelowBar), cutLine)))
	}
	if len(c.Insights) > 0 {
		body = append(body, acContainer(leadCardInsightBlocks(l.Persona, c.Insights), false).with("style", "emphasis"))
	}

	status, color := leadCardStatus(c, names)
	st := acText(status).with("separator", true)
	if color != "" {
		st["color"] = color
	}
	body = append(body, st)
	if line := assignmentLine(c, names); line != "" {
		body = append(body, acNote(line))
	}
	if l.ErasedAt != nil {
		body = append(body, acNote("🗑️ Personal data erased on "+l.ErasedAt.In(zoneOr(c.Zone)).Format("Mon 2 Jan 2006")+"; the lead still counts in the stats."))
	}

	actions := decideActions(l)
	if a := reassignAction(c, names); a != nil {
		actions = append(actions, a)
	}
	if l.CRMURL != "" && l.ErasedAt == nil && safeLink(l.CRMURL) {
		actions = append(actions, acOpenURL("Open in CRM", l.CRMURL))
	}
	card := adaptiveCard(body, actions)
	card["fallbackText"] = leadCardFallback(l)
	return card
}

// decideActions are Accept and Reject while the lead is undecided.
func decideActions(l armistice.Lead) []acElem {
	if !armistice.Undecided(l.Status) {
		return nil
	}
	return []acElem{
		acExecute("Accept", VerbAccept, ActionData{LeadID: l.ID}).with("style", "positive"),
		acSubmit("Reject", ActionData{Action: ActionReject, LeadID: l.ID, Msteams: &MsteamsAction{Type: InvokeTaskFetch}}).with("style", "destructive"),
	}
}

// leadCardFallback is a card's text for clients that cannot show it.
func leadCardFallback(l armistice.Lead) string {
	fallback := "New MQL: " + leadWhoPlain(l)
	if l.Company != "" && l.ErasedAt == nil {
		fallback += " (" + armistice.Truncate(oneLine(l.Company), cutLine) + ")"
	}
	return fallback
}

// leadWhoCard names a lead in card markdown.
func leadWhoCard(l armistice.Lead) string {
	if l.ErasedAt != nil {
		return "_erased_"
	}
	return cardCut(cardEscape(oneLine(leadLabel(l))), cutName)
}

// leadWhoPlain names a lead in plain text.
func leadWhoPlain(l armistice.Lead) string {
	if l.ErasedAt != nil {
		return "(erased)"
	}
	return armistice.Truncate(oneLine(leadLabel(l)), cutName)
}

// leadCardInsightBlocks shows the newest insights about the lead's persona,
// each with the team it came from.
func leadCardInsightBlocks(persona string, insights []armistice.Insight) []acElem {
	if len(insights) > leadCardInsights {
		insights = insights[:leadCardInsights]
	}
	var items []string
	for _, in := range insights {
		items = append(items, "- _"+cardEscape(in.Team)+"_: "+cardCut(cardEscape(oneLine(in.Body)), cutInsight))
	}
	return []acElem{
		acText("💡 What we know about **"+cardEscape(oneLine(persona))+"**:").with("size", "Small"),
		acText(strings.Join(items, "\n")).with("size", "Small").with("spacing", "None"),
	}
}

// leadCardStatus is the card's last line, in card markdown, and its color:
// the deadline while undecided, the verdict once decided.
func leadCardStatus(c chat.LeadCard, names Names) (text, color string) {
	l := c.Lead
	zone := zoneOr(c.Zone)
	ref := " · lead " + cardCut(cardEscape(oneLine(l.ExternalID)), cutRef)
	verdict := l.Status
	if !armistice.Undecided(l.Status) && l.Verdict != "" {
		verdict = l.Verdict // it stays when the CRM moves the lead on
	}
	who := "**" + cardCut(cardEscape(oneLine(names.of(l.DecidedBy))), cutPerson) + "**"
	switch verdict {
	case armistice.StatusAccepted:
		return fmt.Sprintf("✅ **Accepted** by %s in %s (business hours)%s%s",
			who, armistice.FormatBusinessTime(c.TimeToDecision), decidedOn(l.DecidedAt, zone, ", "), ref), "Good"
	case armistice.StatusRejected:
		line := fmt.Sprintf("❌ **Rejected** by %s: **%s**", who, cardCut(cardEscape(oneLine(l.Reason)), cutReason))
		if l.Comment != "" {
			line += " — “" + cardCut(cardEscape(oneLine(l.Comment)), cutComment) + "”"
		}
		return line + decidedOn(l.DecidedAt, zone, " · ") + ref, "Attention"
	case armistice.StatusNew, armistice.StatusAnnounced:
		due := c.DueAt.In(zone)
		if l.Overdue {
			return fmt.Sprintf("⚠️ **Overdue**: the follow-up window ended %s (%s)%s", due.Format("Mon 2 Jan 15:04"), due.Format("MST"), ref), "Warning"
		}
		return fmt.Sprintf("Decide by **%s** (%s)%s", due.Format("Mon 2 Jan 15:04"), due.Format("MST"), ref), ""
	}
	return fmt.Sprintf("Status: **%s**%s", cardEscape(string(l.Status)), ref), ""
}

// decidedOn writes when a decision was made, after sep; "" when unknown.
func decidedOn(t *time.Time, zone *time.Location, sep string) string {
	if t == nil {
		return ""
	}
	return sep + "on " + t.In(zone).Format("Mon 2 Jan 15:04 MST")
}

// assignmentLine says who an undecided lead is assigned to and why, or why
// nobody was; empty for a lead never assigned (a channel without a pool).
func assignmentLine(c chat.LeadCard, names Names) string {
	l := c.Lead
	if l.AssignWhy == "" || !armistice.Undecided(l.Status) {
		return ""
	}
	why := cardCut(cardEscape(oneLine(l.AssignWhy)), cutLine)
	if l.Assignee == "" {
		return "🙋 **Unassigned** (" + why + "): anyone on the sales team may take it"
	}
	who := names(l.Assignee)
	if who == "" {
		who = "the assigned rep"
	}
	return "👤 Assigned to **" + cardCut(cardEscape(oneLine(who)), cutName) + "** · " + why
}
