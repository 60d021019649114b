package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

// Action IDs of the lead card's buttons.
const (
	actionAccept = converse.ActionAcceptLead
	actionReject = converse.ActionRejectLead
	actionCRM    = "lead_crm"
	// actionReassign is the card's user picker, by which a sales manager
	// gives an assigned lead to another rep.
	actionReassign = "lead_reassign"
)

// cardEventType tags the metadata of every lead card, so that a card posted
// just before a crash can be found again.
const cardEventType = "armistice_lead_card"

// Budgets of a card's outside text once escaped, as cut counts them: the
// headline's parts together stay under a section's limit, as does each
// other part under its element's.
const (
	cutName     = 700 // headline: "*New MQL:* " name, title at *company*, email · phone
	cutTitle    = 500
	cutCompany  = 500
	cutEmail    = 400
	cutPhone    = 300
	cutFact     = maxFieldText - 100
	cutNotes    = maxSectionText - 200
	cutInsight  = 280
	cutRef      = 300 // the external ID
	cutReason   = 200
	cutComment  = 300
	cutDecider  = 200
	cutFallback = 300 // name and company in the notification text
	cutBelowBar = 300 // why the lead is under the agreed MQL bar
	cutAssign   = 300 // why the lead went to its rep

	cardInsights = 2 // the newest insights a card shows
)

// leadCardBlocks renders a lead card: who, from where, how good, what to do
// and by when — or, once decided, the verdict in place of the buttons; the
// minimal form when c.Minimal. Every value from outside is escaped, then
// cut to fit Slack's limits.
func leadCardBlocks(c chat.LeadCard) (blocks []slack.Block, fallback string) {
	if c.Minimal {
		return minimalCardBlocks(c)
	}
	l := c.Lead
	who := cut(leadWho(l), cutName)
	headline := "*New MQL:* " + who
	if l.Title != "" {
		headline += ", " + cut(escape(l.Title), cutTitle)
	}
	if l.Company != "" {
		headline += " at *" + cut(escape(l.Company), cutCompany) + "*"
	}
	if l.Email != "" && l.Name != "" {
		headline += "\n" + cut(escape(l.Email), cutEmail)
	}
	if l.Phone != "" {
		headline += " · " + cut(escape(l.Phone), cutPhone)
	}
	blocks = append(blocks, slack.NewSectionBlock(mrkdwn(headline), nil, nil))

	var fields []*slack.TextBlockObject
	for _, f := range l.Facts() {
		fields = append(fields, mrkdwn("*"+f.Label+"*\n"+cut(escape(f.Value), cutFact)))
	}
	if len(fields) > 0 {
		blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
	}
	if l.Notes != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*Notes*\n"+cut(escape(l.Notes), cutNotes)), nil, nil))
	}
	if l.BelowBar != "" {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn("⚠️ "+cut(escape(l.BelowBar), cutBelowBar))))
	}
	if len(c.Insights) > 0 {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(insightsLine(l.Persona, c.Insights[:min(len(c.Insights), cardInsights)]))))
	}

	buttons := cardButtons(l, true)
	if l.AssignWhy != "" && armistice.Undecided(l.Status) { // for the sales managers
		buttons = append(buttons, slack.NewOptionsSelectBlockElement(slack.OptTypeUser,
			slack.NewTextBlockObject(slack.PlainTextType, "Reassign…", false, false), actionReassign))
	}
	if len(buttons) > 0 {
		blocks = append(blocks, slack.NewActionBlock(fmt.Sprintf("lead_actions_%d", l.ID), buttons...))
	}
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(cardStatusLine(c))))
	if line := assignmentLine(c); line != "" {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(line)))
	}
	if l.ErasedAt != nil {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(erasedLine(l, c.Zone))))
	}
	return blocks, cardFallback(l)
}

