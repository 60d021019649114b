package sandbox

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/storage/storagetest"
)

// eventually polls cond until it holds or 10 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("not within 10 s: %s", what)
		}
	}
}

func TestTrickleHandsOverMQLsWhileAPageIsOpenThenStops(t *testing.T) {
	ctx := context.Background()
	p := newTestPage(t)
	db := storagetest.DB(t)
	bh, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	p.page.cfg.Service = handlers.New(handlers.Config{
		DB: db, Jobs: liveJobs(t, db), Chat: directoryChat{s: p.page},
		Settings: handlers.Settings{SalesChannel: DefaultWorkspace.Sales.ID, MarketingChannel: DefaultWorkspace.Marketing.ID, SLA: 4 * time.Hour, BusinessHours: bh, Location: time.UTC},
	})
	p.page.cfg.DB = db
	p.page.cfg.TrickleEvery = [2]time.Duration{5 * time.Millisecond, 10 * time.Millisecond}
	p.page.cfg.TrickleFor = 50 * time.Millisecond
	p.page.setDemo(demoStatus{State: demoLoaded})

	streamCtx, closePage := context.WithCancel(ctx)
	req, _ := http.NewRequestWithContext(streamCtx, http.MethodGet, p.url+"/sandbox/events?user="+Rosa, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	pending := func() int64 {
		n, _, err := db.Pending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	eventually(t, "three MQLs trickle in while the page is open", func() bool { return pending() >= 3 })

	closePage()
	eventually(t, "the trickle stops once no page has been open for a while", func() bool {
		p.page.mu.Lock()
		defer p.page.mu.Unlock()
		return !p.page.trickles
	})
	// The trickle's goroutine has ended: nothing more comes.
}
