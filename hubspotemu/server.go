package hubspotemu

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Config is what a Server is made with.
type Config struct {
	Token string // the bearer token calls must carry; "" means "emu-token"
	// RateLimitInterval is the rolling window a 429 names in
	// X-HubSpot-RateLimit-Interval-Milliseconds; zero means 10 s, HubSpot's.
	RateLimitInterval time.Duration
	Currency          string           // the account's company currency; "" means USD
	Now               func() time.Time // stamps deals; nil: time.Now
}

// Request is one call the server received.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte
	Status int // what it was answered
}

// Fault is an answer forced on a call instead of its own.
type Fault struct {
	Status int    // 429 or a 5xx
	Policy string // for a 429: the body's policyName; "" means TEN_SECONDLY_ROLLING
	Path   string // the fault is for the next call to this path; "": the next call
}

// Server is the emulated HubSpot. Use it as an http.Handler.
type Server struct {
	cfg Config
	mux *http.ServeMux

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	requests []Request
	faults   []Fault
	owners   []Owner
	contacts map[string]map[string]string
	notes    []Note
	deals    map[string]*deal
	nextID   int
	lastMod  time.Time
}

// New makes a server.
func New(cfg Config) *Server {
	if cfg.Token == "" {
		cfg.Token = "emu-token"
	}
	if cfg.RateLimitInterval == 0 {
		cfg.RateLimitInterval = 10 * time.Second
	}
	if cfg.Currency == "" {
		cfg.Currency = "USD"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, changed: make(chan struct{}), contacts: map[string]map[string]string{}, deals: map[string]*deal{}, nextID: 1000}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /crm/v3/owners", s.listOwners)
	s.mux.HandleFunc("GET /crm/v3/objects/contacts/{id}", s.getContact)
	s.mux.HandleFunc("PATCH /crm/v3/objects/contacts/{id}", s.patchContact)
	s.mux.HandleFunc("POST /crm/v3/objects/contacts/search", s.searchContacts)
	s.mux.HandleFunc("POST /crm/v3/objects/notes", s.createNote)
	s.mux.HandleFunc("POST /crm/v3/objects/deals/search", s.searchDeals)
	s.mux.HandleFunc("GET /crm/v4/objects/deals/{id}/associations/contacts", s.dealContacts)
	s.mux.HandleFunc("GET /account-info/v3/details", s.account)
	return s
}

// Token is the bearer token calls must carry.
func (s *Server) Token() string { return s.cfg.Token }

// ServeHTTP checks the token, applies an injected fault, records the call
// and answers it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body, Status: rec.status})
		s.changedLocked()
		s.mu.Unlock()
	}()
	if r.Header.Get("Authorization") != "Bearer "+s.cfg.Token {
		writeError(rec, http.StatusUnauthorized, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")
		return
	}
	s.mu.Lock()
	var fault *Fault
	for i, f := range s.faults {
		if f.Path == "" || f.Path == r.URL.Path {
			fault = &f
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			break
		}
	}
	s.mu.Unlock()
	if fault != nil {
		s.writeFault(rec, *fault)
		return
	}
	s.mux.ServeHTTP(rec, r)
}

// writeFault answers with an injected fault, as HubSpot would.
func (s *Server) writeFault(w http.ResponseWriter, f Fault) {
	if f.Status != http.StatusTooManyRequests {
		writeError(w, f.Status, "INTERNAL_ERROR", "internal error")
		return
	}
	policy := f.Policy
	if policy == "" {
		policy = "TEN_SECONDLY_ROLLING"
	}
	h := w.Header()
	h.Set("X-HubSpot-RateLimit-Interval-Milliseconds", strconv.FormatInt(s.cfg.RateLimitInterval.Milliseconds(), 10))
	h.Set("X-HubSpot-RateLimit-Max", "100")
	h.Set("X-HubSpot-RateLimit-Remaining", "0")
	h.Set("X-HubSpot-RateLimit-Daily", "250000")
	daily := "249000"
	msg := "You have reached your ten_secondly_rolling limit."
	if policy == "DAILY" {
		daily, msg = "0", "You have reached your daily limit."
	}
	h.Set("X-HubSpot-RateLimit-Daily-Remaining", daily)
	writeJSON(w, http.StatusTooManyRequests, map[string]any{
		"status": "error", "message": msg, "errorType": "RATE_LIMIT",
		"correlationId": "00000000-0000-4000-8000-000000000429", "policyName": policy,
	})
}

// FailNext makes the next calls, one per fault (the next to its path, when
// it names one), answer with the faults.
func (s *Server) FailNext(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// Requests returns the calls received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls counts the calls received with the given method and path pattern
// ("PATCH /crm/v3/objects/contacts/{id}" counts every contact's).
func (s *Server) Calls(method, path string) int {
	n := 0
	for _, r := range s.Requests() {
		req := &http.Request{Method: r.Method, URL: &url.URL{Path: r.Path}}
		if _, pattern := s.mux.Handler(req); r.Method == method && (r.Path == path || pattern == method+" "+path) {
			n++
		}
	}
	return n
}

// Await waits until cond holds, checking it after every change.
func (s *Server) Await(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *Server) changedLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// newIDLocked hands out record IDs.
func (s *Server) newIDLocked() string {
	s.nextID++
	return strconv.Itoa(s.nextID)
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers with HubSpot's error body.
func writeError(w http.ResponseWriter, status int, category, message string) {
	writeJSON(w, status, map[string]any{
		"status": "error", "message": message, "category": category,
		"correlationId": fmt.Sprintf("00000000-0000-4000-8000-%012d", status),
	})
}

// readJSON decodes a request body, answering 400 as HubSpot does when it
// cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Invalid input JSON on line 1: "+err.Error())
		return false
	}
	return true
}
