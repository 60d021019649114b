package jobs_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

const sales = "C0SALES001"

// announcing is a sales channel in the Slack emulator, the use cases over a
// fresh database, and a River runner not yet started.
func announcing(t *testing.T) (*storage.DB, *handlers.Service, *jobs.Runner, *slackemu.Server) {
	t.Helper()
	db := storagetest.DB(t)
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{"U0REP0001"}})
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours}})
	runner, err := jobs.NewRunner(db.Pool(), jobs.Config{Workers: jobs.NewWorkers(svc, jobs.CRMConfig{})})
	if err != nil {
		t.Fatal(err)
	}
	return db, svc, runner, emu
}

func TestEveryLeadGetsOneCardThrough429And500(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, svc, runner, emu := announcing(t)

	// Slack refuses the first two posts with 429, then fails two with 500.
	emu.SetFault("chat.postMessage", slackemu.Fault{Status: 429, RetryAfter: time.Second, Times: 2})
	leads := []armistice.Lead{{ExternalID: "r-1", Email: "a@example.com"}, {ExternalID: "r-2", Email: "b@example.com"}, {ExternalID: "r-3", Email: "c@example.com"}}
	if _, err := svc.TakeLeads(ctx, leads, handlers.TakeOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })

	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := emu.Await(wait, func() bool { return emu.Calls("chat.postMessage") >= 2 }); err != nil {
		t.Fatal(err)
	}
	emu.SetFault("chat.postMessage", slackemu.Fault{Status: 500, Times: 2})
	if err := emu.Await(wait, func() bool { return len(emu.Messages(sales)) >= 3 }); err != nil {
		t.Fatalf("cards: %d of 3: %v", len(emu.Messages(sales)), err)
	}
	// Let any straggling retry run before counting.
	var recorded int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM lead_cards`).Scan(&recorded); err != nil {
			t.Fatal(err)
		}
		if recorded == 3 {
			break
		}
	}
	seen := map[float64]int{}
	for _, m := range emu.Messages(sales) {
		seen[m.Metadata.EventPayload["lead_id"].(float64)]++
	}
	if len(emu.Messages(sales)) != 3 || len(seen) != 3 || recorded != 3 {
		t.Errorf("%d cards for %d leads (%v), %d recorded; want one each", len(emu.Messages(sales)), len(seen), seen, recorded)
	}
	t.Logf("chat.postMessage calls: %d (2 refused with 429, 2 failed with 500)", emu.Calls("chat.postMessage"))
}

// A batch of leads for a channel without a pool is announced by one job
// that drains the channel, not one job per lead; a lead for a channel with
// a pool keeps a job of its own, which assigns it ahead of its card. Every
// lead gets one card, in the order the leads arrived.
func TestABatchForAChannelWithoutAPoolIsAnnouncedByOneJob(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, svc, runner, emu := announcing(t)
	jobsOf := func() map[string]int {
		t.Helper()
		n := map[string]int{}
		rows, err := db.Pool().Query(ctx, `SELECT kind, count(*) FROM river_job WHERE kind LIKE 'announce%' GROUP BY kind`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var kind string
			var c int
			if err := rows.Scan(&kind, &c); err != nil {
				t.Fatal(err)
			}
			n[kind] = c
		}
		return n
	}
	var batch []armistice.Lead
	for i := range 40 {
		batch = append(batch, armistice.Lead{ExternalID: fmt.Sprintf("b-%02d", i), Email: fmt.Sprintf("lead%02d@example.com", i), Name: "Lead", Company: "Acme"})
	}
	if _, err := svc.TakeLeads(ctx, batch, handlers.TakeOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	if got := jobsOf(); got["announce_channel"] != 1 || got["announce"] != 0 {
		t.Fatalf("jobs for 40 leads without a pool: %v; want one announce_channel", got)
	}

	now := time.Now()
	today := storage.Today{Day: armistice.DateOf(now), DayStart: now.Truncate(24 * time.Hour), MonthStart: now.AddDate(0, 0, 1-now.Day()), Month: now.Format("2006-01")}
	if err := db.AddPoolRep(ctx, sales, "U0REP0001", 1, 0, "U0ADMIN01", today); err != nil {
		t.Fatal(err)
	}
	pooled := []armistice.Lead{{ExternalID: "p-1", Email: "p1@example.com"}, {ExternalID: "p-2", Email: "p2@example.com"}}
	received, err := svc.TakeLeads(ctx, pooled, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if got := jobsOf(); got["announce_channel"] != 1 || got["announce"] != 2 {
		t.Fatalf("jobs after 2 leads for a pool: %v; want one announce each", got)
	}

	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := emu.Await(wait, func() bool { return len(emu.Messages(sales)) >= 42 }); err != nil {
		t.Fatalf("cards: %d of 42: %v", len(emu.Messages(sales)), err)
	}
	var order []float64
	for _, m := range emu.Messages(sales) {
		order = append(order, m.Metadata.EventPayload["lead_id"].(float64))
	}
	if len(order) != 42 || !slices.IsSorted(order) || len(slices.Compact(slices.Clone(order))) != 42 {
		t.Errorf("cards for lead IDs %v; want 42, one per lead, in the order the leads arrived", order)
	}
	for _, r := range received {
		lead, err := db.Lead(ctx, r.ID)
		if err != nil || lead.Assignee != "U0REP0001" {
			t.Errorf("pooled lead %s: assignee %q, %v; want U0REP0001", r.ExternalID, lead.Assignee, err)
		}
	}
}
