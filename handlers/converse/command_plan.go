package converse

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
)

// PlanChoice is what the plan's "Adopt as goals" carries: the revenue and
// average deal to plan again from (0: the trailing one), and the month (""
// for the current one).
type PlanChoice struct {
	Revenue float64 `json:"revenue"`
	Deal    float64 `json:"deal,omitempty"`
	Month   string  `json:"month,omitempty"`
}

// plan answers `plan REVENUE [deal AVG_DEAL] [YYYY-MM]` with the reverse
// funnel and, for admins to press, "Adopt as goals".
func (c *Conversation) plan(ctx context.Context, call Call, args []string) Reply {
	choice, err := parsePlan(args)
	if err != nil {
		return Text(T("Use "), call.usage("plan REVENUE [deal AVG_DEAL] [YYYY-MM]"), T(", e.g. "), call.usage("plan 250k deal 12k"), T("."))
	}
	p, err := c.svc.Plan(ctx, choice.Revenue, choice.Deal)
	if err != nil {
		return c.failed(err)
	}
	value, _ := json.Marshal(choice)
	blocks := append(PlanBlocks(p),
		Note{T("Admins can adopt these numbers as the month's goals.")},
		Buttons{{Label: "Adopt as goals", Action: ActionAdoptPlan, Value: string(value), Primary: true}})
	return Reply{Blocks: blocks}
}

// PlanBlocks are the reverse funnel of a plan and the rates it came from:
// the plan command and the monthly review show them.
func PlanBlocks(p armistice.Plan) []Block {
	n := func(v int64) string { return armistice.FormatNumber(float64(v)) }
	rates := P(I("Rates from the last 90 days."))
	if len(p.Defaulted) > 0 {
		rates = P(I(fmt.Sprintf("Too little history in the last 90 days for the %s: default values were used.", strings.Join(p.Defaulted, ", "))))
	}
	return []Block{
		P(B("To make "+armistice.FormatNumber(p.Revenue)+" in revenue"), T(" (average deal "+armistice.FormatNumber(p.AverageDeal)+"):")),
		List{
			P(B(n(int64(p.Deals))), T(" deals won, from")),
			P(B(n(int64(p.Opportunities))), T(fmt.Sprintf(" opportunities (win rate %.1f%%), from", p.WinRate))),
			P(B(n(int64(p.SALs))), T(fmt.Sprintf(" accepted leads (SALs; %.1f%% become opportunities), from", p.OpportunityRate))),
			P(B(n(int64(p.MQLs))), T(fmt.Sprintf(" MQLs (acceptance rate %.1f%%), from", p.AcceptanceRate))),
			P(B(n(int64(p.Visits))), T(fmt.Sprintf(" website visits (%.2f%% become MQLs)", p.VisitRate))),
		},
		rates,
	}
}

// AdoptPlan sets a plan's numbers as the month's goals when an admin
// presses "Adopt as goals"; value is the button's PlanChoice.
func (c *Conversation) AdoptPlan(ctx context.Context, call Call, value string) Reply {
	var choice PlanChoice
	if err := json.Unmarshal([]byte(value), &choice); err != nil {
		return Text(T("This button is out of date; run the command again."))
	}
	p, err := c.svc.Plan(ctx, choice.Revenue, choice.Deal)
	if err != nil {
		return c.failed(err)
	}
	m, err := c.svc.AdoptPlan(ctx, call.User, p, choice.Month)
	if err != nil {
		return c.failed(err)
	}
	n := func(v int64) string { return armistice.FormatNumber(float64(v)) }
	return Text(T(fmt.Sprintf("The plan is now the goals for %s: %s revenue, %s deals, %s opportunities, %s SALs, %s MQLs, %s visits.",
		m, armistice.FormatNumber(p.Revenue), n(int64(p.Deals)), n(int64(p.Opportunities)), n(int64(p.SALs)), n(int64(p.MQLs)), n(int64(p.Visits)))))
}
