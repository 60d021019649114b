package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/handlers/converse"
)

func sampleDigest() chat.Digest {
	mqls, _ := armistice.LookupMetric("mqls")
	rate, _ := armistice.LookupMetric("acceptance_rate")
	revenue, _ := armistice.LookupMetric("revenue")
	var trend []armistice.DayCount
	start := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	for i := range 14 {
		trend = append(trend, armistice.DayCount{Day: start.AddDate(0, 0, i), MQLs: int64(10 + i), Accepted: int64(i / 2)})
	}
	return chat.Digest{
		Kind: chat.DigestDaily, Period: "2026-11-23", Title: "Daily digest for Sunday 22 November",
		Counts:  armistice.Counts{MQLs: 12, Decided: 9, Accepted: 6},
		Reasons: []armistice.ReasonCount{{Reason: "<!channel> no budget", Count: 2}, {Reason: "not ready", Count: 1}},
		Pending: 7, Overdue: 2,
		Goals: chat.GoalsReport{Month: armistice.Month{Year: 2026, Month: 11}, WorkingDays: 21, DaysElapsed: 15, Progress: []armistice.Progress{
			armistice.NewProgress(mqls, 120, 210, true, 21, 15),
			armistice.NewProgress(rate, 60, 50, true, 21, 15),
			armistice.NewProgress(revenue, 12000, 0, false, 21, 15),
		}},
		Reps:  []armistice.RepCount{{User: "U0REP00001", Decided: 9, Accepted: 6, MedianDecision: 75 * time.Minute}},
		Trend: trend,
		Insights: []armistice.Insight{
			{Persona: "cfo", Team: "sales", Body: "Budgets freeze in December"},
			{Persona: "cfo", Team: "marketing", Body: "<@U0REP00001> ROI first"},
		},
		Zone: time.UTC,
	}
}

func TestDigestBlocksAreValidChartsTablesAndText(t *testing.T) {
	blocks, fallback := digestBlocks(sampleDigest())
	if fallback != "Daily digest for Sunday 22 November: 12 MQLs, 6 accepted, 3 rejected; 7 awaiting a decision, 2 overdue." {
		t.Errorf("fallback = %q", fallback)
	}
	var charts, tables int
	for _, b := range blocks {
		switch v := b.(type) {
		case *slack.DataVisualizationBlock:
			charts++
			if err := v.Validate(); err != nil {
				t.Errorf("chart %q: %v", v.Title, err)
			}
		case *slack.TableBlock:
			tables++
			if len(v.Rows) != 3 { // a header and the two metrics with goals
				t.Errorf("goals table has %d rows", len(v.Rows))
			}
		}
	}
	if charts != 2 || tables != 1 {
		t.Errorf("%d charts and %d tables, want 2 and 1", charts, tables)
	}
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, want := range []string{`"type":"data_visualization"`, `"type":"table"`, `\u0026lt;!channel\u0026gt; no budget`, "behind pace: 150 expected by now, 15 a working day needed", "Marketing commits to", "Both teams share", "New persona insights", "_sales_: Budgets freeze in December", `\u0026lt;@U0REP00001\u0026gt; ROI first`} {
		if !strings.Contains(text, want) {
			t.Errorf("the digest lacks %s", want)
		}
	}
	if strings.Contains(text, "<!channel>") {
		t.Error("a rejection reason pings the channel")
	}
}

func TestChartLabelsFitSlacksLimit(t *testing.T) {
	d := sampleDigest()
	d.Goals.Progress[0].Label = "A label much longer than twenty characters"
	c, _ := converse.GoalsChart(d.Goals)
	if ch := chartBlock(c); ch == nil {
		t.Fatal("no chart")
	} else if err := ch.(*slack.DataVisualizationBlock).Validate(); err != nil {
		t.Errorf("chart: %v", err)
	}
}
