package bot

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/handlers/converse"
)

// sectionLimit is what a section's text may hold, under Slack's 3,000.
const sectionLimit = 2900

// ReplyMessage draws a reply as Block Kit, with the text fallback that
// notifications show: runs of paragraphs and lists as mrkdwn sections
// (split where they would pass a section's limit), a heading as a header,
// a note as a context block, buttons as an actions block. Text in the
// reply is escaped here.
func ReplyMessage(r converse.Reply) slack.Msg {
	var blocks []slack.Block
	var text, run []string
	flush := func() {
		var chunk []string
		size := 0
		for _, l := range run {
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
			blocks = append(blocks, slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, string(b), false, false)))
			text = append(text, "*"+escape(string(b))+"*")
		case converse.Paragraph:
			l := mrkdwnSpans(b)
			run, text = append(run, l), append(text, l)
		case converse.List:
			for _, item := range b {
				l := "• " + mrkdwnSpans(item)
				run, text = append(run, l), append(text, l)
			}
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
		case converse.User:
			sb.WriteString(mention(s.Text))
		case converse.Channel:
			sb.WriteString(channelLink(s.Text))
		default:
			sb.WriteString(escape(s.Text))
		}
	}
	return sb.String()
}
