package converse

import (
	"fmt"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// maxChartPoints bounds a chart's points, within both platforms' limits.
const maxChartPoints = 20

// GoalsTable is the month's goals as a table: metric (and its team),
// actual, goal and % reached, one row a goal; ok is false without goals.
func GoalsTable(r chat.GoalsReport) (t Table, ok bool) {
	t.Header = []string{"Metric", "Actual", "Goal", "%"}
	for _, p := range r.Progress {
		if p.HasGoal {
			t.Rows = append(t.Rows, []Cell{
				{Text: fmt.Sprintf("%s (%s)", p.Label, p.Team)},
				{Text: armistice.FormatMetric(p.MetricInfo, p.Actual), Value: armistice.Round1(p.Actual)},
				{Text: armistice.FormatMetric(p.MetricInfo, p.Target), Value: armistice.Round1(p.Target)},
				{Text: fmt.Sprintf("%.0f%%", p.Percent), Value: armistice.Round1(p.Percent)},
			})
		}
	}
	return t, len(t.Rows) > 0
}

// GoalsChart is a bar chart of each goal's progress in %; ok is false
// without goals.
func GoalsChart(r chat.GoalsReport) (c Chart, ok bool) {
	c = Chart{Title: "Progress against goals", XTitle: "Goal", YTitle: "% of goal", Series: []Series{{Name: "Progress"}}}
	for _, p := range r.Progress {
		if p.HasGoal && len(c.Labels) < maxChartPoints {
			c.Labels = append(c.Labels, armistice.Truncate(p.Label, 20))
			c.Series[0].Values = append(c.Series[0].Values, armistice.Round1(p.Percent))
		}
	}
	return c, len(c.Labels) > 0
}

// TrendChart is a line chart of the last days' MQLs and acceptances; ok is
// false without days.
func TrendChart(days []armistice.DayCount) (c Chart, ok bool) {
	if len(days) > maxChartPoints {
		days = days[len(days)-maxChartPoints:]
	}
	c = Chart{Line: true, Title: fmt.Sprintf("MQLs and acceptances, last %d days", len(days)), Series: []Series{{Name: "MQLs"}, {Name: "Accepted"}}}
	for _, d := range days {
		c.Labels = append(c.Labels, d.Day.Format("Mon 2 Jan"))
		c.Series[0].Values = append(c.Series[0].Values, float64(d.MQLs))
		c.Series[1].Values = append(c.Series[1].Values, float64(d.Accepted))
	}
	return c, len(days) > 0
}
