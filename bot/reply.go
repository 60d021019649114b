package bot

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// Slack's limits: what a section's text may hold (under its 3,000), and
// a header's.
const (
	sectionLimit = 2900
	headerLimit  = 150
)

// ReplyMessage draws a reply as Block Kit, with the text fallback that
// notifications show: runs of paragraphs and lists as mrkdwn sections
// (split where they would pass a section's limit), a heading as a header,
// facts as a section's fields, a note as a context block, buttons as an
// actions block, tables and charts as Slack's table and data visualization
// blocks. Text in the
// reply is escaped here.
func ReplyMessage(r converse.Reply) slack.Msg {
	var blocks []slack.Block
	var text, run []string
	flush := func() {
		var chunk []string
		size := 0
		for _, l := range run {
			l = cut(l, sectionLimit)
			if size+len(l)+1 > sectionLimit && len(chunk) > 0 {
				blocks = append(blocks, slack.NewSectionBlock(mrkdwn(strings.Join(chunk, "\n")), nil, nil))
				chunk, size = nil, 0
			}
			chunk = append(chunk, l)
			size += len(l) + 1
		}
		if len(chunk) > 0 {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(strings.Join(chunk, "\n")), nil, nil))
		}
		run = nil
	}
	for _, b := range r.Blocks {
		switch b := b.(type) {
		case converse.Heading:
			flush()
			blocks = append(blocks, slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, armistice.Truncate(string(b), headerLimit), false, false)))
			text = append(text, "*"+escape(string(b))+"*")
		case converse.Paragraph:
			l := mrkdwnSpans(b)
			run, text = append(run, l), append(text, l)
		case converse.Quote:
			for l := range strings.SplitSeq(string(b), "\n") {
				l = "> " + escape(l)
				run, text = append(run, l), append(text, l)
			}
		case converse.List:
			for _, item := range b {
				l := "• " + mrkdwnSpans(item)
				run, text = append(run, l), append(text, l)
			}
		case converse.Facts:
			flush()
			var fields []*slack.TextBlockObject
			var line []string
			for _, f := range b {
				fields = append(fields, mrkdwn("*"+escape(f.Label)+"*\n"+escape(f.Value)))
				line = append(line, "*"+escape(f.Label)+":* "+escape(f.Value))
			}
			blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
			text = append(text, strings.Join(line, " · "))
		case converse.Divider:
			flush()
			blocks = append(blocks, slack.NewDividerBlock())
		case converse.Note:
			flush()
			l := mrkdwnSpans(b)
			blocks = append(blocks, slack.NewContextBlock("", mrkdwn(l)))
			text = append(text, l)
		case converse.Buttons:
			flush()
			var buttons []slack.BlockElement
			for _, btn := range b {
				el := slack.NewButtonBlockElement(btn.Action, btn.Value, slack.NewTextBlockObject(slack.PlainTextType, btn.Label, false, false))
				if btn.Primary {
					el = el.WithStyle(slack.StylePrimary)
				}
				buttons = append(buttons, el)
			}
			blocks = append(blocks, slack.NewActionBlock("", buttons...))
		case converse.Table:
			flush()
			blocks = append(blocks, tableBlock(b))
		case converse.Chart:
			flush()
			if ch := chartBlock(b); ch != nil {
				blocks = append(blocks, ch)
			}
		}
	}
	flush()
	return slack.Msg{Text: strings.Join(text, "\n"), Blocks: slack.Blocks{BlockSet: blocks}}
}

// mrkdwnSpans writes spans as Slack mrkdwn, their text escaped.
func mrkdwnSpans(spans []converse.Span) string {
	var sb strings.Builder
	for _, s := range spans {
		switch s.Kind {
		case converse.Bold:
			sb.WriteString("*" + escape(s.Text) + "*")
		case converse.Italic:
			sb.WriteString("_" + escape(s.Text) + "_")
		case converse.Code:
			sb.WriteString("`" + escape(s.Text) + "`")
		case converse.Link:
			sb.WriteString("<" + s.URL + "|" + escape(s.Text) + ">")
		case converse.User, converse.Mention:
			if p, ok := armistice.UserPlatform(s.Text); s.Name != "" && (!ok || p != armistice.Slack) {
				sb.WriteString(escape(s.Name))
			} else {
				sb.WriteString(mention(s.Text))
			}
		case converse.Channel:
			sb.WriteString(channelLink(s.Text))
		default:
			sb.WriteString(escape(s.Text))
		}
	}
	return sb.String()
}

// tableBlock draws a table as Slack's table block, the columns after the
// first as numbers.
func tableBlock(t converse.Table) slack.Block {
	tb := slack.NewTableBlock("")
	header := make([]slack.TableCell, len(t.Header))
	for i, h := range t.Header {
		header[i] = slack.NewTableRawTextCell(h)
	}
	tb.AddRow(header...)
	for _, r := range t.Rows {
		cells := make([]slack.TableCell, len(r))
		for i, c := range r {
			if i == 0 {
				cells[i] = slack.NewTableRawTextCell(c.Text)
			} else {
				cells[i] = slack.NewTableRawNumberCell(c.Value).WithText(c.Text)
			}
		}
		tb.AddRow(cells...)
	}
	return tb
}

// chartBlock draws a chart as Slack's data visualization block, or nil when
// it passes Slack's limits: the text beside it carries the same numbers.
func chartBlock(c converse.Chart) slack.Block {
	axis := slack.NewDataVisualizationAxisConfig(c.Labels...)
	if c.YTitle != "" {
		axis = axis.WithYLabel(c.YTitle)
	}
	series := make([]slack.DataVisualizationDataSeries, len(c.Series))
	for i, s := range c.Series {
		points := make([]slack.DataVisualizationDataPoint, len(s.Values))
		for j, v := range s.Values {
			points[j] = slack.NewDataVisualizationDataPoint(c.Labels[j], v)
		}
		series[i] = slack.NewDataVisualizationDataSeries(s.Name, points...)
	}
	var chart slack.DataVisualizationChart = slack.NewDataVisualizationBarChart(axis, series...)
	if c.Line {
		chart = slack.NewDataVisualizationLineChart(axis, series...)
	}
	b := slack.NewDataVisualizationBlock(c.Title, chart)
	if b.Validate() != nil {
		return nil
	}
	return b
}