// cardButtons are Accept and Reject while the lead is undecided, and Open
// in CRM when crm is true and the lead has a CRM link.
func cardButtons(l armistice.Lead, crm bool) []slack.BlockElement {
	var buttons []slack.BlockElement
	if armistice.Undecided(l.Status) {
		buttons = append(buttons,
			slack.NewButtonBlockElement(actionAccept, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Accept", false, false)).WithStyle(slack.StylePrimary),
			slack.NewButtonBlockElement(actionReject, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false)).WithStyle(slack.StyleDanger),
		)
	}
	if crm && l.CRMURL != "" {
		b := slack.NewButtonBlockElement(actionCRM, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Open in CRM", false, false))
		b.URL = l.CRMURL
		buttons = append(buttons, b)
	}
	return buttons
}

// cardFallback is a card's text for notifications and clients without
// blocks.
func cardFallback(l armistice.Lead) string {
	fallback := "New MQL: " + cut(leadWho(l), cutFallback)
	if l.Company != "" {
		fallback += " (" + cut(escape(l.Company), cutFallback) + ")"
	}
	return fallback
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// cardStatusLine is the card's last line: the deadline while undecided, the
// verdict once decided.
func cardStatusLine(c chat.LeadCard) string {
	l := c.Lead
	ref := " · lead " + cut(escape(l.ExternalID), cutRef)
	verdict := l.Status
	if !armistice.Undecided(l.Status) && l.Verdict != "" {
		verdict = l.Verdict // it stays when the CRM moves the lead on
	}
	switch verdict {
	case armistice.StatusAccepted:
		return fmt.Sprintf(":white_check_mark: *Accepted* by %s %s · %s to decision%s", decider(c), when(l.DecidedAt, c.Zone), armistice.FormatBusinessTime(c.TimeToDecision), ref)
	case armistice.StatusRejected:
		line := fmt.Sprintf(":x: *Rejected* by %s %s · reason: *%s*", decider(c), when(l.DecidedAt, c.Zone), cut(escape(l.Reason), cutReason))
		if l.Comment != "" {
			line += " — “" + cut(escape(l.Comment), cutComment) + "”"
		}
		return line + ref
	}
	due := c.DueAt.In(c.Zone)
	if l.Overdue {
		return fmt.Sprintf(":warning: *Overdue*: the follow-up window ended %s (%s)%s", due.Format("Mon 2 Jan 15:04"), due.Format("MST"), ref)
	}
	return fmt.Sprintf("Decide by *%s* (%s)%s", due.Format("Mon 2 Jan 15:04"), due.Format("MST"), ref)
}

// decider shows who decided a lead: a Slack mention, or the name of a
// Teams user.
func decider(c chat.LeadCard) string {
	if c.DeciderName != "" {
		return cut(escape(c.DeciderName), cutDecider)
	}
	return mention(c.Lead.DecidedBy)
}

// mention shows a Slack user ID as a mention; anything else escaped.
func mention(user string) string {
	if p, ok := armistice.UserPlatform(user); ok && p == armistice.Slack {
		return "<@" + user + ">"
	}
	return escape(user)
}

func when(t *time.Time, zone *time.Location) string {
	if t == nil {
		return ""
	}
	return "on " + t.In(zone).Format("Mon 2 Jan 15:04 MST")
}

// insightsLine shows what the teams know about a persona, each insight with
// the team it came from.
func insightsLine(persona string, insights []armistice.Insight) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, ":bulb: What we know about *%s*:", escape(persona))
	for _, in := range insights {
		fmt.Fprintf(&sb, "\n• _%s_: %s", in.Team, cut(escape(in.Body), cutInsight))
	}
	return sb.String()
}

// assignmentLine says who an undecided lead is assigned to and why, or why
// nobody was; empty for a lead never assigned (a channel without a pool).
func assignmentLine(c chat.LeadCard) string {
	l := c.Lead
	if l.AssignWhy == "" || !armistice.Undecided(l.Status) {
		return ""
	}
	why := cut(escape(l.AssignWhy), cutAssign)
	if l.Assignee == "" {
		return ":raising_hand: *Unassigned* (" + why + "): anyone on the sales team may take it"
	}
	who := mention(l.Assignee)
	if c.AssigneeName != "" {
		who = cut(escape(c.AssigneeName), cutDecider)
	}
	return ":bust_in_silhouette: Assigned to " + who + " · " + why
}
