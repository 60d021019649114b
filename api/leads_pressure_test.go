package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

func TestIntakeAnswersBusyNotUnavailableWhenEveryConnectionIsInUse(t *testing.T) {
	t.Parallel()
	u, err := url.Parse(storagetest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("pool_max_conns", "1")
	u.RawQuery = q.Encode()
	db, err := storage.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	db.SetPoolWait(50 * time.Millisecond)
	reg := prometheus.NewRegistry()
	tb := setup(t, db, secret, func(c *api.Config) { c.Gatherer, c.Registerer = reg, reg })

	held, err := db.Pool().Acquire(context.Background()) // the pool's only connection
	if err != nil {
		t.Fatal(err)
	}
	release := sync.OnceFunc(held.Release)
	t.Cleanup(release) // runs before the server closes, should the request hang

	// The sender's patience.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	status, out, h := tb.postWithin(t, ctx, `{"external_id":"busy-1","email":"b@example.com"}`)
	release()
	msg := fmt.Sprint(out["error"])
	if status != http.StatusServiceUnavailable || h.Get("Retry-After") != "1" || !strings.Contains(msg, "busy") || strings.Contains(msg, "unavailable") {
		t.Errorf("saturated pool: %d %q (Retry-After %q), want 503 saying the service is busy, Retry-After 1", status, msg, h.Get("Retry-After"))
	}
	if got := scrape(t, tb, `armistice_api_retry_later_total{reason="busy"}`); got != "1" {
		t.Errorf("busy answers counted %q, want 1", got)
	}
	if status, out, _ := tb.postWithin(t, ctx, `{"external_id":"busy-1","email":"b@example.com"}`); status != http.StatusCreated {
		t.Errorf("with the connection free again: %d %v, want 201", status, out)
	}
}

func TestIntakeSenderThatWentAwayIsNotAnError(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tb := setup(t, storagetest.DB(t), secret, func(c *api.Config) { c.Logger = logger })

	body := `{"external_id":"gone-1","email":"g@example.com"}`
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the sender closed its connection: net/http cancels the request's context
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/v1/leads", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderTimestamp, fmt.Sprint(tb.now.Unix()))
	req.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), tb.now, []byte(body)))
	tb.srv.Config.Handler.ServeHTTP(httptest.NewRecorder(), req)

	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a sender that went away was logged as an error:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "went away") {
		t.Errorf("the log does not say the sender went away:\n%s", logs)
	}
	if n := count(t, tb.db, `SELECT count(*) FROM leads`); n != 0 {
		t.Errorf("%d leads stored for a sender that went away before the write", n)
	}
}

// postWithin sends a signed lead, giving up when ctx ends.
func (tb *testBundle) postWithin(t *testing.T, ctx context.Context, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, tb.srv.URL+"/api/v1/leads", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderTimestamp, fmt.Sprint(tb.now.Unix()))
	req.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), tb.now, []byte(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out, resp.Header
}

// scrape returns the value of one series on /metrics ("" when absent).
func scrape(t *testing.T, tb *testBundle, series string) string {
	t.Helper()
	resp, err := http.Get(tb.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for line := range strings.Lines(string(b)) {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), series+" "); ok {
			return value
		}
	}
	return ""
}

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
