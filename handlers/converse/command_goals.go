package converse

import (
	"context"
	"fmt"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// goals answers `goals [YYYY-MM]`: the agreement, each team's commitments
// beside the other's.
func (c *Conversation) goals(ctx context.Context, call Call, args []string) Reply {
	r, err := c.svc.Goals(ctx, argAt(args, 0))
	if err != nil {
		return c.failed(err)
	}
	return Reply{Blocks: GoalsBlocks(r)}
}

// agreementTeams are the sides of the agreement, in the order goals show.
var agreementTeams = []struct {
	team  armistice.Team
	title string
}{
	{armistice.TeamMarketing, "Marketing commits to"},
	{armistice.TeamSales, "Sales commits to"},
	{armistice.TeamBoth, "Both teams share"},
}

// GoalsBlocks are a month's goals grouped by the team that commits to
// them, each with its progress and pace: the goals command and the
// digests show them.
func GoalsBlocks(r chat.GoalsReport) []Block {
	blocks := []Block{P(B(fmt.Sprintf("Goals for %s", r.Month)), T(fmt.Sprintf(" — %d of %d working days done", r.DaysElapsed, r.WorkingDays)))}
	for _, t := range agreementTeams {
		var lines List
		for _, p := range r.Progress {
			if p.Team == t.team {
				lines = append(lines, P(T(p.Label+": "), B(armistice.FormatMetric(p.MetricInfo, p.Actual)), T(p.Standing())))
			}
		}
		if len(lines) > 0 {
			blocks = append(blocks, P(B(t.title)), lines)
		}
	}
	if a := r.Unsigned; a != nil {
		blocks = append(blocks, Note{T(UnsignedLine(*a))})
	}
	return blocks
}

// UnsignedLine says that a month's agreement awaits signatures, and whose:
// the goals, the digests and the board mark an unsigned month with it.
func UnsignedLine(a armistice.Agreement) string {
	return fmt.Sprintf("Unsigned: version %d of the agreement for %s awaits the signature of %s.", a.Version, a.Month, unsignedSides(a))
}

// unsignedSides names the teams that have not signed a.
func unsignedSides(a armistice.Agreement) string {
	switch {
	case a.Marketing.By == "" && a.Sales.By == "":
		return "both teams"
	case a.Marketing.By == "":
		return "marketing"
	}
	return "sales"
}
