package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

func weeklyWithBriefs() chat.Digest {
	d := sampleDigest()
	d.Kind, d.Period, d.Title = chat.DigestWeekly, "2026-W47", "Weekly summary: 16 Nov to 22 Nov"
	week := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	d.Briefs = []armistice.PersonaBrief{{
		Persona: "cfo", Name: "Chief <b>Financial</b> Officer", Week: week, Insights: 3, Model: "gpt-4o-mini",
		Body: "Budgets freeze in December: <!channel> pitch in November\nROI first, ask <@U0REP00001> & <!here>\n<https://evil.example|click here>",
	}}
	d.RejectionBrief = &armistice.RejectionBrief{Week: week, Rejections: 4, Model: "gpt-4o-mini", Body: "Mostly no budget <!subteam^S123>"}
	return d
}

func renderedText(t *testing.T, blocks []slack.Block) string {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(string(raw))
}

func TestWeeklySummaryShowsTheAIBriefEscaped(t *testing.T) {
	blocks, _ := digestBlocks(weeklyWithBriefs())
	text := renderedText(t, blocks)
	for _, want := range []string{
		"*AI brief: what last week taught both teams about each persona*",
		"*Chief &lt;b&gt;Financial&lt;/b&gt; Officer* (`cfo`, from 3 insights)",
		"• Budgets freeze in December: &lt;!channel&gt; pitch in November",
		"• ROI first, ask &lt;@U0REP00001&gt; &amp; &lt;!here&gt;",
		"• &lt;https://evil.example|click here&gt;",
		"*AI summary: why sales rejected leads last week* (from 4 rejections)\n• Mostly no budget &lt;!subteam^S123&gt;",
		"Written by a language model (gpt-4o-mini)",
	} {
		if !strings.Contains(text, strings.ReplaceAll(want, "\n", `\n`)) {
			t.Errorf("the weekly summary lacks %q:\n%s", want, text)
		}
	}
	for _, ping := range []string{"<!channel>", "<!here>", "<@U0REP00001> &", "<!subteam", "<https://evil"} {
		if strings.Contains(text, ping) {
			t.Errorf("model output forms %q", ping)
		}
	}
	if len(blocks) > 50 {
		t.Errorf("%d blocks; Slack takes 50", len(blocks))
	}
}

func TestDigestWithoutBriefsHasNoAISection(t *testing.T) {
	d := weeklyWithBriefs()
	d.Briefs, d.RejectionBrief = nil, nil
	blocks, _ := digestBlocks(d)
	if text := renderedText(t, blocks); strings.Contains(text, "AI ") || strings.Contains(text, "language model") {
		t.Errorf("an AI section without briefs:\n%s", text)
	}
}

func TestManyBriefsStayWithinSlacksBlockLimit(t *testing.T) {
	d := weeklyWithBriefs()
	for range 40 {
		d.Briefs = append(d.Briefs, d.Briefs[0])
	}
	blocks, _ := digestBlocks(d)
	if len(blocks) > 50 {
		t.Errorf("%d blocks; Slack takes 50", len(blocks))
	}
	if text := renderedText(t, blocks); !strings.Contains(text, "And 26 more personas") {
		t.Errorf("the personas left out are not counted:\n%s", text)
	}
}
