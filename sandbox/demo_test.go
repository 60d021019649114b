package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// liveJobs is the job queue of a test's live service: River's, with no
// runner working it.
func liveJobs(t *testing.T, db *storage.DB) handlers.Enqueuer {
	t.Helper()
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	return enq
}

func TestDemoHistoryIsWrittenBackdatedThroughTheUseCasesOnce(t *testing.T) {
	ctx := context.Background()
	p := newTestPage(t)
	db := storagetest.DB(t)
	bh, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	now := time.Date(2026, 11, 23, 14, 30, 0, 0, time.UTC)
	live := handlers.New(handlers.Config{
		DB: db, Jobs: liveJobs(t, db), Chat: directoryChat{s: p.page}, Now: func() time.Time { return now },
		Settings: handlers.Settings{
			SalesChannel: DefaultWorkspace.Sales.ID, MarketingChannel: DefaultWorkspace.Marketing.ID,
			Admins: DefaultWorkspace.Admins(), SLA: 4 * time.Hour, BusinessHours: bh, Location: time.UTC,
		},
	})
	p.page.cfg.Service, p.page.cfg.DB, p.page.cfg.Now = live, db, func() time.Time { return now }

	load := func() *loader {
		l := p.page.newLoader()
		for _, step := range []func(*loader, context.Context) error{(*loader).history, (*loader).goals, (*loader).insights} {
			if err := step(l, ctx); err != nil {
				t.Fatal(err)
			}
		}
		return l
	}
	first := load()
	if first.stored < 60 || first.decided != first.stored || first.won == 0 || first.example == "" {
		t.Fatalf("loaded %d leads, %d decided, %d won, example %q", first.stored, first.decided, first.won, first.example)
	}
	if again := load(); again.stored != 0 {
		t.Errorf("loading again stored %d more leads", again.stored)
	}

	// The history is backdated: the example lead was handed over, decided
	// and won on days of the past month, each by its actor.
	lead, events, err := live.LeadHistory(ctx, DefaultWorkspace.Admins()[0], first.example)
	if err != nil {
		t.Fatal(err)
	}
	if lead.Status != armistice.StatusWon || len(events) < 4 {
		t.Fatalf("lead %s is %s with %d events", first.example, lead.Status, len(events))
	}
	for _, e := range events {
		if !e.At.Before(now) || e.At.Before(now.AddDate(0, 0, -historyDays-31)) {
			t.Errorf("event %s at %s", e.Kind, e.At)
		}
	}
	if events[0].Actor != "demo" || (events[1].Actor != Rosa && events[1].Actor != Sam) || events[len(events)-1].Actor != "crm" {
		t.Errorf("actors: %+v", events)
	}

	// This month has goals, and progress against them.
	report, err := live.Goals(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	withGoal, withActual := 0, 0
	for _, pr := range report.Progress {
		if pr.HasGoal {
			withGoal++
		}
		if pr.Actual > 0 {
			withActual++
		}
	}
	if withGoal != len(demoGoals) || withActual < 5 {
		t.Errorf("%d goals set, %d metrics with actuals: %+v", withGoal, withActual, report.Progress)
	}

	// The personas are described and have insights in both languages.
	_, insights, err := live.Persona(ctx, "cfo")
	if err != nil {
		t.Fatal(err)
	}
	if len(insights) != 3 {
		t.Errorf("%d insights about cfo", len(insights))
	}
}

func TestDemoSignsLastMonthsAgreementAndProposesThisOnes(t *testing.T) {
	ctx := context.Background()
	p := newTestPage(t)
	db := storagetest.DB(t)
	bh, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	now := time.Date(2026, 11, 23, 14, 30, 0, 0, time.UTC)
	live := handlers.New(handlers.Config{
		DB: db, Jobs: liveJobs(t, db), Chat: directoryChat{s: p.page}, Now: func() time.Time { return now },
		Settings: handlers.Settings{
			SalesChannel: DefaultWorkspace.Sales.ID, MarketingChannel: DefaultWorkspace.Marketing.ID,
			Admins: DefaultWorkspace.Admins(), SLA: 4 * time.Hour, BusinessHours: bh, Location: time.UTC,
		},
	})
	p.page.cfg.Service, p.page.cfg.DB, p.page.cfg.Now = live, db, func() time.Time { return now }
	if err := p.page.newLoader().agreement(ctx); err != nil {
		t.Fatal(err)
	}
	_, october, err := live.Agreement(ctx, "2026-10")
	if err != nil || len(october) != 1 || !october[0].Signed() || october[0].Marketing.At.Month() != time.October {
		t.Errorf("last month's agreement: %+v %v", october, err)
	}
	_, november, err := live.Agreement(ctx, "2026-11")
	if err != nil || len(november) != 1 || november[0].Marketing.By != "" || november[0].Sales.By != "" {
		t.Errorf("this month's proposal: %+v %v", november, err)
	}
}

func TestDemoPutsBothRepsInTheSalesChannelsPoolOnce(t *testing.T) {
	ctx := context.Background()
	p := newTestPage(t)
	db := storagetest.DB(t)
	now := time.Date(2026, 11, 23, 14, 30, 0, 0, time.UTC)
	live := handlers.New(handlers.Config{
		DB: db, Jobs: liveJobs(t, db), Chat: directoryChat{s: p.page}, Now: func() time.Time { return now },
		Settings: handlers.Settings{SalesChannel: DefaultWorkspace.Sales.ID, MarketingChannel: DefaultWorkspace.Marketing.ID, SLA: 4 * time.Hour, Location: time.UTC},
	})
	p.page.cfg.Service, p.page.cfg.DB, p.page.cfg.Now = live, db, func() time.Time { return now }
	for range 2 {
		if err := p.page.newLoader().pool(ctx); err != nil {
			t.Fatal(err)
		}
	}
	pool, err := live.PoolShow(ctx, Rosa, "")
	if err != nil || len(pool.Reps) != 2 || pool.Reps[0].User != Rosa || pool.Reps[1].User != Sam || pool.Reps[0].Weight != 1 {
		t.Errorf("the sales channel's pool = %+v (%v), want Rosa and Sam", pool, err)
	}
}
