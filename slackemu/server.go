package slackemu

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Config describes the emulated workspace and app. Zero fields get defaults
// (see New).
type Config struct {
	// TeamID is the workspace ID (default "T0EMU0001").
	TeamID string
	// BotUserID is the bot's user ID (default "UBOT").
	BotUserID string
	// BotID is the bot's bot ID, as in message bot_id (default "B0EMU0001").
	BotID string
	// AppID is the app ID, as in api_app_id (default "A0EMU0001").
	AppID string
	// BotToken is the xoxb token every Web API method except
	// apps.connections.open requires (default "xoxb-emu-bot-token").
	BotToken string
	// AppToken is the xapp token apps.connections.open requires
	// (default "xapp-emu-app-token").
	AppToken string
	// AckTimeout is how long an envelope may stay unacknowledged
	// (default 3s, as Slack).
	AckTimeout time.Duration
	// PingInterval is how often the server sends a WebSocket ping on each
	// Socket Mode connection (default 10s). It must stay below the client's
	// ping timeout (slack-go's socketmode default is 30s).
	PingInterval time.Duration
}

const (
	defaultAckTimeout   = 3 * time.Second
	defaultPingInterval = 10 * time.Second
	teamDomain          = "slackemu"
	teamName            = "Slack Emulator"
)

// Errors returned by the actor API.
var (
	// ErrClosed is returned once the Server has been closed.
	ErrClosed = errors.New("slackemu: server closed")
	// ErrAckTimeout is returned when an envelope was not acknowledged before
	// the ack deadline (after all redeliveries, for Events API envelopes).
	ErrAckTimeout = errors.New("slackemu: envelope not acknowledged in time")
)

// Server is the emulator. It implements http.Handler. Create it with New and
// release it with Close.
type Server struct {
	cfg Config
	// now is the clock used for trigger and response_url expiry, rate limits
	// and timestamps. Tests in this package may replace it before use.
	now func() time.Time

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	closed  bool
	done    chan struct{}
	wg      sync.WaitGroup

	dir     directory
	views   viewStore
	homes   map[string]*HomeView // user ID → the home view published for them
	sockets socketRegistry
	pending map[string]chan ackFrame
	// redeliver is how many of the next envelopes are delivered a second
	// time, same ID and payload, once the first is acked.
	redeliver int

	triggers     map[string]*trigger
	responseURLs map[string]*responseURL
	calls        map[string]int
	faults       map[string]*faultState
	rate         rateLimiter
	lastTSMicros int64
	pongs        int // pongs received, across connections
}

// New returns a Server for cfg, with defaults for zero fields. The bot user
// (cfg.BotUserID) exists from the start.
func New(cfg Config) *Server {
	if cfg.TeamID == "" {
		cfg.TeamID = "T0EMU0001"
	}
	if cfg.BotUserID == "" {
		cfg.BotUserID = "UBOT"
	}
	if cfg.BotID == "" {
		cfg.BotID = "B0EMU0001"
	}
	if cfg.AppID == "" {
		cfg.AppID = "A0EMU0001"
	}
	if cfg.BotToken == "" {
		cfg.BotToken = "xoxb-emu-bot-token"
	}
	if cfg.AppToken == "" {
		cfg.AppToken = "xapp-emu-app-token"
	}
	if cfg.AckTimeout <= 0 {
		cfg.AckTimeout = defaultAckTimeout
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = defaultPingInterval
	}
	s := &Server{
		cfg:          cfg,
		now:          time.Now,
		changed:      make(chan struct{}),
		done:         make(chan struct{}),
		dir:          newDirectory(),
		views:        newViewStore(),
		sockets:      newSocketRegistry(),
		pending:      make(map[string]chan ackFrame),
		triggers:     make(map[string]*trigger),
		responseURLs: make(map[string]*responseURL),
		calls:        make(map[string]int),
		faults:       make(map[string]*faultState),
		rate:         newRateLimiter(),
	}
	s.dir.addUser(User{ID: cfg.BotUserID, Name: "armistice", RealName: "Armistice", IsBot: true})
	return s
}

// Config returns the effective configuration (with defaults filled in).
func (s *Server) Config() Config { return s.cfg }

// ServeHTTP routes "/api/<method>" to the Web API, "/socket/<ticket>" to the
// Socket Mode WebSocket endpoint and "/hooks/..." to response_url endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/"):
		s.serveAPI(w, r, strings.TrimPrefix(r.URL.Path, "/api/"))
	case strings.HasPrefix(r.URL.Path, "/socket/"):
		s.serveSocket(w, r, strings.TrimPrefix(r.URL.Path, "/socket/"))
	case strings.HasPrefix(r.URL.Path, responseURLPrefix):
		s.serveResponseURL(w, r)
	default:
		http.NotFound(w, r)
	}
}

// Close disconnects every socket, fails calls waiting on acks with ErrClosed
// and waits for the server's goroutines to end. It is safe to call twice.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		s.wg.Wait()
		return
	}
	s.closed = true
	close(s.done)
	conns := s.sockets.all()
	s.sockets.open = nil
	s.bumpLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.kill()
	}
	s.wg.Wait()
}

// Await blocks until cond returns true, ctx is done or the server is closed.
// cond is evaluated at once and again after every state change (there is no
// polling); it runs without the server's lock held, so it may call the
// inspection methods.
func (s *Server) Await(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		closed := s.closed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		if closed {
			return ErrClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
		}
	}
}

// Calls reports how many requests the Web API method (for example
// "chat.postMessage") has received, including failed and faulted ones.
// Requests to response_url endpoints are counted under "response_url".
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// bumpLocked wakes every Await and every goroutine waiting for a state
// change. The caller holds s.mu.
func (s *Server) bumpLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// countCall records one request for method.
func (s *Server) countCall(method string) {
	s.mu.Lock()
	s.calls[method]++
	s.bumpLocked()
	s.mu.Unlock()
}

// baseURL derives the emulator's external base URL ("http://host:port") from
// the request it is serving.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
		scheme = p
	}
	return scheme + "://" + r.Host
}

// sleepCtx waits for d, the request context or the server's closing,
// whichever comes first, and reports whether the full delay elapsed.
func (s *Server) sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
