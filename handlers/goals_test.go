package handlers_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
)

const (
	admin   = "U0ADMIN001"
	manager = "U0MGR00001"
)

// clock is a settable time for a test.
type clock struct{ v atomic.Value }

func newClock(t time.Time) *clock { c := &clock{}; c.v.Store(t); return c }
func (c *clock) now() time.Time   { return c.v.Load().(time.Time) }
func (c *clock) set(t time.Time)  { c.v.Store(t) }

// november seeds November 2026 in UTC: 120 MQLs over the first days, ten of
// them decided (six accepted, four rejected: three "no budget", one "not
// ready"), two opportunities, one won for 12,000 and 1,000 visits a day on
// the 2nd to the 6th. Its clock then stands at Monday 23 November, 14:00.
func november(t *testing.T) (*testBundle, *clock) {
	t.Helper()
	c := newClock(time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC))
	tb := setup(t, func(cfg *handlers.Config) {
		cfg.Now = c.now
		cfg.Settings.Admins = []string{admin}
		cfg.Settings.SalesManagers = []string{manager}
		cfg.Settings.Location = time.UTC
		cfg.Settings.DigestSchedule = "0 9 * * 1-5"
		cfg.Settings.DigestChannels = []string{sales}
	})
	ctx := context.Background()
	var leads []armistice.Lead
	for i := range 120 {
		leads = append(leads, armistice.Lead{ExternalID: fmt.Sprintf("nov-%03d", i), Email: fmt.Sprintf("l%d@example.com", i)})
	}
	got, err := tb.svc.TakeLeads(ctx, leads, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c.set(time.Date(2026, 11, 2, 11, 0, 0, 0, time.UTC)) // an hour after the hand-over
	for i, r := range got[:10] {
		d := armistice.Decision{Verdict: armistice.StatusAccepted, By: manager}
		if i >= 6 {
			d = armistice.Decision{Verdict: armistice.StatusRejected, By: manager, Reason: "no budget"}
			if i == 9 {
				d.Reason = "not ready"
			}
		}
		if _, err := tb.svc.Decide(ctx, r.ID, d); err != nil {
			t.Fatal(err)
		}
	}
	amount := 12000.0
	for _, st := range []struct {
		id string
		u  armistice.StageUpdate
	}{
		{"nov-000", armistice.StageUpdate{Stage: armistice.StatusOpportunity}},
		{"nov-001", armistice.StageUpdate{Stage: armistice.StatusOpportunity}},
		{"nov-001", armistice.StageUpdate{Stage: armistice.StatusWon, Amount: &amount, Currency: "EUR"}},
	} {
		if _, err := tb.svc.SetStage(ctx, st.id, st.u, "crm"); err != nil {
			t.Fatal(err)
		}
	}
	days := map[time.Time]int64{}
	for d := 2; d <= 6; d++ {
		days[time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC)] = 1000
	}
	if err := tb.svc.SetVisits(ctx, days); err != nil {
		t.Fatal(err)
	}
	c.set(time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC))
	return tb, c
}

func TestGoalsShowActualAndPaceOnAKnownMonth(t *testing.T) {
	t.Parallel()
	tb, _ := november(t)
	ctx := context.Background()
	if _, _, _, err := tb.svc.SetGoal(ctx, "U0REP00001", "mqls", "210", ""); armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Errorf("a rep set a goal: %v", err)
	}
	if _, _, _, err := tb.svc.SetGoal(ctx, admin, "leads", "210", ""); armistice.ErrorMessage(err) != `"leads" is not a metric; use one of visits, mqls, acceptance_rate, accepted, sla_met_rate, opportunities, won, revenue.` {
		t.Errorf("unknown metric: %v", armistice.ErrorMessage(err))
	}
	if _, _, _, err := tb.svc.SetGoal(ctx, admin, "acceptance_rate", "140%", ""); armistice.ErrorCode(err) != armistice.EINVALID {
		t.Errorf("a rate over 100%%: %v", err)
	}
	for _, g := range [][2]string{{"mqls", "210"}, {"acceptance_rate", "50%"}, {"revenue", "60k"}, {"visits", "21,000"}} {
		if _, _, _, err := tb.svc.SetGoal(ctx, admin, g[0], g[1], "2026-11"); err != nil {
			t.Fatal(err)
		}
	}
	r, err := tb.svc.Goals(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// November 2026 has 21 working days; by Monday 23rd 14:00, 15 are over.
	if r.WorkingDays != 21 || r.DaysElapsed != 15 {
		t.Fatalf("working days %d/%d, want 15/21", r.DaysElapsed, r.WorkingDays)
	}
	got := map[armistice.Metric]armistice.Progress{}
	for _, p := range r.Progress {
		got[p.Metric] = p
	}
	// MQLs: 120 of 210; 150 expected (210×15/21); 15 a day needed for the 6 days left.
	if p := got[armistice.MetricMQLs]; p.Actual != 120 || p.Expected != 150 || p.PerDayNeeded != 15 || p.OnPace {
		t.Errorf("mqls = %+v", p)
	}
	// Acceptance: 6 of 10 decided = 60% against 50%: on target.
	if p := got[armistice.MetricAcceptanceRate]; p.Actual != 60 || !p.OnPace {
		t.Errorf("acceptance = %+v", p)
	}
	// Visits 5,000 of 21,000 (15,000 expected); revenue 12,000 of 60,000.
	if p := got[armistice.MetricVisits]; p.Actual != 5000 || p.Expected != 15000 || p.PerDayNeeded != 16000.0/6 {
		t.Errorf("visits = %+v", p)
	}
	if p := got[armistice.MetricRevenue]; p.Actual != 12000 || p.Percent != 20 {
		t.Errorf("revenue = %+v", p)
	}
	if p := got[armistice.MetricOpportunities]; p.Actual != 2 || p.HasGoal {
		t.Errorf("opportunities = %+v", p)
	}
	// All ten were decided an hour after the hand-over, inside the SLA.
	if p := got[armistice.MetricSLAMetRate]; p.Actual != 100 {
		t.Errorf("sla met = %+v", p)
	}
}

