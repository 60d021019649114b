package hubspot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultBaseURL is HubSpot's API.
const DefaultBaseURL = "https://api.hubapi.com"

// Config is what a Client is built from.
type Config struct {
	Token   string       // a private app's access token
	BaseURL string       // "": DefaultBaseURL
	HTTP    *http.Client // nil: a client with a 15 s timeout
	// PerTenSeconds is how many calls the client makes at most in 10
	// seconds; zero means 100, the lowest private app burst limit.
	PerTenSeconds int
	Now           func() time.Time // nil: time.Now
}

// Client calls HubSpot's CRM API. It is safe for concurrent use.
type Client struct {
	token  string
	base   string
	http   *http.Client
	now    func() time.Time
	burst  *rate.Limiter // every call
	search *rate.Limiter // the search endpoints, under their 5 a second per account

	mu         sync.Mutex
	pausedTill time.Time // after a 429: no call before
	pause      *RateLimitError
	currency   string // the account's, once read (account.go)
}

// New builds a Client; nil when no token is given, so that without one
// nothing calls HubSpot.
func New(cfg Config) *Client {
	if cfg.Token == "" {
		return nil
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.PerTenSeconds <= 0 {
		cfg.PerTenSeconds = 100
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Client{
		token: cfg.Token, base: strings.TrimSuffix(cfg.BaseURL, "/"), http: cfg.HTTP, now: cfg.Now,
		burst:  rate.NewLimiter(rate.Limit(float64(cfg.PerTenSeconds)/10), 10),
		search: rate.NewLimiter(4, 1),
	}
}

// errorBody is HubSpot's error answer.
type errorBody struct {
	Message    string `json:"message"`
	Category   string `json:"category"`
	PolicyName string `json:"policyName"`
}

// call makes one request: in is sent as JSON when not nil, a success's
// body is decoded into out when not nil.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, in, out any) error {
	name := method + " " + path
	if err := c.paused(); err != nil {
		return err
	}
	if err := c.burst.Wait(ctx); err != nil {
		return fmt.Errorf("hubspot %s: %w", name, err)
	}
	if strings.HasSuffix(path, "/search") {
		if err := c.search.Wait(ctx); err != nil {
			return fmt.Errorf("hubspot %s: %w", name, err)
		}
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("hubspot %s: %w", name, err)
		}
		body = bytes.NewReader(b)
	}
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return fmt.Errorf("hubspot %s: %w", name, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Armistice")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// The query may hold an email address: name the call by its path.
		return fmt.Errorf("hubspot %s: %w", name, unwrapURLError(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return fmt.Errorf("hubspot %s: reading the answer: %w", name, err)
	}
	if resp.StatusCode/100 == 2 {
		if out == nil || len(raw) == 0 {
			return nil
		}
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("hubspot %s: reading the answer: %w", name, err)
		}
		return nil
	}
	var eb errorBody
	_ = json.Unmarshal(raw, &eb)
	if resp.StatusCode == http.StatusTooManyRequests {
		return c.limited(resp.Header, eb)
	}
	return &APIError{Status: resp.StatusCode, Message: eb.Message, Category: eb.Category, Call: name}
}

// unwrapURLError drops the URL that net/http puts in its errors.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// paused answers a call made while a rate limit lasts.
func (c *Client) paused() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if left := c.pausedTill.Sub(c.now()); left > 0 {
		e := *c.pause
		e.After = left
		return &e
	}
	return nil
}

// dailyPause is how long the client waits after the daily limit is
// reached: the day ends at midnight in the account's time zone, which the
// client does not know, so it tries again each hour.
const dailyPause = time.Hour

// maxPause bounds any wait HubSpot asks for: a longer one (or one that would
// overflow) waits a day, HubSpot's longest window, and is asked again.
const maxPause = 24 * time.Hour

// limited reads a 429: how long to wait, from Retry-After when HubSpot
// sends it, else the daily or the rolling window's headers, and pauses
// every call of this client for that long.
func (c *Client) limited(h http.Header, eb errorBody) error {
	e := &RateLimitError{Policy: eb.PolicyName, Message: eb.Message, After: 10 * time.Second}
	switch secs, err := strconv.Atoi(h.Get("Retry-After")); {
	case err == nil && secs > 0:
		e.After = time.Duration(min(secs, int(maxPause/time.Second))) * time.Second
	case eb.PolicyName == "DAILY" || h.Get("X-HubSpot-RateLimit-Daily-Remaining") == "0":
		e.After = dailyPause
		if e.Policy == "" {
			e.Policy = "DAILY"
		}
	default:
		if ms, err := strconv.Atoi(h.Get("X-HubSpot-RateLimit-Interval-Milliseconds")); err == nil && ms > 0 {
			e.After = time.Duration(min(ms, int(maxPause/time.Millisecond))) * time.Millisecond
		}
	}
	c.mu.Lock()
	c.pausedTill, c.pause = c.now().Add(e.After), e
	c.mu.Unlock()
	return e
}
