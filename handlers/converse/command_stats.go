package converse

import (
	"context"
	"fmt"

	"github.com/armistice/armistice"
)

// maxReasons bounds the rejection reasons the stats name.
const maxReasons = 10

// stats answers `stats [YYYY-MM]`: the month's funnel, acceptance, SLA
// compliance, time to decision, top rejection reasons and each rep's part:
// assigned, accepted, rejected, reassigned away, SLA met and speed to lead.
func (c *Conversation) stats(ctx context.Context, call Call, args []string) Reply {
	r, err := c.svc.Stats(ctx, argAt(args, 0))
	if err != nil {
		return c.failed(err)
	}
	n := func(v int64) string { return armistice.FormatNumber(float64(v)) }
	ct := r.Counts
	blocks := []Block{
		P(B("Funnel for " + r.Month.String())),
		P(T(fmt.Sprintf("Visits %s → MQLs %s (%s) → accepted %s (%s of %s decided) → opportunities %s (%s) → won %s (%s), revenue %s",
			n(ct.Visits), n(ct.MQLs), armistice.FormatPercent(ct.MQLs, ct.Visits), n(ct.Accepted), armistice.FormatPercent(ct.Accepted, ct.Decided),
			n(ct.Decided), n(ct.Opportunities), armistice.FormatPercent(ct.Opportunities, ct.Accepted), n(ct.Won), armistice.FormatPercent(ct.Won, ct.Opportunities), armistice.FormatNumber(ct.Revenue)))),
		P(T("Acceptance rate "), B(armistice.FormatPercent(ct.Accepted, ct.Decided)), T(" · followed up within the SLA "), B(armistice.FormatPercent(ct.SLAMet, ct.Decided)),
			T(" · time to decision: median "), B(armistice.FormatBusinessTime(ct.MedianDecision)), T(", p90 "), B(armistice.FormatBusinessTime(ct.P90Decision)), T(" (business hours)")),
	}
	if ct.BelowBar > 0 {
		blocks = append(blocks, BelowBarLine(ct))
	}
	if len(r.Reasons) > 0 {
		blocks = append(blocks, P(B("Top rejection reasons:"), T(" "+ReasonCounts(r.Reasons))))
	}
	if len(r.Reps) > 0 {
		reps := List{}
		for _, rep := range r.Reps {
			reps = append(reps, P(U(rep.User), T(fmt.Sprintf(": %d assigned, %d accepted, %d rejected, %d reassigned away, SLA met %d of %d decided, speed to lead: median %s",
				rep.Assigned, rep.Accepted, rep.Rejected, rep.ReassignedAway, rep.SLAMet, rep.Decided, armistice.FormatBusinessTime(rep.MedianDecision)))))
		}
		blocks = append(blocks, P(B("By rep:")), reps)
	}
	return Reply{Blocks: blocks}
}

// ReasonCounts writes rejection reasons with their counts, the first ten
// and how many more: "no budget (3), not ready (1)".
func ReasonCounts(reasons []armistice.ReasonCount) string {
	var s string
	for i, r := range reasons {
		if i > 0 {
			s += ", "
		}
		if i == maxReasons {
			return s + fmt.Sprintf("%d more", len(reasons)-i)
		}
		s += fmt.Sprintf("%s (%d)", oneLine(r.Reason), r.Count)
	}
	return s
}

// BelowBarLine counts apart the MQLs that arrived under the agreed MQL
// bar, and how many of them sales accepted all the same.
func BelowBarLine(c armistice.Counts) Paragraph {
	return P(B("MQLs below the bar:"), T(fmt.Sprintf(" %s, accepted %s", armistice.FormatNumber(float64(c.BelowBar)), armistice.FormatNumber(float64(c.BelowBarAccepted)))))
}
