package converse

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// The actions of a lead's Accept and Reject in a reply: the same as the
// lead card's, their value the lead's ID, so that the platforms' handlers
// of the card's buttons decide it.
const (
	ActionAcceptLead = "lead_accept"
	ActionRejectLead = "lead_reject"
)

// The actions of a personal view's common buttons: the lead and insight
// forms, and a command run as the clicker (its value the command line as a
// JSON string: "away", "back").
const (
	ActionOpenLeadForm    = "open_lead_form"
	ActionOpenInsightForm = "open_insight_form"
	ActionRunCommand      = "run_command"
)

// MaxMyLeadsShown is how many undecided leads a personal view lists, each
// with its buttons; "and N more" counts the rest. It keeps Slack's Home
// tab under its 100 blocks.
const MaxMyLeadsShown = 30

// my answers `my leads`: the caller's personal view, privately (Teams
// answers in the personal chat).
func (c *Conversation) my(ctx context.Context, call Call, args []string) Reply {
	if len(args) != 1 || !strings.EqualFold(args[0], "leads") {
		return Reply{Private: true, Blocks: []Block{P(T("Type "), call.usage("my leads"), T(" for the leads assigned to you."))}}
	}
	r, err := c.svc.MyLeads(ctx, call.User)
	if err != nil {
		return c.failed(err)
	}
	reply := MyLeadsReply(r, c.svc.Location())
	reply.Private = true
	return reply
}

// MyLeadsReply is a rep's personal view: My leads (oldest first, each with
// its time left in business hours, Accept and Reject), Decided lately, My
// month, The agreement and the common actions' buttons, as Slack's Home
// tab and Teams' `my leads` show it.
func MyLeadsReply(r chat.MyLeadsReport, loc *time.Location) Reply {
	blocks := []Block{Heading("My leads")}
	if r.LeadCount == 0 {
		blocks = append(blocks, P(T("No leads await your decision.")))
	}
	shown := r.Leads
	if len(shown) > MaxMyLeadsShown {
		shown = shown[:MaxMyLeadsShown]
	}
	for _, l := range shown {
		id := strconv.FormatInt(l.Lead.ID, 10)
		blocks = append(blocks,
			P(append(leadWho(l.Lead), T(" — "), T(timeLeft(l.Left)))...),
			Buttons{
				{Label: "Accept", Action: ActionAcceptLead, Value: id, Primary: true},
				{Label: "Reject", Action: ActionRejectLead, Value: id},
			})
	}
	if more := r.LeadCount - len(shown); more > 0 {
		blocks = append(blocks, Note{T(fmt.Sprintf("and %d more", more))})
	}

	blocks = append(blocks, Divider{}, Heading("Decided lately"))
	if len(r.Decided) == 0 {
		blocks = append(blocks, P(T("You have decided no leads yet.")))
	} else {
		var lines List
		for _, l := range r.Decided {
			line := append(P(T(verdictWord(l)+" ")), leadWho(l)...)
			if l.DecidedAt != nil {
				line = append(line, T(" · "+l.DecidedAt.In(loc).Format("2 Jan 15:04")))
			}
			lines = append(lines, line)
		}
		blocks = append(blocks, lines)
	}

	m := r.Month
	median := "–"
	if m.Decided > 0 {
		median = armistice.FormatBusinessTime(m.MedianTook)
	}
	blocks = append(blocks, Divider{}, Heading("My month: "+m.Month.String()), List{
		P(T("Assigned: "), B(strconv.Itoa(m.Assigned))),
		P(T("Accepted: "), B(strconv.Itoa(m.Accepted)), T(fmt.Sprintf(" of %d decided", m.Decided))),
		P(T("SLA met: "), B(strconv.Itoa(m.SLAMet)), T(" ("+armistice.FormatPercent(int64(m.SLAMet), int64(m.Decided))+")")),
		P(T("Median time to decision: "), B(median)),
	})

	blocks = append(blocks, Divider{}, Heading("The agreement"))
	blocks = append(blocks, GoalsBlocks(r.Goals)...)
	return Reply{Blocks: append(blocks, Divider{}, Buttons{
		{Label: "Add an insight", Action: ActionOpenInsightForm, Value: `""`, Opens: true},
		{Label: "Enter a lead", Action: ActionOpenLeadForm, Value: `""`, Opens: true},
		{Label: "Away", Action: ActionRunCommand, Value: `"away"`},
		{Label: "Back", Action: ActionRunCommand, Value: `"back"`},
	})}
}

// timeLeft writes a lead's business time left, or how long ago its
// window ended.
func timeLeft(d time.Duration) string {
	if d < 0 {
		return "overdue by " + armistice.FormatBusinessTime(-d)
	}
	return armistice.FormatBusinessTime(d) + " left"
}

// verdictWord is how a decided lead's verdict reads.
func verdictWord(l armistice.Lead) string {
	if l.Verdict == armistice.StatusRejected {
		return "Rejected"
	}
	return "Accepted"
}
