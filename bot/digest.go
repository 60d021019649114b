package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/converse"
)

// digestEventType tags the metadata of every digest, so that one posted
// just before a crash can be found again.
const digestEventType = "armistice_digest"

// PostDigest implements handlers.Chat.
func (b *Bot) PostDigest(ctx context.Context, channel string, d handlers.Digest) (handlers.MessageRef, error) {
	blocks, text := digestBlocks(d)
	return b.post(ctx, channel, "", text, blocks,
		&slack.SlackMetadata{EventType: digestEventType, EventPayload: map[string]any{"kind": string(d.Kind), "period": d.Period}})
}

// FindDigest implements handlers.Chat.
func (b *Bot) FindDigest(ctx context.Context, channel, kind, period string, since time.Time) (handlers.MessageRef, bool, error) {
	return b.findTagged(ctx, channel, since, func(m slack.Message) bool {
		return m.Metadata.EventType == digestEventType && m.Metadata.EventPayload["kind"] == kind && m.Metadata.EventPayload["period"] == period
	})
}

// digestBlocks renders a digest: the headline numbers, the goals as a table
// and a chart of their progress, the 14-day trend as a chart, and the
// notification text that reads well on its own.
func digestBlocks(d handlers.Digest) ([]slack.Block, string) {
	c := d.Counts
	summary := fmt.Sprintf("%s: %d MQLs, %d accepted, %d rejected; %d awaiting a decision, %d overdue.",
		d.Title, c.MQLs, c.Accepted, c.Decided-c.Accepted, d.Pending, d.Overdue)
	var sb strings.Builder
	fmt.Fprintf(&sb, "*MQLs:* %s · *accepted:* %s · *rejected:* %s · *awaiting a decision:* %s (%s overdue)",
		armistice.FormatNumber(float64(c.MQLs)), armistice.FormatNumber(float64(c.Accepted)), armistice.FormatNumber(float64(c.Decided-c.Accepted)), armistice.FormatNumber(float64(d.Pending)), armistice.FormatNumber(float64(d.Overdue)))
	if c.Opportunities+c.Won > 0 {
		fmt.Fprintf(&sb, "\n*Opportunities:* %s · *won:* %s (%s)", armistice.FormatNumber(float64(c.Opportunities)), armistice.FormatNumber(float64(c.Won)), armistice.FormatNumber(c.Revenue))
	}
	if len(d.Reasons) > 0 {
		var rs []string
		for _, r := range d.Reasons {
			rs = append(rs, fmt.Sprintf("%s (%d)", escape(r.Reason), r.Count))
		}
		sb.WriteString("\n*Why sales said no:* " + strings.Join(rs, ", "))
	}
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, armistice.Truncate(d.Title, 150), false, false)),
		slack.NewSectionBlock(mrkdwn(sb.String()), nil, nil),
		slack.NewDividerBlock(),
		slack.NewSectionBlock(mrkdwn(blocksText(converse.GoalsBlocks(d.Goals))), nil, nil),
	}
	if t := goalsTable(d.Goals); t != nil {
		blocks = append(blocks, t)
	}
	if ch := goalsChart(d.Goals); ch != nil {
		blocks = append(blocks, ch)
	}
	if ch := trendChart(d.Trend); ch != nil {
		blocks = append(blocks, ch)
	}
	if len(d.Reps) > 0 {
		var lines []string
		for _, r := range d.Reps {
			lines = append(lines, fmt.Sprintf("%s: %d decided, median %s", mention(r.User), r.Decided, armistice.FormatBusinessTime(r.MedianDecision)))
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*Time to decision this month (business hours)*\n"+strings.Join(lines, "\n")), nil, nil))
	}
	if len(d.Insights) > 0 {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(armistice.Truncate(digestInsights(d), 2900)), nil, nil))
	}
	blocks = append(blocks, briefBlocks(d)...) // brief.go: the AI section, when there is one
	if d.Plan != nil {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*Time to set this month's goals.* From the trailing rates:\n"+blocksText(converse.PlanBlocks(*d.Plan))), nil, nil))
		value := fmt.Sprintf(`{"revenue":%s}`, strconv.FormatFloat(d.Plan.Revenue, 'f', -1, 64))
		blocks = append(blocks, slack.NewActionBlock("digest_plan",
			slack.NewButtonBlockElement(converse.ActionAdoptPlan, value, slack.NewTextBlockObject(slack.PlainTextType, "Adopt as this month's goals", false, false)).WithStyle(slack.StylePrimary)))
	}
	return blocks, summary
}

