package bot

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// maxBriefSections bounds the personas the weekly summary shows a brief of,
// within Slack's 50 blocks a message; `persona SLUG` shows any of them.
const maxBriefSections = 15

// briefBlocks is the weekly summary's AI section: the week's brief of each
// persona and, in the marketing channel, why sales rejected leads; nothing
// without them. Model output is escaped like any outside text, so it can
// mention, link or ping no one.
func briefBlocks(d handlers.Digest) []slack.Block {
	var blocks []slack.Block
	models := map[string]bool{}
	if len(d.Briefs) > 0 {
		blocks = append(blocks, slack.NewDividerBlock(),
			slack.NewSectionBlock(mrkdwn("*AI brief: what last week taught both teams about each persona*"), nil, nil))
		for i, b := range d.Briefs {
			if i == maxBriefSections {
				blocks = append(blocks, slack.NewSectionBlock(mrkdwn(fmt.Sprintf("_And %d more personas: `persona SLUG` shows each brief._", len(d.Briefs)-i)), nil, nil))
				break
			}
			text := fmt.Sprintf("*%s* (`%s`, from %s)\n%s", escape(b.Name), escape(b.Persona), briefCount(b.Insights, "insight"), bulletText(b.Body))
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(armistice.Truncate(text, 2900)), nil, nil))
			models[b.Model] = true
		}
	}
	if r := d.RejectionBrief; r != nil {
		if len(blocks) == 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		text := fmt.Sprintf("*AI summary: why sales rejected leads last week* (from %s)\n%s", briefCount(r.Rejections, "rejection"), bulletText(r.Body))
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(armistice.Truncate(text, 2900)), nil, nil))
		models[r.Model] = true
	}
	if len(blocks) == 0 {
		return nil
	}
	var names []string
	for m := range models {
		names = append(names, escape(m))
	}
	note := "Written by a language model"
	if len(names) == 1 {
		note += " (" + armistice.Truncate(names[0], 60) + ")"
	}
	note += " from what the teams wrote; check before acting on it."
	return append(blocks, slack.NewContextBlock("ai_note", mrkdwn(note)))
}

// bulletText writes stored model output, one bullet a line, escaped.
func bulletText(body string) string {
	var sb strings.Builder
	for l := range strings.SplitSeq(body, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if sb.Len() > 0 {
				sb.WriteString("\n")
			}
			sb.WriteString("• " + escape(l))
		}
	}
	return sb.String()
}

func briefCount(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
