package converse

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// What a digest lists at most, whatever the period brought; `insights`
// and `persona SLUG` show the rest.
const (
	maxDigestReps    = 30
	maxDigestBriefs  = 15
	maxDigestInsight = 200  // characters of one insight
	maxBriefBody     = 1500 // characters of one persona's brief
	maxRejectionBody = 2000 // characters of the rejections' summary
)

// DigestLimits bound the lists of a digest so that it fits a platform's
// message: ListChars is what the new insights and the AI briefs may each
// take, in characters of their text.
type DigestLimits struct{ ListChars int }

// DigestSummary is a digest in one sentence: a notification's preview and
// the text where the digest cannot show.
func DigestSummary(d chat.Digest) string {
	if d.Agreement != nil {
		return d.Title + "."
	}
	c := d.Counts
	return fmt.Sprintf("%s: %d MQLs, %d accepted, %d rejected; %d awaiting a decision, %d overdue.",
		d.Title, c.MQLs, c.Accepted, c.Decided-c.Accepted, d.Pending, d.Overdue)
}

// DigestReply is a digest as both platforms show it: the headline numbers,
// why sales said no, the goals with their table and charts, the trend, the
// reps' time to decision, the period's insights, the AI briefs and, in the
// monthly review, the plan with "Adopt as this month's goals". Outside
// text (reasons, insights, model output) stays text: the renderers escape
// it.
func DigestReply(d chat.Digest, lim DigestLimits) Reply {
	if d.Agreement != nil {
		r := AgreementNews(*d.Agreement)
		if d.Kind == chat.DigestAgreementReminder {
			r.Blocks = append([]Block{P(T("⏰ "), B("Reminder:"), T(" this month's agreement is not signed by both teams yet."))}, r.Blocks...)
		}
		return r
	}
	n := func(v int64) string { return armistice.FormatNumber(float64(v)) }
	c := d.Counts
	facts := Facts{{"MQLs", n(c.MQLs)}, {"Accepted", n(c.Accepted)}, {"Rejected", n(c.Decided - c.Accepted)},
		{"Awaiting a decision", fmt.Sprintf("%s (%s overdue)", n(d.Pending), n(d.Overdue))}}
	if c.Opportunities+c.Won > 0 {
		facts = append(facts, Fact{"Opportunities", n(c.Opportunities)}, Fact{"Won", fmt.Sprintf("%s (%s)", n(c.Won), armistice.FormatNumber(c.Revenue))})
	}
	blocks := []Block{Heading(d.Title), facts}
	if c.BelowBar > 0 {
		blocks = append(blocks, BelowBarLine(c))
	}
	if len(d.Reasons) > 0 {
		blocks = append(blocks, P(B("Why sales said no:"), T(" "+ReasonCounts(d.Reasons))))
	}
	blocks = append(append(blocks, Divider{}), GoalsBlocks(d.Goals)...)
	if t, ok := GoalsTable(d.Goals); ok {
		blocks = append(blocks, t)
	}
	if ch, ok := GoalsChart(d.Goals); ok {
		blocks = append(blocks, ch)
	}
	if ch, ok := TrendChart(d.Trend); ok {
		blocks = append(blocks, ch)
	}
	if len(d.Reps) > 0 {
		var reps List
		for i, r := range d.Reps {
			if i == maxDigestReps {
				reps = append(reps, P(T(fmt.Sprintf("…and %d more", len(d.Reps)-i))))
				break
			}
			reps = append(reps, P(U(r.User), T(fmt.Sprintf(": %d decided, median %s", r.Decided, armistice.FormatBusinessTime(r.MedianDecision)))))
		}
		blocks = append(blocks, P(B("Time to decision this month (business hours)")), reps)
	}
	if len(d.Agenda) > 0 {
		blocks = append(blocks, P(B("Open on the weekly meeting's agenda")), AgendaList(d.Agenda, false))
	}
	if len(d.Insights) > 0 {
		blocks = append(blocks, digestInsights(d, lim)...)
	}
	blocks = append(blocks, briefs(d, lim)...)
	if d.Plan != nil {
		value, _ := json.Marshal(PlanChoice{Revenue: d.Plan.Revenue})
		blocks = append(append(append(blocks, Divider{}, P(B("Time to set this month's goals."), T(" From the trailing rates:"))), PlanBlocks(*d.Plan)...),
			Buttons{{Label: "Adopt as this month's goals", Action: ActionAdoptPlan, Value: string(value), Primary: true}})
	}
	return Reply{Blocks: blocks}
}

