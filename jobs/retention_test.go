package jobs_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

func TestRetentionErasesOnlyLeadsOlderThanTheWindow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	emu := slackemu.New(slackemu.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: sales, Name: "sales", Members: []string{emu.Config().BotUserID}})
	// The bot only calls the Web API here: it need not connect.
	b := bot.New(bot.Config{BotToken: emu.Config().BotToken, AppToken: emu.Config().AppToken, APIURL: srv.URL + "/api/", ChannelRate: 100, ChannelBurst: 10})

	var clock atomic.Value
	now := func() time.Time { return clock.Load().(time.Time) }
	db.SetClock(now)
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Now: now, Settings: handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours}})
	b.SetService(svc)

	// Two leads, 31 and 29 days old when the job runs; the window is 30 days.
	today := time.Now()
	ids := map[string]int64{}
	for _, l := range []struct {
		id  string
		age time.Duration
	}{{"old", 31 * 24 * time.Hour}, {"new", 29 * 24 * time.Hour}} {
		clock.Store(today.Add(-l.age))
		got, err := svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: l.id, Email: l.id + "@example.com", Name: "Person " + l.id, Phone: "+34 600 000 00" + l.id[:1], Company: "Acme", Region: "EMEA"}}, handlers.TakeOptions{Actor: "test", Quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		ids[l.id] = got[0].ID
		if err := svc.AnnounceLead(ctx, got[0].ID, false); err != nil {
			t.Fatal(err)
		}
	}
	clock.Store(today)

	// The daily job runs when a replica becomes the leader.
	if n := len(jobs.RetentionSchedule(0)); n != 0 {
		t.Errorf("retention off gives %d periodic jobs", n)
	}
	runner, err := jobs.NewRunner(db.Pool(), jobs.Config{Workers: jobs.NewWorkers(svc, jobs.CRMConfig{}), Periodic: jobs.RetentionSchedule(30 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })

	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := emu.Await(wait, func() bool {
		msgs := emu.Messages(sales)
		return len(msgs) == 2 && strings.Contains(string(msgs[0].Blocks), "erased")
	}); err != nil {
		t.Fatalf("the old lead's card was never redrawn as erased: %v", err)
	}
	old, err := db.Lead(ctx, ids["old"])
	if err != nil {
		t.Fatal(err)
	}
	if old.ErasedAt == nil || old.Email != "" || old.Name != "" || old.Phone != "" || old.Company != "Acme" || old.Region != "EMEA" {
		t.Errorf("old lead after retention: %+v; want its personal data gone and the rest kept", old)
	}
	if card := string(emu.Messages(sales)[0].Blocks); strings.Contains(card, "Person old") || strings.Contains(card, "old@example.com") {
		t.Errorf("the old card still shows personal data: %s", card)
	}
	young, err := db.Lead(ctx, ids["new"])
	if err != nil {
		t.Fatal(err)
	}
	if young.ErasedAt != nil || young.Email != "new@example.com" || young.Name != "Person new" {
		t.Errorf("a lead inside the window was touched: %+v", young)
	}
	if card := string(emu.Messages(sales)[1].Blocks); !strings.Contains(card, "Person new") || emu.Messages(sales)[1].Edited {
		t.Errorf("the new lead's card changed: %s", card)
	}
	// The old lead's SLA jobs run too (its window is long past), so the
	// erasure is not always its last event.
	events, _ := db.LeadEvents(ctx, ids["old"])
	var erased []armistice.Event
	for _, e := range events {
		if e.Kind == armistice.EventErased {
			erased = append(erased, e)
		}
	}
	if len(erased) != 1 || erased[0].Actor != "retention" || erased[0].Data["why"] != "retention" {
		t.Errorf("the erasure's events = %+v, want one by retention", erased)
	}
}

func TestRetentionJobErasesLeadsOlderThanItsWindowAndSchedulesTheirRedrawing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newWorkRig(t, false)
	old := r.lead(t, "old", 31*24*time.Hour)
	young := r.lead(t, "young", 29*24*time.Hour)
	worker := jobs.NewRetentionWorker(r.svc)
	driver := riverpgxv5.New(r.db.Pool())

	// A zero window (retention off) erases nothing.
	if res, err := work(t, r.db, worker, jobs.RetentionArgs{}); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("with no window the job ended %s (%v), want completed", res.EventKind, err)
	}
	rivertest.RequireNotInserted(ctx, t, driver, jobs.RedrawErasedArgs{}, nil)

	res, err := work(t, r.db, worker, jobs.RetentionArgs{WindowSeconds: int64(30 * 24 * time.Hour / time.Second)})
	if err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("the job ended %s (%v), want completed", res.EventKind, err)
	}
	for id, erased := range map[int64]bool{old: true, young: false} {
		lead, err := r.db.Lead(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if (lead.ErasedAt != nil) != erased || (lead.Email == "") != erased || lead.Company != "Acme" {
			t.Errorf("lead %s: erased at %v, email %q, company %q; want erased %v, the company kept", lead.ExternalID, lead.ErasedAt, lead.Email, lead.Company, erased)
		}
	}
	// The messages that showed the erased lead are redrawn by a job of its
	// own, scheduled with the erasure.
	redraw := rivertest.RequireInserted(ctx, t, driver, jobs.RedrawErasedArgs{}, &rivertest.RequireInsertedOpts{MaxAttempts: 20})
	if redraw.Args.LeadID != old {
		t.Errorf("lead %d is to be redrawn, want the old one, %d", redraw.Args.LeadID, old)
	}
}
