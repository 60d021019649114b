package bot

import (
	"fmt"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// cutMinimal is the budget of each outside value on a minimal card.
const cutMinimal = 200

// minimalCardBlocks renders the card that stands in for one Slack refused:
// the lead's name and company, Accept and Reject while it is undecided
// (the verdict once decided), and the command that shows the rest.
func minimalCardBlocks(c chat.LeadCard) (blocks []slack.Block, fallback string) {
	l := c.Lead
	headline := "*New MQL:* " + cut(leadWho(l), cutMinimal)
	if l.Company != "" {
		headline += " at *" + cut(escape(l.Company), cutMinimal) + "*"
	}
	blocks = append(blocks, slack.NewSectionBlock(mrkdwn(headline), nil, nil))
	if buttons := cardButtons(l, false); len(buttons) > 0 {
		blocks = append(blocks, slack.NewActionBlock(fmt.Sprintf("lead_actions_%d", l.ID), buttons...))
	}
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(minimalStatusLine(c))))
	return blocks, cardFallback(l)
}

// minimalStatusLine is a minimal card's last line: the verdict or the
// deadline, then where to read the lead's details.
func minimalStatusLine(c chat.LeadCard) string {
	l := c.Lead
	line := fmt.Sprintf("Decide by *%s*", c.DueAt.In(c.Zone).Format("Mon 2 Jan 15:04 MST"))
	verdict := l.Status
	if !armistice.Undecided(l.Status) && l.Verdict != "" {
		verdict = l.Verdict
	}
	switch verdict {
	case armistice.StatusAccepted:
		line = ":white_check_mark: *Accepted* by " + decider(c)
	case armistice.StatusRejected:
		line = ":x: *Rejected* by " + decider(c) + " · reason: *" + cut(escape(l.Reason), cutReason) + "*"
	}
	return line + " · Details: `/armistice lead " + cut(escape(l.ExternalID), cutMinimal) + "`"
}