// goalsTable is the goals as a table block (Slack's "table"), or nil without
// goals.
func goalsTable(r handlers.GoalsReport) slack.Block {
	t := slack.NewTableBlock("goals_table")
	t.AddRow(cell("Metric"), cell("Team"), cell("Actual"), cell("Goal"), cell("%"))
	rows := 0
	for _, p := range r.Progress {
		if !p.HasGoal {
			continue
		}
		t.AddRow(cell(p.Label), cell(string(p.Team)), numberCell(p.Actual, armistice.FormatMetric(p.MetricInfo, p.Actual)),
			numberCell(p.Target, armistice.FormatMetric(p.MetricInfo, p.Target)), numberCell(armistice.Round1(p.Percent), fmt.Sprintf("%.0f%%", p.Percent)))
		rows++
	}
	if rows == 0 {
		return nil
	}
	return t
}

// goalsChart is a bar chart of each goal's progress in %, or nil.
func goalsChart(r handlers.GoalsReport) slack.Block {
	var labels []string
	var points []slack.DataVisualizationDataPoint
	for _, p := range r.Progress {
		if p.HasGoal && len(points) < 20 {
			label := chartLabel(p.Label)
			labels = append(labels, label)
			points = append(points, slack.NewDataVisualizationDataPoint(label, armistice.Round1(p.Percent)))
		}
	}
	if len(points) == 0 {
		return nil
	}
	chart := slack.NewDataVisualizationBarChart(slack.NewDataVisualizationAxisConfig(labels...).WithYLabel("% of goal"),
		slack.NewDataVisualizationDataSeries("Progress", points...))
	return validChart(slack.NewDataVisualizationBlock("Progress against goals", chart))
}

// trendChart is a line chart of the last days' MQLs and acceptances, or nil.
func trendChart(days []armistice.DayCount) slack.Block {
	if len(days) == 0 {
		return nil
	}
	if len(days) > 20 {
		days = days[len(days)-20:]
	}
	var labels []string
	var mqls, accepted []slack.DataVisualizationDataPoint
	for _, d := range days {
		label := d.Day.Format("Mon 2 Jan")
		labels = append(labels, label)
		mqls = append(mqls, slack.NewDataVisualizationDataPoint(label, float64(d.MQLs)))
		accepted = append(accepted, slack.NewDataVisualizationDataPoint(label, float64(d.Accepted)))
	}
	chart := slack.NewDataVisualizationLineChart(slack.NewDataVisualizationAxisConfig(labels...),
		slack.NewDataVisualizationDataSeries("MQLs", mqls...), slack.NewDataVisualizationDataSeries("Accepted", accepted...))
	return validChart(slack.NewDataVisualizationBlock(fmt.Sprintf("MQLs and acceptances, last %d days", len(days)), chart))
}

// validChart keeps a chart only if it meets Slack's limits; the text above
// it carries the same numbers.
func validChart(b *slack.DataVisualizationBlock) slack.Block {
	if b.Validate() != nil {
		return nil
	}
	return b
}

// chartLabel fits a label in a chart's 20 characters.
func chartLabel(s string) string { return armistice.Truncate(s, 20) }

func cell(text string) slack.TableCell { return slack.NewTableRawTextCell(text) }

func numberCell(v float64, text string) slack.TableCell {
	return slack.NewTableRawNumberCell(armistice.Round1(v)).WithText(text)
}

// digestInsights lists the period's new insights by persona (daily), or
// counts them by team (weekly and monthly: are both teams contributing?).
func digestInsights(d handlers.Digest) string {
	if d.Kind != handlers.DigestDaily {
		byTeam := map[string]int{}
		for _, in := range d.Insights {
			byTeam[in.Team]++
		}
		return fmt.Sprintf("*Persona insights:* %d from sales, %d from marketing, %d from both, %d from others.",
			byTeam["sales"], byTeam["marketing"], byTeam["both"], byTeam["neither"])
	}
	var sb strings.Builder
	sb.WriteString("*New persona insights*")
	persona := ""
	for _, in := range d.Insights {
		if in.Persona != persona {
			persona = in.Persona
			sb.WriteString("\n*" + escape(persona) + "*")
		}
		fmt.Fprintf(&sb, "\n• _%s_: %s", in.Team, escape(armistice.Truncate(in.Body, 200)))
	}
	return sb.String()
}

// blocksText writes the conversation's blocks as one mrkdwn text.
func blocksText(blocks []converse.Block) string {
	return ReplyMessage(converse.Reply{Blocks: blocks}).Text
}
