package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

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
// and by when. Every value from outside is escaped.
func leadCardBlocks(c handlers.LeadCard) (blocks []slack.Block, fallback string) {
	l := c.Lead
	who := escape(firstNonEmpty(l.Name, l.Email, l.ExternalID))
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
	add := func(label, value string) {
		if value != "" {
			fields = append(fields, mrkdwn("*"+label+"*\n"+escape(value)))
		}
	}
	add("Source", l.Source)
	if l.Score != nil {
		add("Score", strconv.Itoa(*l.Score))
	}
	add("Persona", l.Persona)
	add("Country", l.Country)
	add("Segment", l.Segment)
	add("Region", l.Region)
	if len(fields) > 0 {
		blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
	}
	if l.Notes != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*Notes*\n"+escape(truncate(l.Notes, 2800))), nil, nil))
	}

	buttons := []slack.BlockElement{
		slack.NewButtonBlockElement(actionAccept, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Accept", false, false)).WithStyle(slack.StylePrimary),
		slack.NewButtonBlockElement(actionReject, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false)).WithStyle(slack.StyleDanger),
	}
	if l.CRMURL != "" {
		crm := slack.NewButtonBlockElement(actionCRM, strconv.FormatInt(l.ID, 10), slack.NewTextBlockObject(slack.PlainTextType, "Open in CRM", false, false))
		crm.URL = l.CRMURL
		buttons = append(buttons, crm)
	}
	blocks = append(blocks, slack.NewActionBlock(fmt.Sprintf("lead_actions_%d", l.ID), buttons...))

	due := c.DueAt.In(c.Zone)
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(fmt.Sprintf("Decide by *%s* (%s) · lead %s",
		due.Format("Mon 2 Jan 15:04"), due.Format("MST"), escape(l.ExternalID)))))

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

// truncate cuts s to at most n runes, marking the cut.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
