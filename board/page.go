package board

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/converse"
)

// view is what the page and its fragment show.
type view struct {
	Nonce, Version string
	TV             bool
	Month, Updated string
	DaysElapsed    int
	WorkingDays    int
	Teams          []teamView
	Funnel         []tile
	Pending        string
	Overdue        string
	Decision       string // median and p90 time to decision
	Unsigned       string // the month's agreement awaits signatures: whose
	Progress       *barChart
	Trend          *lineChart
	Reasons        []armistice.ReasonCount
}

// teamView is one team's commitments.
type teamView struct {
	Title string
	Goals []goalView
}

// goalView is one metric against its goal, worded as `goals` words it.
type goalView struct {
	Label, Actual string
	Of, Pace      string // " of 1,200 (40%)" and "on pace (…)", from Standing
	Class         string // made, on, behind, none
	Bar           float64
}

// tile is one figure of the funnel.
type tile struct {
	Label, Value, Note string
}

// teams are the goals' groups, in the order `goals` shows them.
var teams = []struct {
	team  armistice.Team
	title string
}{{armistice.TeamMarketing, "Marketing commits to"}, {armistice.TeamSales, "Sales commits to"}, {armistice.TeamBoth, "Both teams share"}}

// newView arranges a report for the page.
func newView(r handlers.BoardReport, version string, tv bool) view {
	g, c := r.Goals, r.Stats.Counts
	v := view{
		Version: version, TV: tv,
		Month: g.Month.Start(r.Zone).Format("January 2006"), Updated: r.At.Format("Mon 2 Jan, 15:04 MST"),
		DaysElapsed: g.DaysElapsed, WorkingDays: g.WorkingDays,
		Pending: armistice.FormatNumber(float64(r.Pending)), Overdue: armistice.FormatNumber(float64(r.Overdue)),
		Decision: fmt.Sprintf("median %s, p90 %s", armistice.FormatBusinessTime(c.MedianDecision), armistice.FormatBusinessTime(c.P90Decision)),
		Progress: progressChart(g.Progress), Trend: trendChart(r.Trend), Reasons: r.Stats.Reasons,
	}
	if g.Unsigned != nil {
		v.Unsigned = converse.UnsignedLine(*g.Unsigned)
	}
	for _, t := range teams {
		tv := teamView{Title: t.title}
		for _, p := range g.Progress {
			if p.Team == t.team {
				tv.Goals = append(tv.Goals, newGoalView(p))
			}
		}
		v.Teams = append(v.Teams, tv)
	}
	n := func(x int64) string { return armistice.FormatNumber(float64(x)) }
	v.Funnel = []tile{
		{"MQLs", n(c.MQLs), ""},
		{"Decided", n(c.Decided), ""},
		{"Accepted", n(c.Accepted), armistice.FormatPercent(c.Accepted, c.Decided) + " of decided"},
		{"SLA met", n(c.SLAMet), armistice.FormatPercent(c.SLAMet, c.Decided) + " of decided"},
		{"Opportunities", n(c.Opportunities), armistice.FormatPercent(c.Opportunities, c.Accepted) + " of accepted"},
		{"Won", n(c.Won), armistice.FormatPercent(c.Won, c.Opportunities) + " of opportunities"},
		{"Revenue", armistice.FormatNumber(c.Revenue), ""},
	}
	return v
}

func newGoalView(p armistice.Progress) goalView {
	of, pace, _ := strings.Cut(p.Standing(), " — ")
	gv := goalView{Label: p.Label, Actual: armistice.FormatMetric(p.MetricInfo, p.Actual), Of: of, Pace: pace, Class: standing(p)}
	if p.HasGoal {
		gv.Bar = round1(min(p.Percent, 100))
	}
	return gv
}

// standing classes a goal for its colour: made, on (pace), behind, none.
func standing(p armistice.Progress) string {
	switch {
	case !p.HasGoal:
		return "none"
	case !p.Rate && p.Actual >= p.Target:
		return "made"
	case p.OnPace:
		return "on"
	}
	return "behind"
}

// report reads the figures at their current version, once per version
// however many screens ask.
func (s *Server) report(ctx context.Context) (handlers.BoardReport, string, error) {
	version, err := s.cfg.Source.BoardVersion(ctx)
	if err != nil {
		return handlers.BoardReport{}, "", err
	}
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.cache.version == version {
		return s.cache.report, version, nil
	}
	r, err := s.cfg.Source.Board(ctx)
	if err != nil {
		return r, "", err
	}
	s.cache.version, s.cache.report = version, r
	return r, version, nil
}

// servePage serves the whole page.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, "page.html")
}

// serveFragment serves the page's figures alone, which its script swaps in
// when they change; X-Board-Version says which version they are.
func (s *Server) serveFragment(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, "fragment")
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, name string) {
	rep, version, err := s.report(r.Context())
	if err != nil {
		s.cfg.Logger.Warn("board: reading the figures", "err", err)
		w.Header().Set("Retry-After", "10")
		http.Error(w, "The board's figures cannot be read right now; it tries again by itself.", http.StatusServiceUnavailable)
		return
	}
	v := newView(rep, version, r.URL.Query().Get("tv") == "1")
	v.Nonce = nonceOf(r)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Board-Version", version)
	s.render(w, name, v)
}
