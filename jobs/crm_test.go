package jobs_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
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
		if want := armistice.SignV2(secret, time.Unix(secs, 0), http.MethodPost, "/", d.body); d.signature != want {
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

// crmRig runs the jobs, with the CRM webhook as given and River's logs in
// logs, and sends the CRM the "received" event of a new lead.
type crmRig struct {
	db     *storage.DB
	events <-chan *river.Event // the CRM job's, as River reports them
	logs   *logSink
}

func startCRMJob(t *testing.T, crm jobs.CRMConfig) *crmRig {
	t.Helper()
	ctx := context.Background()
	db := storagetest.DB(t)
	b, _ := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales"})
	enq, err := jobs.NewEnqueuer(db.Pool(), true)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours}})
	b.SetService(svc)
	logs := &logSink{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	runner, err := jobs.NewRunner(db.Pool(), jobs.Config{Workers: jobs.NewWorkers(svc, crm), RetryPolicy: quickRetry{}, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	all, cancel := runner.Client().Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	t.Cleanup(cancel)
	events := make(chan *river.Event, 100)
	go func() {
		for e := range all {
			if e.Job.Kind == (jobs.CRMArgs{}).Kind() {
				events <- e
			}
		}
	}()
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })

	if _, err := svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: "crm-9", Email: "c@example.com"}}, handlers.TakeOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	var eventID int64
	if err := db.Pool().QueryRow(ctx, `SELECT id FROM lead_events WHERE kind = 'received'`).Scan(&eventID); err != nil {
		t.Fatal(err)
	}
	if _, err := runner.Client().Insert(ctx, jobs.CRMArgs{EventID: eventID}, nil); err != nil {
		t.Fatal(err)
	}
	return &crmRig{db: db, events: events, logs: logs}
}

// await waits for the CRM job's next River event of the given kind.
func (r *crmRig) await(t *testing.T, kind river.EventKind) *river.Event {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case e := <-r.events:
			if e.Kind == kind {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s event of the CRM job within 20 s\n%s", kind, r.logs)
		}
	}
}

func TestCRMWebhookErrorsKeepTheURLQueryOutOfLogsAndJobs(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer failing.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	for _, tc := range []struct{ name, base, stored string }{
		{"answers 500", failing.URL, "crm webhook answered 500"},
		{"unreachable", closed, `crm webhook: Post "` + closed + `/hook": dial tcp`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := startCRMJob(t, jobs.CRMConfig{URL: tc.base + "/hook?token=s3cr3t", Secret: []byte("crm-secret-0123456789")})
			r.await(t, river.EventKindJobFailed)
			r.await(t, river.EventKindJobFailed)
			var stored string
			if err := r.db.Pool().QueryRow(context.Background(), `SELECT string_agg(e->>'error', E'\n') FROM river_job, unnest(errors) e WHERE kind = 'crm_notify'`).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(stored, "s3cr3t") || !strings.Contains(stored, tc.stored) {
				t.Errorf("the job's stored errors, want %q without the token:\n%s", tc.stored, stored)
			}
			logs := r.logs.String()
			if strings.Contains(logs, "s3cr3t") || !strings.Contains(logs, "crm webhook") {
				t.Errorf("the logs, want the error without the token:\n%s", logs)
			}
		})
	}
}

func TestCRMWebhookSignsV2WithItsSecretOrV1WithTheIntakeSecret(t *testing.T) {
	secret := []byte("crm-secret-0123456789")
	for _, tc := range []struct {
		name   string
		signV1 bool
		want   func(ts time.Time, body []byte) string
	}{
		{"v2", false, func(ts time.Time, body []byte) string {
			return armistice.SignV2(secret, ts, http.MethodPost, "/hooks/armistice%2Fcrm", body)
		}},
		{"v1", true, func(ts time.Time, body []byte) string { return armistice.Sign(secret, ts, body) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := make(chan delivery, 1)
			crm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				got <- delivery{r.Header.Get("Idempotency-Key"), r.Header.Get("X-Armistice-Signature"), r.Header.Get("X-Armistice-Timestamp"), body}
			}))
			defer crm.Close()
			r := startCRMJob(t, jobs.CRMConfig{URL: crm.URL + "/hooks/armistice%2Fcrm?token=s3cr3t", Secret: secret, SignV1: tc.signV1})
			r.await(t, river.EventKindJobCompleted)
			d := <-got
			secs, _ := strconv.ParseInt(d.timestamp, 10, 64)
			if want := tc.want(time.Unix(secs, 0), d.body); d.signature != want {
				t.Errorf("signature %q, want %q", d.signature, want)
			}
		})
	}
}

