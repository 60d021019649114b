package board

import (
	"fmt"
	"math"
	"strings"

	"github.com/armistice/armistice"
)

// The charts are drawn here as coordinates for the page's inline SVG
// (templates/charts.html): no script and nothing loaded to draw them.

// barChart is each goal's progress in % of its target, as horizontal bars.
type barChart struct {
	Width, Height float64
	LabelWidth    float64 // the labels' column
	Goal          float64 // x of the 100% line
	Bars          []bar
	Summary       string // for screen readers
}

type bar struct {
	Label, Value, Title string
	Y, TextY, Width     float64
	ValueX              float64
	Class               string // made, on, behind
}

const (
	barRow   = 34.0
	barLabel = 190.0
	barWidth = 640.0
)

// progressChart draws the goals that are set; nil without any.
func progressChart(goals []armistice.Progress) *barChart {
	scale := 100.0
	for _, p := range goals {
		if p.HasGoal {
			scale = math.Max(scale, math.Min(p.Percent, 200))
		}
	}
	area := barWidth - barLabel - 60
	c := &barChart{Width: barWidth, LabelWidth: barLabel, Goal: round1(barLabel + area*100/scale)}
	var sum []string
	for _, p := range goals {
		if !p.HasGoal {
			continue
		}
		y := 8 + float64(len(c.Bars))*barRow
		w := round1(area * math.Min(p.Percent, scale) / scale)
		value := fmt.Sprintf("%.0f%%", p.Percent)
		c.Bars = append(c.Bars, bar{
			Label: armistice.Truncate(p.Label, 24), Value: value, Y: y, TextY: y + 17, Width: w, ValueX: barLabel + w + 6,
			Title: fmt.Sprintf("%s: %s of %s (%s)", p.Label, armistice.FormatMetric(p.MetricInfo, p.Actual), armistice.FormatMetric(p.MetricInfo, p.Target), value),
			Class: standing(p),
		})
		sum = append(sum, fmt.Sprintf("%s %s", p.Label, value))
	}
	if len(c.Bars) == 0 {
		return nil
	}
	c.Height = 16 + float64(len(c.Bars))*barRow
	c.Summary = "Progress against the goals, in % of each: " + strings.Join(sum, ", ") + "."
	return c
}

// lineChart is the daily MQLs and acceptances, as the digest's trend.
type lineChart struct {
	Width, Height             float64
	Left, Right, Top, Bottom  float64
	MQLs, Accepted            string // polyline points
	Points                    []point
	Grid                      []tick
	Days                      []tick
	Summary, First, Last, Max string
}

type point struct {
	X, YMQLs, YAccepted float64
	Title               string
}

type tick struct {
	Pos   float64
	Label string
}

const (
	lineWidth  = 640.0
	lineHeight = 260.0
)

// trendChart draws days of MQLs and acceptances; nil without days.
func trendChart(days []armistice.DayCount) *lineChart {
	if len(days) == 0 {
		return nil
	}
	c := &lineChart{Width: lineWidth, Height: lineHeight, Left: 44, Right: lineWidth - 30, Top: 12, Bottom: lineHeight - 30}
	top := int64(1)
	for _, d := range days {
		top = max(top, d.MQLs, d.Accepted)
	}
	yMax := niceCeil(top)
	y := func(v int64) float64 { return round1(c.Bottom - (c.Bottom-c.Top)*float64(v)/float64(yMax)) }
	step := (c.Right - c.Left) / math.Max(1, float64(len(days)-1))
	var mqls, accepted []string
	var sumM, sumA []string
	every := 1 + len(days)/8 // a label on every day fits up to 8
	for i, d := range days {
		x := round1(c.Left + step*float64(i))
		if len(days) == 1 {
			x = round1((c.Left + c.Right) / 2)
		}
		p := point{X: x, YMQLs: y(d.MQLs), YAccepted: y(d.Accepted),
			Title: fmt.Sprintf("%s: %d MQLs, %d accepted", d.Day.Format("Mon 2 Jan"), d.MQLs, d.Accepted)}
		c.Points = append(c.Points, p)
		mqls = append(mqls, fmt.Sprintf("%g,%g", p.X, p.YMQLs))
		accepted = append(accepted, fmt.Sprintf("%g,%g", p.X, p.YAccepted))
		sumM = append(sumM, fmt.Sprint(d.MQLs))
		sumA = append(sumA, fmt.Sprint(d.Accepted))
		if (len(days)-1-i)%every == 0 {
			c.Days = append(c.Days, tick{Pos: x, Label: d.Day.Format("2 Jan")})
		}
	}
	c.MQLs, c.Accepted = strings.Join(mqls, " "), strings.Join(accepted, " ")
	for _, v := range []int64{0, yMax / 2, yMax} {
		c.Grid = append(c.Grid, tick{Pos: y(v), Label: armistice.FormatNumber(float64(v))})
	}
	c.First, c.Last = days[0].Day.Format("2 Jan"), days[len(days)-1].Day.Format("2 Jan")
	c.Summary = fmt.Sprintf("MQLs a day from %s to %s: %s. Accepted a day: %s.", c.First, c.Last, strings.Join(sumM, ", "), strings.Join(sumA, ", "))
	return c
}

// niceCeil rounds a chart's top up to 2, 4, 6, 8 or 10 times a power of ten,
// so that its half is a whole number too.
func niceCeil(v int64) int64 {
	for mag := int64(1); ; mag *= 10 {
		for _, m := range []int64{2, 4, 6, 8, 10} {
			if m*mag >= v {
				return m * mag
			}
		}
	}
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
