package hubspot_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/armistice/armistice/hubspot"
	"github.com/armistice/armistice/hubspotemu"
)

// clock is a time that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func start(t *testing.T, token string) (*hubspot.Client, *hubspotemu.Server, *clock) {
	t.Helper()
	emu := hubspotemu.New(hubspotemu.Config{Token: "good-token", RateLimitInterval: 2500 * time.Millisecond})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	clk := &clock{now: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)}
	return hubspot.New(hubspot.Config{Token: token, BaseURL: srv.URL, Now: clk.Now}), emu, clk
}

func TestRateLimitPausesEveryCallForAsLongAsHubSpotSays(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		policy string
		wait   time.Duration
	}{
		{"", 2500 * time.Millisecond}, // the rolling window's X-HubSpot-RateLimit-Interval-Milliseconds
		{"DAILY", time.Hour},          // the day ends at midnight in the account's zone: try each hour
	} {
		c, emu, clk := start(t, "good-token")
		emu.AddOwner(hubspotemu.Owner{ID: "7", Email: "rosa@example.com"})
		emu.FailNext(hubspotemu.Fault{Status: http.StatusTooManyRequests, Policy: tc.policy})

		_, _, err := c.OwnerByEmail(ctx, "rosa@example.com")
		var limited *hubspot.RateLimitError
		if !errors.As(err, &limited) || limited.After != tc.wait {
			t.Fatalf("policy %q: err = %v, want a RateLimitError to wait %s", tc.policy, err, tc.wait)
		}
		clk.Add(tc.wait - time.Millisecond)
		if _, _, err := c.OwnerByEmail(ctx, "rosa@example.com"); !errors.As(err, &limited) || limited.After != time.Millisecond {
			t.Errorf("policy %q: a call before the wait is over = %v, want a RateLimitError for the 1ms left", tc.policy, err)
		}
		if n := len(emu.Requests()); n != 1 {
			t.Errorf("policy %q: HubSpot got %d calls, want 1: none while the limit lasts", tc.policy, n)
		}
		clk.Add(time.Millisecond)
		if o, found, err := c.OwnerByEmail(ctx, "rosa@example.com"); err != nil || !found || o.ID != "7" {
			t.Errorf("policy %q: after the wait = %+v %v %v, want owner 7", tc.policy, o, found, err)
		}
	}
}

func TestRefusalsAndServerErrorsAreTold(t *testing.T) {
	ctx := context.Background()
	c, _, _ := start(t, "wrong-token")
	_, err := c.Contact(ctx, "1")
	if e, refused := hubspot.Refused(err); !refused || e.Status != http.StatusUnauthorized || e.Category != "INVALID_AUTHENTICATION" {
		t.Errorf("a wrong token: %v, want a refusal (401)", err)
	}

	c, emu, _ := start(t, "good-token")
	_, err = c.Contact(ctx, "404404")
	if !hubspot.NotFound(err) {
		t.Errorf("a missing contact: %v, want not found", err)
	}
	emu.FailNext(hubspotemu.Fault{Status: http.StatusBadGateway})
	err = c.UpdateContact(ctx, "1", map[string]string{"hs_lead_status": "NEW"})
	if _, refused := hubspot.Refused(err); refused || err == nil {
		t.Errorf("a 502: %v, want an error to retry, not a refusal", err)
	}
	if hubspot.New(hubspot.Config{}) != nil {
		t.Error("a client without a token")
	}
}

// A wait longer than a day — or one that would overflow a duration — is a
// day: the client is asked again then instead of pausing for ever.
func TestAnEndlessRetryAfterPausesADay(t *testing.T) {
	ctx := context.Background()
	for _, header := range []string{"99999999999", "9223372036854775807"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", header)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","policyName":"TEN_SECONDLY_ROLLING"}`))
		}))
		c := hubspot.New(hubspot.Config{Token: "t", BaseURL: srv.URL})
		_, _, err := c.OwnerByEmail(ctx, "rosa@example.com")
		srv.Close()
		var limited *hubspot.RateLimitError
		if !errors.As(err, &limited) || limited.After != 24*time.Hour {
			t.Errorf("Retry-After %s: %v, want a RateLimitError to wait 24h", header, err)
		}
	}
}
