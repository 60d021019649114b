package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// actionAdoptPlan is the plan's "Adopt as goals" button.
const actionAdoptPlan = "plan_adopt"

// goals answers `goals [YYYY-MM]`: the agreement, each team's commitments
// beside the other's.
func (b *Bot) goals(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	r, err := b.svc.Goals(ctx, firstArg(args))
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	text := goalsText(r)
	b.answer(ctx, a, cmd, slack.Msg{Text: text, Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(mrkdwn(text), nil, nil)}}})
}

// goalsText writes the goals grouped by the team that commits to them.
func goalsText(r handlers.GoalsReport) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "*Goals for %s* — %d of %d working days done\n", r.Month, r.DaysElapsed, r.WorkingDays)
	teams := []struct {
		team  armistice.Team
		title string
	}{{armistice.TeamMarketing, "Marketing commits to"}, {armistice.TeamSales, "Sales commits to"}, {armistice.TeamBoth, "Both teams share"}}
	for _, t := range teams {
		fmt.Fprintf(&sb, "\n*%s*\n", t.title)
		for _, p := range r.Progress {
			if p.Team == t.team {
				sb.WriteString("• " + progressLine(p) + "\n")
			}
		}
	}
	return sb.String()
}

// progressLine writes one metric against its goal, with pace.
func progressLine(p armistice.Progress) string {
	return fmt.Sprintf("%s: *%s*", p.Label, armistice.FormatMetric(p.MetricInfo, p.Actual)) + p.Standing()
}

// goalSet answers `goal set METRIC TARGET [YYYY-MM]` (admins).
func (b *Bot) goalSet(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	if len(args) < 3 || strings.ToLower(args[0]) != "set" {
		b.answer(ctx, a, cmd, slack.Msg{Text: "Use `" + cmd.Command + " goal set METRIC TARGET [YYYY-MM]`; metrics: " + armistice.MetricNames() + "."})
		return
	}
	info, v, m, err := b.svc.SetGoal(ctx, cmd.UserID, args[1], args[2], argAt(args, 3))
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	b.answer(ctx, a, cmd, slack.Msg{Text: fmt.Sprintf("Goal set: %s for %s is %s (%s commits to it).", info.Label, m, armistice.FormatMetric(info, v), info.Team)})
}

// plan answers `plan REVENUE [deal AVG_DEAL] [YYYY-MM]` with the reverse
// funnel and, for admins to press, "Adopt as goals".
func (b *Bot) plan(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	usage := "Use `" + cmd.Command + " plan REVENUE [deal AVG_DEAL] [YYYY-MM]`, e.g. `plan 250k deal 12k`."
	if len(args) == 0 {
		b.answer(ctx, a, cmd, slack.Msg{Text: usage})
		return
	}
	revenue, err := armistice.ParseTarget(armistice.MetricInfo{Metric: armistice.MetricRevenue}, args[0])
	deal, month := 0.0, ""
	for i := 1; err == nil && i < len(args); i++ {
		switch {
		case strings.EqualFold(args[i], "deal") && i+1 < len(args):
			deal, err = armistice.ParseTarget(armistice.MetricInfo{Metric: armistice.MetricRevenue}, args[i+1])
			i++
		case month == "":
			month = args[i]
		default:
			err = fmt.Errorf("unexpected %q", args[i])
		}
	}
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: usage})
		return
	}
	p, err := b.svc.Plan(ctx, revenue, deal)
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	text := planText(p)
	value, _ := json.Marshal(planChoice{Revenue: revenue, Deal: deal, Month: month})
	adopt := slack.NewButtonBlockElement(actionAdoptPlan, string(value), slack.NewTextBlockObject(slack.PlainTextType, "Adopt as goals", false, false)).WithStyle(slack.StylePrimary)
	b.answer(ctx, a, cmd, slack.Msg{Text: text, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(mrkdwn(text), nil, nil),
		slack.NewActionBlock("plan_actions", adopt),
		slack.NewContextBlock("", mrkdwn("Admins can adopt these numbers as the month's goals.")),
	}}})
}

// planChoice is what the "Adopt as goals" button carries.
type planChoice struct {
	Revenue float64 `json:"revenue"`
	Deal    float64 `json:"deal,omitempty"`
	Month   string  `json:"month,omitempty"`
}

