package sandbox

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Slack's table block and data_visualization block (bar, line, area and pie
// charts), drawn as an HTML table and an inline SVG.

// table renders a table block: rows of raw_text or rich_text cells, the
// first row as the header, aligned as column_settings say.
func (r *renderer) table(b obj) string {
	var align []string
	for _, cs := range list(b, "column_settings") {
		a := ""
		if m, ok := cs.(obj); ok {
			switch str(m, "align") {
			case "center", "right":
				a = str(m, "align")
			}
		}
		align = append(align, a)
	}
	cell := func(tag string, i int, c any) string {
		style := ""
		if i < len(align) && align[i] != "" {
			style = ` style="text-align:` + align[i] + `"`
		}
		var inner string
		switch v := c.(type) {
		case string:
			inner = esc(v)
		case obj:
			switch str(v, "type") {
			case "rich_text":
				inner = r.richText(v)
			case "raw_number":
				inner = esc(str(v, "value"))
			default:
				inner = esc(str(v, "text"))
			}
		}
		return `<` + tag + style + `>` + inner + `</` + tag + `>`
	}
	var sb strings.Builder
	sb.WriteString(`<div class="bk-table-wrap"><table class="bk-table">`)
	for i, row := range list(b, "rows") {
		cells, _ := row.([]any)
		tag := "td"
		if i == 0 {
			tag = "th"
			sb.WriteString(`<thead>`)
		} else if i == 1 {
			sb.WriteString(`<tbody>`)
		}
		sb.WriteString(`<tr>`)
		for j, c := range cells {
			sb.WriteString(cell(tag, j, c))
		}
		sb.WriteString(`</tr>`)
		if i == 0 {
			sb.WriteString(`</thead>`)
		}
	}
	if len(list(b, "rows")) > 1 {
		sb.WriteString(`</tbody>`)
	}
	sb.WriteString(`</table></div>`)
	return sb.String()
}

var chartColors = []string{"#1264a3", "#e8912d", "#2eb67d", "#e01e5a", "#8a63d2", "#36c5f0"}

type series struct {
	name   string
	values map[string]float64
}

// chart renders a data_visualization block.
func (r *renderer) chart(b obj) string {
	c := sub(b, "chart")
	title := str(b, "title")
	var body string
	switch str(c, "type") {
	case "pie":
		body = pieChart(c)
	case "bar", "line", "area":
		body = xyChart(c)
	default:
		body = `<div class="unsupported">This ` + esc(str(c, "type")) + ` chart is not shown in the sandbox.</div>`
	}
	return `<figure class="bk-chart"><figcaption>` + esc(title) + `</figcaption>` + body + `</figure>`
}

// fmtNum writes a chart value for people: 12,500 or 3.5.
func fmtNum(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	var s string
	if v == math.Trunc(v) {
		s = strconv.FormatFloat(v, 'f', 0, 64)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
	} else if v >= 100 {
		s = strconv.FormatFloat(v, 'f', 0, 64)
	} else {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	}
	if neg {
		return "−" + s
	}
	return s
}