// digestInsights lists the period's new insights by persona (daily), as
// many as the limit allows, or counts them by team (weekly and monthly:
// are both teams contributing?).
func digestInsights(d chat.Digest, lim DigestLimits) []Block {
	if d.Kind != chat.DigestDaily {
		t := map[string]int{}
		for _, in := range d.Insights {
			t[in.Team]++
		}
		return []Block{P(B("Persona insights:"), T(fmt.Sprintf(" %d from sales, %d from marketing, %d from both, %d from others.",
			t[armistice.InsightSales], t[armistice.InsightMarketing], t[armistice.InsightBoth], t[armistice.InsightNeither])))}
	}
	blocks := []Block{Divider{}, P(B("New persona insights"))}
	used, shown := 0, 0
	var items List
	persona := ""
	for _, in := range d.Insights {
		body := armistice.Truncate(oneLine(in.Body), maxDigestInsight)
		if used += len(body) + len(in.Persona) + len(in.Team); used > lim.ListChars {
			break
		}
		if in.Persona != persona || shown == 0 {
			if len(items) > 0 {
				blocks = append(blocks, items)
			}
			persona, items = in.Persona, nil
			blocks = append(blocks, P(B(oneLine(persona))))
		}
		items = append(items, P(I(in.Team), T(": "+body)))
		shown++
	}
	if len(items) > 0 {
		blocks = append(blocks, items)
	}
	if left := len(d.Insights) - shown; left > 0 {
		blocks = append(blocks, Note{T(fmt.Sprintf("…and %s: the insights command lists them all.", moreOf(left, "insight")))})
	}
	return blocks
}

// briefs is the weekly summary's AI section: each persona's brief of the
// week and, in the marketing channel, why sales rejected leads; nothing
// without them. Model output is untrusted: it stays text, escaped by the
// renderers like any outside text.
func briefs(d chat.Digest, lim DigestLimits) []Block {
	var blocks []Block
	models := map[string]bool{}
	if len(d.Briefs) > 0 {
		blocks = append(blocks, Divider{}, P(B("AI brief: what last week taught both teams about each persona")))
		used := 0
		for i, b := range d.Briefs {
			body := armistice.Truncate(b.Body, maxBriefBody)
			if used += len(body) + len(b.Name); i == maxDigestBriefs || used > lim.ListChars {
				blocks = append(blocks, Note{T(fmt.Sprintf("And %s: the persona command shows each brief.", moreOf(len(d.Briefs)-i, "persona")))})
				break
			}
			blocks = append(blocks, P(B(oneLine(b.Name)), T(" ("), C(b.Persona), T(", from "+countOf(b.Insights, "insight")+")")), Bullets(body))
			models[b.Model] = true
		}
	}
	if r := d.RejectionBrief; r != nil {
		if len(blocks) == 0 {
			blocks = append(blocks, Divider{})
		}
		blocks = append(blocks, P(B("AI summary: why sales rejected leads last week"), T(" (from "+countOf(r.Rejections, "rejection")+")")),
			Bullets(armistice.Truncate(r.Body, maxRejectionBody)))
		models[r.Model] = true
	}
	if len(blocks) == 0 {
		return nil
	}
	note := "Written by a language model"
	if len(models) == 1 {
		for m := range models {
			if m = strings.TrimSpace(m); m != "" {
				note += " (" + armistice.Truncate(oneLine(m), 60) + ")"
			}
		}
	}
	return append(blocks, Note{T(note + " from what the teams wrote; check before acting on it.")})
}

// moreOf writes "1 more insight", "3 more insights".
func moreOf(n int, what string) string {
	if n == 1 {
		return "1 more " + what
	}
	return fmt.Sprintf("%d more %ss", n, what)
}
