package converse

import (
	"context"
	"fmt"

	"github.com/armistice/armistice"
)

// scorecard answers `scorecard [YYYY-MM]` (sales managers and admins):
// each team's and rep's attainment of its own commitments and of the
// shared goals, weighted as agreed.
func (c *Conversation) scorecard(ctx context.Context, call Call, args []string) Reply {
	sc, err := c.svc.Scorecard(ctx, call.User, argAt(args, 0))
	if err != nil {
		return c.failed(err)
	}
	weights := fmt.Sprintf("%d%% shared goals, %d%% own commitments", sc.SharedWeight, 100-sc.SharedWeight)
	if !sc.Signed {
		weights += " (no agreement signed for the month: the default weights and the goals in force)"
	}
	blocks := []Block{P(B("Scorecard for "+sc.Month.String()), T(" — "+weights))}
	line := func(who Span, s armistice.Score) Paragraph {
		return P(who, T(": "), B(fmt.Sprintf("%.1f%%", s.Total)), T(fmt.Sprintf(" (own commitments %.1f%%, shared goals %.1f%%)", s.OwnPct, s.SharedPct)))
	}
	var teams List
	for _, s := range sc.Teams {
		teams = append(teams, line(T(s.Who), s))
	}
	blocks = append(blocks, P(B("Teams")), teams)
	if len(sc.Reps) > 0 {
		var reps List
		for _, s := range sc.Reps {
			reps = append(reps, line(U(s.Who), s))
		}
		blocks = append(blocks, P(B("Sales reps")), reps)
	}
	return Reply{Blocks: blocks}
}
