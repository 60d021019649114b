package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

const sales = "C0SALES001"

func TestEveryLeadGetsOneCardThrough429And500(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales"})

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
