package teams

import (
	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// cutMinimal is the budget of each outside value on a minimal card.
const cutMinimal = 200

// minimalLeadCard renders the card that stands in for one Teams refused:
// the lead's name and company, Accept and Reject while it is undecided
// (the verdict once decided), and the command that shows the rest.
func minimalLeadCard(c chat.LeadCard, names Names) map[string]any {
	l := c.Lead
	body := []acElem{acHeading("New MQL: "+cardCut(leadWhoCard(l), cutMinimal), true)}
	if l.Company != "" && l.ErasedAt == nil {
		body = append(body, acText("at **"+cardCut(cardEscape(oneLine(l.Company)), cutMinimal)+"**").with("spacing", "None"))
	}
	zone := zoneOr(c.Zone)
	status := "Decide by **" + c.DueAt.In(zone).Format("Mon 2 Jan 15:04 MST") + "**"
	verdict := l.Status
	if !armistice.Undecided(l.Status) && l.Verdict != "" {
		verdict = l.Verdict
	}
	who := "**" + cardCut(cardEscape(oneLine(names.of(l.DecidedBy))), cutPerson) + "**"
	switch verdict {
	case armistice.StatusAccepted:
		status = "✅ **Accepted** by " + who
	case armistice.StatusRejected:
		status = "❌ **Rejected** by " + who + ": **" + cardCut(cardEscape(oneLine(l.Reason)), cutReason) + "**"
	}
	body = append(body,
		acText(status).with("separator", true),
		acNote("For the details, send **lead "+cardCut(cardEscape(oneLine(l.ExternalID)), cutMinimal)+"** to the bot."))
	card := adaptiveCard(body, decideActions(l))
	card["fallbackText"] = leadCardFallback(l)
	return card
}
