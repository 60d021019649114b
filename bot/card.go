package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// Action IDs of the lead card's buttons.
const (
	actionAccept = "lead_accept"
	actionReject = "lead_reject"
	actionCRM    = "lead_crm"
)

// cardEventType tags the metadata of every lead card, so that a card posted
// just before a crash can be found again.
const cardEventType = "armistice_lead_card"

// leadCardBlocks renders a lead card: who, from where, how good, what to do
// and by when — or, once decided, the verdict in place of the buttons.
// Every value from outside is escaped.
func leadCardBlocks(c handlers.LeadCard) (blocks []slack.Block, fallback string) {
	l := c.Lead
	who := leadWho(l)
	headline := "*New MQL:* " + who
	if l.Title != "" {
		headline += ", " + escape(l.Title)
	}
	if l.Company != "" {
		headline += " at *" + escape(l.Company) + "*"
	}
	if l.Email != "" && l.Name != "" {
		headline += "\n" + escape(l.Email)
	}
	if l.Phone != "" {
		headline += " · " + escape(l.Phone)
	}
	blocks = append(blocks, slack.NewSectionBlock(mrkdwn(headline), nil, nil))

	var fields []*slack.TextBlockObject
	for _, f := range l.Facts() {
		fields = append(fields, mrkdwn("*"+f.Label+"*\n"+escape(f.Value)))
	}
	if len(fields) > 0 {
		blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
	}
	if l.Notes != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*Notes*\n"+escape(armistice.Truncate(l.Notes, 2800))), nil, nil))
	}
	if len(c.Insights) > 0 {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(insightsLine(l.Persona, c.Insights))))
	}

	var buttons []slack.BlockElement
	if armistice.Undecided(l.Status) {
		buttons = append(buttons,
			slack.NewButtonBlockElement(actionAccept, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Accept", false, false)).WithStyle(slack.StylePrimary),
			slack.NewButtonBlockElement(actionReject, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false)).WithStyle(slack.StyleDanger),
		)
	}
	if l.CRMURL != "" {
		crm := slack.NewButtonBlockElement(actionCRM, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Open in CRM", false, false))
		crm.URL = l.CRMURL
		buttons = append(buttons, crm)
	}
	if len(buttons) > 0 {
		blocks = append(blocks, slack.NewActionBlock(fmt.Sprintf("lead_actions_%d", l.ID), buttons...))
	}
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(cardStatusLine(c))))
	if l.ErasedAt != nil {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(erasedLine(l, c.Zone))))
	}

	fallback = "New MQL: " + who
	if l.Company != "" {
		fallback += " (" + escape(l.Company) + ")"
	}
	return blocks, fallback
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
func cardStatusLine(c handlers.LeadCard) string {
	l := c.Lead
	ref := " · lead " + escape(l.ExternalID)
	verdict := l.Status
	if !armistice.Undecided(l.Status) && l.Verdict != "" {
		verdict = l.Verdict // it stays when the CRM moves the lead on
	}
	switch verdict {
	case armistice.StatusAccepted:
		return fmt.Sprintf(":white_check_mark: *Accepted* by %s %s · %s to decision%s", decider(c), when(l.DecidedAt, c.Zone), armistice.FormatBusinessTime(c.TimeToDecision), ref)
	case armistice.StatusRejected:
		line := fmt.Sprintf(":x: *Rejected* by %s %s · reason: *%s*", decider(c), when(l.DecidedAt, c.Zone), escape(l.Reason))
		if l.Comment != "" {
			line += " — “" + escape(armistice.Truncate(l.Comment, 300)) + "”"
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
func decider(c handlers.LeadCard) string {
	if c.DeciderName != "" {
		return escape(c.DeciderName)
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
		fmt.Fprintf(&sb, "\n• _%s_: %s", in.Team, escape(armistice.Truncate(in.Body, 280)))
	}
	return sb.String()
}
