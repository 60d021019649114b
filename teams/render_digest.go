package teams

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/converse"
)

// Limits that keep a digest within Teams' message size (about 40 KB of
// JSON) whatever the period brought; `insights` and `persona SLUG` show
// everything that is left out.
const (
	maxDigestCardBytes = 38 << 10
	maxDigestReasons   = 10
	maxDigestReps      = 30
	maxDigestBriefs    = 15
	maxDigestTextLines = 30       // insights in the text version
	maxDigestTextBytes = 36 << 10 // the text version, as JSON
	// digestListBudget is the JSON bytes that the insights and the briefs
	// may each take in the card, at first; halved while the card is too big.
	digestListBudget = 12 << 10
)

// digestCard renders a digest as an Adaptive Card: the headline numbers,
// the goals as a table and a bar chart of their progress, the 14-day trend
// as a line chart, the reps' time to decision, the new insights, the AI
// briefs and, in the monthly review, the plan with "Adopt as this month's
// goals". Outside text (reasons, names, insights, model output) is escaped.
// Long lists are cut so that the card stays under 40 KB.
func digestCard(d handlers.Digest, names Names) map[string]any {
	for budget := digestListBudget; ; budget /= 2 {
		card := buildDigestCard(d, names, budget)
		if b, err := json.Marshal(card); err != nil || len(b) <= maxDigestCardBytes || budget == 0 {
			return card
		}
	}
}

func buildDigestCard(d handlers.Digest, names Names, budget int) map[string]any {
	c := d.Counts
	body := []acElem{acHeading(cardEscape(d.Title), true).with("size", "Large")}

	facts := []acFact{
		{"MQLs", formatCount(c.MQLs)},
		{"Accepted", formatCount(c.Accepted)},
		{"Rejected", formatCount(c.Decided - c.Accepted)},
		{"Awaiting a decision", fmt.Sprintf("%s (%s overdue)", formatCount(d.Pending), formatCount(d.Overdue))},
	}
	if c.Opportunities+c.Won > 0 {
		facts = append(facts, acFact{"Opportunities", formatCount(c.Opportunities)},
			acFact{"Won", fmt.Sprintf("%s (%s)", formatCount(c.Won), armistice.FormatNumber(c.Revenue))})
	}
	body = append(body, acFacts(facts))
	if len(d.Reasons) > 0 {
		body = append(body, acText("**Why sales said no:** "+cardEscape(converse.ReasonCounts(d.Reasons))))
	}

	goals := []acElem{
		acHeading(fmt.Sprintf("Goals for %s — %d of %d working days done", d.Goals.Month, d.Goals.DaysElapsed, d.Goals.WorkingDays), false),
		acText(cardStyle.blocks(converse.GoalsBlocks(d.Goals)[1:], replyNames{})).with("size", "Small"),
	}
	if t, ok := converse.GoalsTable(d.Goals); ok {
		goals = append(goals, tableElem(t))
	}
	if c, ok := converse.GoalsChart(d.Goals); ok {
		goals = append(goals, chartElem(c))
	}
	if c, ok := converse.TrendChart(d.Trend); ok {
		goals = append(goals, chartElem(c))
	}
	body = append(body, acContainer(goals, true))

	if len(d.Reps) > 0 {
		reps := d.Reps
		more := ""
		if len(reps) > maxDigestReps {
			more = fmt.Sprintf("\n- …and %d more", len(reps)-maxDigestReps)
			reps = reps[:maxDigestReps]
		}
		var lines []string
		for _, r := range reps {
			lines = append(lines, fmt.Sprintf("- %s: %d decided, median %s", cardEscape(oneLine(names.of(r.User))), r.Decided, armistice.FormatBusinessTime(r.MedianDecision)))
		}
		body = append(body, acContainer([]acElem{
			acHeading("Time to decision this month (business hours)", false),
			acText(strings.Join(lines, "\n")+more).with("spacing", "None"),
		}, true))
	}
	if len(d.Insights) > 0 {
		body = append(body, acContainer(digestInsightBlocks(d, budget), true))
	}
	if ai := briefBlocks(d, budget); len(ai) > 0 {
		body = append(body, acContainer(ai, true))
	}

	var actions []acElem
	if d.Plan != nil {
		body = append(body, acContainer([]acElem{
			acText("**Time to set this month's goals.** From the trailing rates:"),
			acText(cardStyle.blocks(converse.PlanBlocks(*d.Plan), replyNames{})),
		}, true))
		actions = append(actions, acExecute("Adopt as this month's goals", converse.ActionAdoptPlan, converse.PlanChoice{Revenue: d.Plan.Revenue}).with("style", "positive"))
	}
	card := adaptiveCard(body, actions)
	card["fallbackText"] = digestSummary(d)
	card["msteams"] = map[string]any{"width": "Full"}
	return card
}