func TestStatsOnAKnownMonth(t *testing.T) {
	t.Parallel()
	tb, _ := november(t)
	r, err := tb.svc.Stats(context.Background(), "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	c := r.Counts
	if c.MQLs != 120 || c.Decided != 10 || c.Accepted != 6 || c.Opportunities != 2 || c.Won != 1 || c.Revenue != 12000 || c.Visits != 5000 {
		t.Errorf("counts = %+v", c)
	}
	if c.MedianDecision != time.Hour || c.P90Decision != time.Hour {
		t.Errorf("time to decision: median %s p90 %s, want 1h", c.MedianDecision, c.P90Decision)
	}
	if fmt.Sprint(r.Reasons) != "[{no budget 3} {not ready 1}]" {
		t.Errorf("reasons = %v", r.Reasons)
	}
	if len(r.Reps) != 1 || r.Reps[0].User != manager || r.Reps[0].Decided != 10 || r.Reps[0].Accepted != 6 {
		t.Errorf("reps = %+v", r.Reps)
	}
	if _, err := tb.svc.Stats(context.Background(), "November"); armistice.ErrorCode(err) != armistice.EINVALID {
		t.Errorf("a bad month: %v", err)
	}
}

func TestPlanOnAnEmptyDatabaseSaysItUsedDefaults(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	p, err := tb.svc.Plan(context.Background(), 100000, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Defaulted) != 5 || p.Deals != 10 || p.Visits != 8350 {
		t.Errorf("plan = %+v", p)
	}
}

func TestDigestIsDueOnceItsTimeHasPassedTheSameDayOnly(t *testing.T) {
	t.Parallel()
	tb, c := november(t)
	ctx := context.Background()
	if _, err := tb.db.Pool().Exec(ctx, `UPDATE installation SET installed_at = '2026-10-01'`); err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, minute int) []handlers.DigestJob {
		due, err := tb.svc.DigestsDue(ctx, time.Date(2026, 11, day, hour, minute, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		return due
	}
	if due := at(24, 8, 59); len(due) != 0 {
		t.Errorf("before 09:00: %v", due)
	}
	if due := at(24, 9, 0); fmt.Sprint(due) != "[{daily 2026-11-24 C0SALES001}]" {
		t.Errorf("at 09:00: %v", due)
	}
	// Down all morning: still owed in the afternoon.
	if due := at(24, 16, 30); len(due) != 1 {
		t.Errorf("at 16:30: %v", due)
	}
	if err := tb.db.RecordDigest(ctx, "daily", "2026-11-24", sales, "1.0"); err != nil {
		t.Fatal(err)
	}
	if due := at(24, 17, 0); len(due) != 0 {
		t.Errorf("after posting: %v", due)
	}
	// Tuesday's is not owed on Wednesday; Wednesday's is.
	if due := at(25, 9, 5); fmt.Sprint(due) != "[{daily 2026-11-25 C0SALES001}]" {
		t.Errorf("on Wednesday: %v", due)
	}
	// Mondays add the weekly summary; the 1st working day the monthly review.
	if due := at(30, 9, 0); fmt.Sprint(due) != "[{daily 2026-11-30 C0SALES001} {weekly 2026-W48 C0SALES001}]" {
		t.Errorf("on Monday: %v", due)
	}
	c.set(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	if due := at(28, 10, 0); len(due) != 0 {
		t.Errorf("on a Saturday: %v", due)
	}
	dec := func() []handlers.DigestJob {
		due, _ := tb.svc.DigestsDue(ctx, time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
		return due
	}
	if due := dec(); fmt.Sprint(due) != "[{agreement 2026-12 C0SALES001} {daily 2026-12-01 C0SALES001} {monthly 2026-11 C0SALES001}]" {
		t.Errorf("on 1 December: %v", due)
	}
	// Installed after today's time: today's digest waits for tomorrow.
	if _, err := tb.db.Pool().Exec(ctx, `UPDATE installation SET installed_at = '2026-12-01 09:10+00'`); err != nil {
		t.Fatal(err)
	}
	if due := dec(); len(due) != 0 {
		t.Errorf("a first install after the scheduled time: %v", due)
	}
}

func TestDigestNumbersOnAKnownDay(t *testing.T) {
	t.Parallel()
	tb, _ := november(t)
	d, err := tb.svc.ComposeDigest(context.Background(), chat.DigestDaily, time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// The digest of Tuesday 3rd reports Monday 2nd: all 120 MQLs and the ten decisions.
	c := d.Counts
	if d.Period != "2026-11-03" || c.MQLs != 120 || c.Accepted != 6 || c.Decided != 10 || fmt.Sprint(d.Reasons) != "[{no budget 3} {not ready 1}]" {
		t.Errorf("digest = %+v", d)
	}
	if d.Pending != 110 || len(d.Trend) != 14 || d.Trend[13].MQLs != 120 || d.Trend[13].Accepted != 6 {
		t.Errorf("pending %d, trend %+v", d.Pending, d.Trend)
	}
}
