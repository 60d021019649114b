package jobs_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

// quickRetry retries a failed job after 100 ms, so the test waits for the
// receiver, not for River's backoff.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(100 * time.Millisecond)
}

type delivery struct {
	key, signature, timestamp string
	body                      []byte
}

func TestCRMGetsEveryEventOnceItIsUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	secret := []byte("crm-secret-0123456789")
	var mu sync.Mutex
	var got []delivery
	crm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		got = append(got, delivery{r.Header.Get("Idempotency-Key"), r.Header.Get("X-Armistice-Signature"), r.Header.Get("X-Armistice-Timestamp"), body})
		if len(got) <= 2 {
			http.Error(w, "down for maintenance", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer crm.Close()

	db := storagetest.DB(t)
	const rep = "U0REP00001"
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{rep}})
	emu.AddUser(slackemu.User{ID: rep, Name: "rosa"})

	enq, err := jobs.NewEnqueuer(db.Pool(), true)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours}})
	b.SetService(svc)
	runner, err := jobs.NewRunner(db.Pool(), jobs.Config{Workers: jobs.NewWorkers(svc, jobs.CRMConfig{URL: crm.URL, Secret: secret}), RetryPolicy: quickRetry{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })

	received, err := svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: "crm-1", Email: "c@example.com"}}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := emu.Await(wait, func() bool { return len(emu.Messages(sales)) == 1 }); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, received[0].ID, armistice.Decision{Verdict: armistice.StatusAccepted, By: rep}); err != nil {
		t.Fatal(err)
	}

	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the CRM got %d deliveries, want 3 (two refused, one taken)", n)
		}
	}
	time.Sleep(300 * time.Millisecond) // a fourth delivery would come within this
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 3 {
		t.Errorf("%d deliveries, want 3: none after the CRM took it", len(got))
	}
	for i, d := range got {
		if d.key == "" || d.key != got[0].key {
			t.Errorf("delivery %d has idempotency key %q, want the stable %q", i, d.key, got[0].key)
		}
		secs, _ := strconv.ParseInt(d.timestamp, 10, 64)
		if want := armistice.Sign(secret, time.Unix(secs, 0), d.body); d.signature != want {
			t.Errorf("delivery %d: signature %q does not verify", i, d.signature)
		}
	}
	var event handlers.CRMEvent
	if err := json.Unmarshal(got[2].body, &event); err != nil {
		t.Fatal(err)
	}
	if event.Type != "lead.accepted" || event.Lead.ExternalID != "crm-1" || event.Lead.Owner != rep || event.Actor != rep {
		t.Errorf("event = %+v", event)
	}
}