// planText writes the reverse funnel and the rates it came from.
func planText(p armistice.Plan) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "*To make %s in revenue* (average deal %s):\n", armistice.FormatNumber(p.Revenue), armistice.FormatNumber(p.AverageDeal))
	fmt.Fprintf(&sb, "• *%s* deals won, from\n• *%s* opportunities (win rate %.1f%%), from\n• *%s* accepted leads (SALs; %.1f%% become opportunities), from\n• *%s* MQLs (acceptance rate %.1f%%), from\n• *%s* website visits (%.2f%% become MQLs)\n",
		armistice.FormatNumber(float64(p.Deals)), armistice.FormatNumber(float64(p.Opportunities)), p.WinRate, armistice.FormatNumber(float64(p.SALs)), p.OpportunityRate,
		armistice.FormatNumber(float64(p.MQLs)), p.AcceptanceRate, armistice.FormatNumber(float64(p.Visits)), p.VisitRate)
	if len(p.Defaulted) > 0 {
		fmt.Fprintf(&sb, "_Too little history in the last 90 days for the %s: default values were used._", strings.Join(p.Defaulted, ", "))
	} else {
		sb.WriteString("_Rates from the last 90 days._")
	}
	return sb.String()
}

// adoptPlan sets a plan's numbers as goals when an admin presses the button.
func (b *Bot) adoptPlan(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	var choice planChoice
	if err := json.Unmarshal([]byte(action.Value), &choice); err != nil {
		return
	}
	p, err := b.svc.Plan(ctx, choice.Revenue, choice.Deal)
	if err == nil {
		var m armistice.Month
		if m, err = b.svc.AdoptPlan(ctx, ic.User.ID, p, choice.Month); err == nil {
			b.respond(ctx, ic.ResponseURL, fmt.Sprintf("The plan is now the goals for %s: %s revenue, %s deals, %s opportunities, %s SALs, %s MQLs, %s visits.",
				m, armistice.FormatNumber(p.Revenue), armistice.FormatNumber(float64(p.Deals)), armistice.FormatNumber(float64(p.Opportunities)), armistice.FormatNumber(float64(p.SALs)), armistice.FormatNumber(float64(p.MQLs)), armistice.FormatNumber(float64(p.Visits))))
			return
		}
	}
	b.respond(ctx, ic.ResponseURL, b.userMessage(err))
}

// stats answers `stats [YYYY-MM]`.
func (b *Bot) stats(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	r, err := b.svc.Stats(ctx, firstArg(args))
	if err != nil {
		b.answer(ctx, a, cmd, slack.Msg{Text: b.userMessage(err)})
		return
	}
	c := r.Counts
	var sb strings.Builder
	fmt.Fprintf(&sb, "*Funnel for %s*\n", r.Month)
	fmt.Fprintf(&sb, "Visits %s → MQLs %s (%s) → accepted %s (%s of %s decided) → opportunities %s (%s) → won %s (%s), revenue %s\n",
		armistice.FormatNumber(float64(c.Visits)), armistice.FormatNumber(float64(c.MQLs)), armistice.FormatPercent(c.MQLs, c.Visits), armistice.FormatNumber(float64(c.Accepted)), armistice.FormatPercent(c.Accepted, c.Decided),
		armistice.FormatNumber(float64(c.Decided)), armistice.FormatNumber(float64(c.Opportunities)), armistice.FormatPercent(c.Opportunities, c.Accepted), armistice.FormatNumber(float64(c.Won)), armistice.FormatPercent(c.Won, c.Opportunities), armistice.FormatNumber(c.Revenue))
	fmt.Fprintf(&sb, "Acceptance rate *%s* · followed up within the SLA *%s* · time to decision: median *%s*, p90 *%s* (business hours)\n",
		armistice.FormatPercent(c.Accepted, c.Decided), armistice.FormatPercent(c.SLAMet, c.Decided), armistice.FormatBusinessTime(c.MedianDecision), armistice.FormatBusinessTime(c.P90Decision))
	if len(r.Reasons) > 0 {
		sb.WriteString("*Top rejection reasons:* ")
		for i, rc := range r.Reasons {
			if i > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "%s (%d)", escape(rc.Reason), rc.Count)
		}
		sb.WriteString("\n")
	}
	if len(r.Reps) > 0 {
		sb.WriteString("*By rep:*\n")
		for _, rep := range r.Reps {
			fmt.Fprintf(&sb, "• %s: %d decided, %d accepted, median %s\n", mention(rep.User), rep.Decided, rep.Accepted, armistice.FormatBusinessTime(rep.MedianDecision))
		}
	}
	b.answer(ctx, a, cmd, slack.Msg{Text: sb.String()})
}

// answer replies to a command only to its caller: in the ack when it is
// still open, else through the response_url.
func (b *Bot) answer(ctx context.Context, a *acker, cmd slack.SlashCommand, msg slack.Msg) {
	msg.ResponseType = slack.ResponseTypeEphemeral
	if a.ack(msg) {
		return
	}
	hook := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, Text: msg.Text}
	if len(msg.Blocks.BlockSet) > 0 {
		hook.Blocks = &msg.Blocks
	}
	if err := slack.PostWebhookCustomHTTPContext(ctx, cmd.ResponseURL, b.httpClient, hook); err != nil {
		b.log.Warn("slack: answering through response_url", "err", err)
	}
}

func firstArg(args []string) string { return argAt(args, 0) }

func argAt(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}