// digestSummary is the digest in one sentence: the card's fallback and a
// notification's preview.
func digestSummary(d handlers.Digest) string {
	c := d.Counts
	return fmt.Sprintf("%s: %d MQLs, %d accepted, %d rejected; %d awaiting a decision, %d overdue.",
		d.Title, c.MQLs, c.Accepted, c.Decided-c.Accepted, d.Pending, d.Overdue)
}

// digestInsightBlocks lists the period's new insights by persona (daily),
// as many as budget bytes of JSON allow, or counts them by team (weekly
// and monthly: are both teams contributing?).
func digestInsightBlocks(d handlers.Digest, budget int) []acElem {
	if d.Kind != handlers.DigestDaily {
		t := insightTeamCounts(d.Insights)
		return []acElem{acText(fmt.Sprintf("**Persona insights:** %d from sales, %d from marketing, %d from both, %d from others.",
			t[armistice.InsightSales], t[armistice.InsightMarketing], t[armistice.InsightBoth], t[armistice.InsightNeither]))}
	}
	blocks := []acElem{acHeading("New persona insights", false)}
	used, shown := 0, 0
	var persona string
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			blocks = append(blocks, acText("**"+cardEscape(oneLine(persona))+"**\n\n"+strings.Join(lines, "\n")).with("size", "Small"))
		}
		lines = nil
	}
	for _, in := range d.Insights {
		line := "- _" + cardEscape(in.Team) + "_: " + cardEscape(oneLine(armistice.Truncate(in.Body, 200)))
		if used += jsonLen(line) + jsonLen(in.Persona); used > budget {
			break
		}
		if in.Persona != persona || shown == 0 {
			flush()
			persona = in.Persona
		}
		lines = append(lines, line)
		shown++
	}
	flush()
	if left := len(d.Insights) - shown; left > 0 {
		blocks = append(blocks, acNote(fmt.Sprintf("…and %s more: the insights command lists them all.", countOf(left, "insight"))))
	}
	return blocks
}

// insightTeamCounts counts insights by the team they came from.
func insightTeamCounts(insights []armistice.Insight) map[string]int {
	t := map[string]int{}
	for _, in := range insights {
		t[in.Team]++
	}
	return t
}

// briefBlocks is the weekly summary's AI section: each persona's brief of
// the week and, in the marketing channel, why sales rejected leads; nil
// without them. Model output is untrusted: escaped like any outside text.
func briefBlocks(d handlers.Digest, budget int) []acElem {
	var blocks []acElem
	models := map[string]bool{}
	used := 0
	if len(d.Briefs) > 0 {
		blocks = append(blocks, acHeading("AI brief: what last week taught both teams about each persona", false))
		for i, b := range d.Briefs {
			text := fmt.Sprintf("**%s** (%s, from %s)\n\n%s", cardEscape(oneLine(b.Name)), cardEscape(oneLine(b.Persona)),
				countOf(b.Insights, "insight"), bulletsCard(armistice.Truncate(b.Body, 1500)))
			if used += jsonLen(text); i == maxDigestBriefs || used > budget {
				blocks = append(blocks, acNote(fmt.Sprintf("And %s more: the persona command shows each brief.", countOf(len(d.Briefs)-i, "persona"))))
				break
			}
			blocks = append(blocks, acText(text).with("size", "Small"))
			models[b.Model] = true
		}
	}
	if r := d.RejectionBrief; r != nil {
		blocks = append(blocks,
			acHeading(fmt.Sprintf("AI summary: why sales rejected leads last week (from %s)", countOf(r.Rejections, "rejection")), false),
			acText(bulletsCard(armistice.Truncate(r.Body, 2000))).with("size", "Small"))
		models[r.Model] = true
	}
	if len(blocks) == 0 {
		return nil
	}
	note := "Written by a language model"
	if len(models) == 1 {
		for m := range models {
			if m != "" {
				note += " (" + cardEscape(oneLine(armistice.Truncate(m, 60))) + ")"
			}
		}
	}
	return append(blocks, acNote(note+" from what the teams wrote; check before acting on it."))
}

// bulletsCard writes stored model output as a card list, one item a line,
// escaped.
func bulletsCard(body string) string {
	var items []string
	for l := range strings.SplitSeq(body, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•")); l != "" {
			items = append(items, "- "+cardEscape(l))
		}
	}
	return strings.Join(items, "\n")
}

// bulletsMD writes stored model output as a markdown list, escaped.
func bulletsMD(body string) string {
	var items []string
	for l := range strings.SplitSeq(body, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•")); l != "" {
			items = append(items, "- "+mdEscape(l))
		}
	}
	return strings.Join(items, "\n")
}

// jsonLen is how many bytes s takes as a JSON string.
func jsonLen(s string) int {
	b, _ := json.Marshal(s)
	return len(b)
}