// niceScale picks an axis range and a step that read well.
func niceScale(lo, hi float64) (min, max, step float64) {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

func xyChart(c obj) string {
	kind := str(c, "type")
	axis := sub(c, "axis_config")
	var cats []string
	for _, v := range list(axis, "categories") {
		if s, ok := v.(string); ok {
			cats = append(cats, s)
		}
	}
	var ss []series
	seen := map[string]bool{}
	for _, c := range cats {
		seen[c] = true
	}
	lo, hi := 0.0, 0.0
	for _, so := range objs(list(c, "series")) {
		s := series{name: str(so, "name"), values: map[string]float64{}}
		for _, p := range objs(list(so, "data")) {
			label := str(p, "label")
			v, ok := number(p["value"])
			if !ok {
				continue
			}
			if !seen[label] {
				seen[label] = true
				cats = append(cats, label)
			}
			s.values[label] = v
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		ss = append(ss, s)
	}
	if len(cats) == 0 || len(ss) == 0 {
		return `<div class="unsupported">This chart has no data.</div>`
	}
	const w, h = 560.0, 240.0
	const left, right, top, bottom = 56.0, 12.0, 12.0, 52.0
	pw, ph := w-left-right, h-top-bottom
	min, max, step := niceScale(lo, hi)
	y := func(v float64) float64 { return top + ph - (v-min)/(max-min)*ph }
	band := pw / float64(len(cats))
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart-svg" viewBox="0 0 %g %g" role="img" aria-label="%s chart">`, w, h, esc(kind))
	for v := min; v <= max+step/2; v += step {
		fmt.Fprintf(&sb, `<line class="grid" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/>`, left, w-right, y(v), y(v))
		fmt.Fprintf(&sb, `<text class="tick" x="%g" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`, left-6, y(v), esc(fmtNum(v)))
	}
	labelEvery := 1 + len(cats)/12
	for i, cat := range cats {
		if i%labelEvery != 0 {
			continue
		}
		sb.WriteString(axisLabel(left+band*(float64(i)+0.5), top+ph+15, cat, int(band*float64(labelEvery)/6.4)))
	}
	if xl := str(axis, "x_label"); xl != "" {
		fmt.Fprintf(&sb, `<text class="axis-label" x="%g" y="%g" text-anchor="middle">%s</text>`, left+pw/2, h-4, esc(xl))
	}
	if yl := str(axis, "y_label"); yl != "" {
		fmt.Fprintf(&sb, `<text class="axis-label" transform="translate(12 %g) rotate(-90)" text-anchor="middle">%s</text>`, top+ph/2, esc(yl))
	}
	switch kind {
	case "bar":
		inner := band * 0.76 / float64(len(ss))
		for si, s := range ss {
			color := chartColors[si%len(chartColors)]
			for i, cat := range cats {
				v, ok := s.values[cat]
				if !ok {
					continue
				}
				x := left + band*float64(i) + band*0.12 + inner*float64(si)
				y0, y1 := y(math.Max(v, 0)), y(math.Min(v, 0))
				fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" fill="%s"><title>%s</title></rect>`,
					x, y0, math.Max(inner-2, 1), math.Max(y1-y0, 0.5), color, esc(s.name+" · "+cat+": "+fmtNum(v)))
			}
		}
	default:
		for si, s := range ss {
			color := chartColors[si%len(chartColors)]
			var pts []string
			for i, cat := range cats {
				if v, ok := s.values[cat]; ok {
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", left+band*(float64(i)+0.5), y(v)))
				}
			}
			if len(pts) == 0 {
				continue
			}
			if kind == "area" {
				first, _, _ := strings.Cut(pts[0], ",")
				last, _, _ := strings.Cut(pts[len(pts)-1], ",")
				fmt.Fprintf(&sb, `<polygon points="%s,%.1f %s %s,%.1f" fill="%s" fill-opacity="0.18"/>`, first, y(math.Max(min, 0)), strings.Join(pts, " "), last, y(math.Max(min, 0)), color)
			}
			fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round"/>`, strings.Join(pts, " "), color)
			for i, cat := range cats {
				if v, ok := s.values[cat]; ok {
					fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s</title></circle>`, left+band*(float64(i)+0.5), y(v), color, esc(s.name+" · "+cat+": "+fmtNum(v)))
				}
			}
		}
	}
	fmt.Fprintf(&sb, `<line class="axis" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/>`, left, w-right, y(math.Max(min, 0)), y(math.Max(min, 0)))
	sb.WriteString(`</svg>`)
	if len(ss) > 1 || ss[0].name != "" {
		sb.WriteString(`<div class="legend">`)
		for si, s := range ss {
			sb.WriteString(`<span><i style="background:` + chartColors[si%len(chartColors)] + `"></i>` + esc(s.name) + `</span>`)
		}
		sb.WriteString(`</div>`)
	}
	return sb.String()
}

func pieChart(c obj) string {
	type seg struct {
		label string
		v     float64
	}
	var segs []seg
	total := 0.0
	for _, s := range objs(list(c, "segments")) {
		if v, ok := number(s["value"]); ok && v > 0 {
			segs = append(segs, seg{str(s, "label"), v})
			total += v
		}
	}
	if total == 0 {
		return `<div class="unsupported">This chart has no data.</div>`
	}
	var sb strings.Builder
	sb.WriteString(`<div class="pie"><svg class="chart-svg pie-svg" viewBox="0 0 200 200" role="img" aria-label="pie chart">`)
	angle := -math.Pi / 2
	for i, s := range segs {
		color := chartColors[i%len(chartColors)]
		frac := s.v / total
		tip := esc(fmt.Sprintf("%s: %s (%.0f%%)", s.label, fmtNum(s.v), frac*100))
		if frac >= 0.9999 {
			fmt.Fprintf(&sb, `<circle cx="100" cy="100" r="90" fill="%s"><title>%s</title></circle>`, color, tip)
			break
		}
		end := angle + frac*2*math.Pi
		large := 0
		if frac > 0.5 {
			large = 1
		}
		fmt.Fprintf(&sb, `<path d="M100,100 L%.2f,%.2f A90,90 0 %d 1 %.2f,%.2f Z" fill="%s" stroke="#fff" stroke-width="1.5"><title>%s</title></path>`,
			100+90*math.Cos(angle), 100+90*math.Sin(angle), large, 100+90*math.Cos(end), 100+90*math.Sin(end), color, tip)
		angle = end
	}
	sb.WriteString(`</svg><div class="legend vertical">`)
	for i, s := range segs {
		sb.WriteString(fmt.Sprintf(`<span><i style="background:%s"></i>%s <b>%s</b> <small>%.0f%%</small></span>`, chartColors[i%len(chartColors)], esc(s.label), esc(fmtNum(s.v)), s.v/total*100))
	}
	sb.WriteString(`</div></div>`)
	return sb.String()
}

// axisLabel writes a category under the x axis in at most two lines of
// about n characters.
func axisLabel(x, y float64, label string, n int) string {
	lines := []string{label}
	if len([]rune(label)) > n {
		if first, rest, ok := strings.Cut(label, " "); ok {
			lines = []string{first, rest}
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">`, x, y)
	for i, l := range lines {
		dy := "0"
		if i > 0 {
			dy = "1.15em"
		}
		fmt.Fprintf(&sb, `<tspan x="%.1f" dy="%s">%s</tspan>`, x, dy, esc(shorten(l, n)))
	}
	sb.WriteString(`</text>`)
	return sb.String()
}

// shorten cuts a label to n runes.
func shorten(s string, n int) string {
	r := []rune(s)
	if n < 3 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
