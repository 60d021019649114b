package sandbox

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// demoGoals are this month's targets the demo's admin sets: marketing's
// volume and quality, sales' follow-up and pipeline, and the shared result.
var demoGoals = []struct{ metric, target string }{
	{"visits", "42k"}, {"mqls", "120"}, {"acceptance_rate", "65%"},
	{"accepted", "80"}, {"sla_met_rate", "90%"}, {"opportunities", "30"},
	{"won", "12"}, {"revenue", "420k"},
}

// goals records the website's daily visits of the history and sets this
// month's goals, as the admin did on the first of the month.
func (l *loader) goals(ctx context.Context) error {
	loc := l.settings.Location
	today := midnight(l.now.In(loc))
	visits := map[time.Time]int64{}
	for d := historyDays; d >= 0; d-- {
		day := today.AddDate(0, 0, -d)
		rng := rand.New(rand.NewPCG(0x515175, uint64(day.Unix()/86400)))
		n := 1300 + rng.Int64N(900)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			n = 450 + rng.Int64N(300)
		}
		if d == 0 { // today so far
			n = n * int64(l.now.In(loc).Hour()+1) / 24
		}
		visits[day] = n
	}
	if err := l.hist.SetVisits(ctx, visits); err != nil {
		return fmt.Errorf("recording the website visits: %w", err)
	}
	admins := l.settings.Admins
	if len(admins) == 0 {
		return nil
	}
	l.clock.Set(time.Date(today.Year(), today.Month(), 1, 9, 5, 0, 0, loc))
	for _, g := range demoGoals {
		if _, _, _, err := l.hist.SetGoal(ctx, admins[0], g.metric, g.target, ""); err != nil {
			return fmt.Errorf("setting the goal for %s: %w", g.metric, err)
		}
	}
	return nil
}
