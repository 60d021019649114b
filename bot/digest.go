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
	if t, ok := converse.GoalsTable(d.Goals); ok {
		blocks = append(blocks, tableBlock(t))
	}
	for _, c := range charts(d) {
		if ch := chartBlock(c); ch != nil {
			blocks = append(blocks, ch)
		}
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

// charts are a digest's charts: progress against the goals and the
// trend, those it has data for.
func charts(d handlers.Digest) []converse.Chart {
	var out []converse.Chart
	if c, ok := converse.GoalsChart(d.Goals); ok {
		out = append(out, c)
	}
	if c, ok := converse.TrendChart(d.Trend); ok {
		out = append(out, c)
	}
	return out
}

// blocksText writes the conversation's blocks as one mrkdwn text.
func blocksText(blocks []converse.Block) string {
	return ReplyMessage(converse.Reply{Blocks: blocks}).Text
}
