package teams

import (
	"fmt"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// The markdown written here holds only the bot's own words and numbers
// (metric labels, counts), except where noted, and reads the same in a
// Teams message and in a card's TextBlock: **bold**, _italic_, "- " lists.

// agreementTeams are the sides of the agreement, in the order goals show.
var agreementTeams = []struct {
	team  armistice.Team
	title string
}{
	{armistice.TeamMarketing, "Marketing commits to"},
	{armistice.TeamSales, "Sales commits to"},
	{armistice.TeamBoth, "Both teams share"},
}

// goalsText answers `goals`: the month's goals grouped by the team that
// commits to them, each with its progress and pace.
func goalsText(r handlers.GoalsReport) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**Goals for %s** — %d of %d working days done", r.Month, r.DaysElapsed, r.WorkingDays)
	for _, t := range agreementTeams {
		var lines []string
		for _, p := range r.Progress {
			if p.Team == t.team {
				lines = append(lines, "- "+progressLine(p))
			}
		}
		if len(lines) > 0 {
			fmt.Fprintf(&sb, "\n\n**%s**\n\n%s", t.title, strings.Join(lines, "\n"))
		}
	}
	return sb.String()
}

// progressLine writes one metric against its goal, with pace.
func progressLine(p armistice.Progress) string {
	return fmt.Sprintf("%s: **%s**", p.Label, armistice.FormatMetric(p.MetricInfo, p.Actual)) + p.Standing()
}

// planText writes the reverse funnel of a plan and the rates it came from.
func planText(p armistice.Plan) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**To make %s in revenue** (average deal %s):\n\n", armistice.FormatNumber(p.Revenue), armistice.FormatNumber(p.AverageDeal))
	fmt.Fprintf(&sb, "- **%s** deals won, from\n", armistice.FormatNumber(float64(p.Deals)))
	fmt.Fprintf(&sb, "- **%s** opportunities (win rate %.1f%%), from\n", armistice.FormatNumber(float64(p.Opportunities)), p.WinRate)
	fmt.Fprintf(&sb, "- **%s** accepted leads (SALs; %.1f%% become opportunities), from\n", armistice.FormatNumber(float64(p.SALs)), p.OpportunityRate)
	fmt.Fprintf(&sb, "- **%s** MQLs (acceptance rate %.1f%%), from\n", armistice.FormatNumber(float64(p.MQLs)), p.AcceptanceRate)
	fmt.Fprintf(&sb, "- **%s** website visits (%.2f%% become MQLs)\n\n", armistice.FormatNumber(float64(p.Visits)), p.VisitRate)
	if len(p.Defaulted) > 0 {
		fmt.Fprintf(&sb, "_Too little history in the last 90 days for the %s: default values were used._", strings.Join(p.Defaulted, ", "))
	} else {
		sb.WriteString("_Rates from the last 90 days._")
	}
	return sb.String()
}

// planAdoption is what a plan's "Adopt as goals" carries (Action.Execute,
// verb ActionAdoptPlan): the revenue and average deal to plan again from,
// and the month ("" for the current one).
type planAdoption struct {
	Revenue float64 `json:"revenue"`
	Deal    float64 `json:"deal,omitempty"`
	Month   string  `json:"month,omitempty"`
}

// planCard answers `plan`: the reverse funnel, and "Adopt as goals" for
// admins to press. deal is the average deal that was asked for (0: the
// trailing one) and month the month named ("" for the current one).
func planCard(p armistice.Plan, deal float64, month string) map[string]any {
	body := []acElem{
		acText(planText(p)),
		acNote("Admins can adopt these numbers as the month's goals."),
	}
	adopt := acExecute("Adopt as goals", ActionAdoptPlan, planAdoption{Revenue: p.Revenue, Deal: deal, Month: month}).with("style", "positive")
	card := adaptiveCard(body, []acElem{adopt})
	card["fallbackText"] = fmt.Sprintf("Plan for %s in revenue", armistice.FormatNumber(p.Revenue))
	return card
}

// statsText answers `stats`: the month's funnel, acceptance, SLA
// compliance, time to decision, top rejection reasons (outside text,
// escaped) and each rep's decisions.
func statsText(r handlers.StatsReport, names Names) string {
	c := r.Counts
	var sb strings.Builder
	fmt.Fprintf(&sb, "**Funnel for %s**\n\n", r.Month)
	fmt.Fprintf(&sb, "Visits %s → MQLs %s (%s) → accepted %s (%s of %s decided) → opportunities %s (%s) → won %s (%s), revenue %s\n\n",
		formatCount(c.Visits), formatCount(c.MQLs), armistice.FormatPercent(c.MQLs, c.Visits), formatCount(c.Accepted), armistice.FormatPercent(c.Accepted, c.Decided),
		formatCount(c.Decided), formatCount(c.Opportunities), armistice.FormatPercent(c.Opportunities, c.Accepted), formatCount(c.Won), armistice.FormatPercent(c.Won, c.Opportunities), armistice.FormatNumber(c.Revenue))
	fmt.Fprintf(&sb, "Acceptance rate **%s** · followed up within the SLA **%s** · time to decision: median **%s**, p90 **%s** (business hours)",
		armistice.FormatPercent(c.Accepted, c.Decided), armistice.FormatPercent(c.SLAMet, c.Decided), armistice.FormatBusinessTime(c.MedianDecision), armistice.FormatBusinessTime(c.P90Decision))
	if len(r.Reasons) > 0 {
		sb.WriteString("\n\n**Top rejection reasons:** " + reasonsMD(r.Reasons, mdEscape))
	}
	if len(r.Reps) > 0 {
		sb.WriteString("\n\n**By rep:**\n")
		for _, rep := range r.Reps {
			fmt.Fprintf(&sb, "\n- %s: %d decided, %d accepted, median %s", mdEscape(oneLine(names.of(rep.User))), rep.Decided, rep.Accepted, armistice.FormatBusinessTime(rep.MedianDecision))
		}
	}
	return sb.String()
}