func TestCRMJobPostsTheSignedEventAndHeedsTheReceiversAnswer(t *testing.T) {
	t.Parallel()
	secret := []byte("crm-secret-0123456789")
	now := time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		status     int
		retryAfter string
		ends       river.EventKind
		err        string // the job's error; "" for none
	}{
		{"taken", http.StatusAccepted, "", river.EventKindJobCompleted, ""},
		{"rate limited", http.StatusTooManyRequests, "30", river.EventKindJobSnoozed, ""},
		{"rate limited without a delay", http.StatusTooManyRequests, "", river.EventKindJobFailed, "crm webhook answered 429 Too Many Requests"},
		{"down", http.StatusServiceUnavailable, "", river.EventKindJobFailed, "crm webhook answered 503 Service Unavailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			type request struct {
				method, path string
				header       http.Header
				body         []byte
			}
			got := make(chan request, 1)
			crm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				got <- request{r.Method, r.URL.Path, r.Header.Clone(), body}
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.WriteHeader(tc.status)
			}))
			defer crm.Close()
			r := newWorkRig(t, true)
			leadID := r.lead(t, "crm-7", 0)
			var eventID int64
			if err := r.db.Pool().QueryRow(ctx, `SELECT id FROM lead_events WHERE lead_id = $1 AND kind = 'received'`, leadID).Scan(&eventID); err != nil {
				t.Fatal(err)
			}

			start := time.Now()
			worker := jobs.NewCRMWorker(r.svc, jobs.CRMConfig{URL: crm.URL + "/hooks/crm", Secret: secret, Client: crm.Client(), Now: func() time.Time { return now }})
			res, err := work(t, r.db, worker, jobs.CRMArgs{EventID: eventID})
			if res.EventKind != tc.ends || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
				t.Fatalf("the job ended %s with error %v, want %s with %q", res.EventKind, err, tc.ends, tc.err)
			}
			if at := res.Job.ScheduledAt.Sub(start); tc.ends == river.EventKindJobSnoozed && (at < 29*time.Second || at > 32*time.Second) {
				t.Errorf("the snoozed job comes back in %s, want the 30 s the receiver asked", at)
			}

			req := <-got
			wantKey := "armistice-event-" + strconv.FormatInt(eventID, 10)
			if req.method != http.MethodPost || req.path != "/hooks/crm" || req.header.Get("Content-Type") != "application/json" ||
				req.header.Get("Idempotency-Key") != wantKey || req.header.Get("X-Armistice-Timestamp") != strconv.FormatInt(now.Unix(), 10) {
				t.Errorf("%s %s with headers %v; want a JSON POST to /hooks/crm, keyed %s, stamped %d", req.method, req.path, req.header, wantKey, now.Unix())
			}
			if sig, want := req.header.Get("X-Armistice-Signature"), armistice.SignV2(secret, now, http.MethodPost, "/hooks/crm", req.body); sig != want {
				t.Errorf("signature %q, want %q", sig, want)
			}
			var event handlers.CRMEvent
			if err := json.Unmarshal(req.body, &event); err != nil {
				t.Fatal(err)
			}
			if event.ID != wantKey || event.Type != "lead.received" || event.Lead.ID != leadID || event.Lead.ExternalID != "crm-7" || event.Lead.Email != "crm-7@example.com" {
				t.Errorf("event = %+v, want lead crm-7's reception", event)
			}
		})
	}
}