// digestText writes a digest as Teams message markdown, for where a card
// cannot go: the same numbers and lists as the card, without charts.
func digestText(d handlers.Digest, names Names) string {
	c := d.Counts
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s**\n\n", mdEscape(d.Title))
	fmt.Fprintf(&sb, "**MQLs:** %s · **accepted:** %s · **rejected:** %s · **awaiting a decision:** %s (%s overdue)",
		formatCount(c.MQLs), formatCount(c.Accepted), formatCount(c.Decided-c.Accepted), formatCount(d.Pending), formatCount(d.Overdue))
	if c.Opportunities+c.Won > 0 {
		fmt.Fprintf(&sb, "\n\n**Opportunities:** %s · **won:** %s (%s)", formatCount(c.Opportunities), formatCount(c.Won), armistice.FormatNumber(c.Revenue))
	}
	if len(d.Reasons) > 0 {
		sb.WriteString("\n\n**Why sales said no:** " + mdEscape(converse.ReasonCounts(d.Reasons)))
	}
	sb.WriteString("\n\n" + messageStyle.blocks(converse.GoalsBlocks(d.Goals), replyNames{}))
	if len(d.Reps) > 0 {
		sb.WriteString("\n\n**Time to decision this month (business hours)**\n")
		for i, r := range d.Reps {
			if i == maxDigestReps {
				fmt.Fprintf(&sb, "\n- …and %d more", len(d.Reps)-i)
				break
			}
			fmt.Fprintf(&sb, "\n- %s: %d decided, median %s", mdEscape(oneLine(names.of(r.User))), r.Decided, armistice.FormatBusinessTime(r.MedianDecision))
		}
	}
	if len(d.Insights) > 0 {
		sb.WriteString("\n\n" + digestInsightsMD(d))
	}
	if len(d.Briefs) > 0 {
		sb.WriteString("\n\n**AI brief: what last week taught both teams about each persona**")
		for i, b := range d.Briefs {
			if i == maxDigestBriefs {
				fmt.Fprintf(&sb, "\n\n_And %s more: `persona SLUG` shows each brief._", countOf(len(d.Briefs)-i, "persona"))
				break
			}
			fmt.Fprintf(&sb, "\n\n**%s** (%s, from %s)\n\n%s", mdEscape(oneLine(b.Name)), mdEscape(oneLine(b.Persona)),
				countOf(b.Insights, "insight"), bulletsMD(armistice.Truncate(b.Body, 1500)))
		}
	}
	if r := d.RejectionBrief; r != nil {
		fmt.Fprintf(&sb, "\n\n**AI summary: why sales rejected leads last week** (from %s)\n\n%s", countOf(r.Rejections, "rejection"), bulletsMD(armistice.Truncate(r.Body, 2000)))
	}
	if len(d.Briefs) > 0 || d.RejectionBrief != nil {
		sb.WriteString("\n\n_Written by a language model from what the teams wrote; check before acting on it._")
	}
	if d.Plan != nil {
		sb.WriteString("\n\n**Time to set this month's goals.** From the trailing rates:\n\n" + messageStyle.blocks(converse.PlanBlocks(*d.Plan), replyNames{}))
	}
	return fitText(sb.String(), maxDigestTextBytes)
}

// fitText keeps whole lines of text while it takes at most limit bytes as
// JSON, saying where it was cut.
func fitText(text string, limit int) string {
	if jsonLen(text) <= limit {
		return text
	}
	const cut = "\n\n_…cut here: too long for one message. `insights` and `persona SLUG` show the rest._"
	used := jsonLen(cut)
	var kept []string
	for l := range strings.SplitSeq(text, "\n") {
		if used += jsonLen(l); used > limit { // its quotes count for its line break
			break
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n") + cut
}

// digestInsightsMD lists the period's new insights by persona (daily), or
// counts them by team (weekly, monthly), in markdown.
func digestInsightsMD(d handlers.Digest) string {
	if d.Kind != handlers.DigestDaily {
		t := insightTeamCounts(d.Insights)
		return fmt.Sprintf("**Persona insights:** %d from sales, %d from marketing, %d from both, %d from others.",
			t[armistice.InsightSales], t[armistice.InsightMarketing], t[armistice.InsightBoth], t[armistice.InsightNeither])
	}
	var sb strings.Builder
	sb.WriteString("**New persona insights**")
	persona := ""
	for i, in := range d.Insights {
		if i == maxDigestTextLines {
			fmt.Fprintf(&sb, "\n\n_…and %s more: `insights` lists them all._", countOf(len(d.Insights)-i, "insight"))
			break
		}
		if in.Persona != persona || i == 0 {
			persona = in.Persona
			sb.WriteString("\n\n**" + mdEscape(oneLine(persona)) + "**\n")
		}
		fmt.Fprintf(&sb, "\n- _%s_: %s", mdEscape(in.Team), mdEscape(oneLine(armistice.Truncate(in.Body, 200))))
	}
	return sb.String()
}
