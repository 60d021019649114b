package teamsemu

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/armistice/armistice/teams"
)

// Options describes the emulated tenant and bot. Zero fields get defaults
// (see New).
type Options struct {
	// TenantID is the Entra tenant: the token service answers only under
	// it and the service URL carries it (default
	// "6b1f4d33-7f0e-4c55-9a3e-0e3c7a9d2f10").
	TenantID string
	// AppID is the bot's app (client) ID: the audience of the tokens the
	// bot receives and the client ID it must present (default
	// "4a1d6c8e-2b3f-4e5a-9c7d-1e2f3a4b5c6d").
	AppID string
	// ClientSecret is the secret the bot must present for a token (default
	// "teamsemu-secret").
	ClientSecret string
	// BotName is the bot's display name, as mentions show it (default
	// "Armistice").
	BotName string
	// TokenLifetime is how long an issued access token stays valid
	// (default one hour, as Entra ID).
	TokenLifetime time.Duration
	// RateLimit turns on Teams' limit on the bot's writes into one
	// conversation (posts, replies, updates, channel and 1:1 creations): at
	// most 7 per second and 60 per 30 seconds; over it the connector
	// answers 429 with "Retry-After: 1" and stores nothing.
	RateLimit bool
	// Now is the clock for token issue and expiry, rate limits, activity
	// IDs and timestamps (default time.Now).
	Now func() time.Time
}

// ErrClosed is returned by WaitFor once the Server has been closed.
var ErrClosed = errors.New("teamsemu: server closed")

// Server is the emulator, listening on a loopback port from New until Close.
type Server struct {
	opts Options
	http *httptest.Server
	// client posts activities to the bot.
	client *http.Client

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	closed  bool
	done    chan struct{}

	keys   keyring
	tokens map[string]time.Time // issued access tokens and their expiry
	calls  map[Call]int
	fail   failure
	rate   rateLimiter
	dir    directory
	convs  map[string]*conversation
	// lastID is the newest activity ID handed out, in milliseconds.
	lastID int64

	// identityFail is the injected failure of the identity service.
	identityFail failure
}

// New starts an emulator for opts, with defaults for zero fields, and
// generates its signing key. Close releases it.
func New(opts Options) *Server {
	if opts.TenantID == "" {
		opts.TenantID = "6b1f4d33-7f0e-4c55-9a3e-0e3c7a9d2f10"
	}
	if opts.AppID == "" {
		opts.AppID = "4a1d6c8e-2b3f-4e5a-9c7d-1e2f3a4b5c6d"
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = "teamsemu-secret"
	}
	if opts.BotName == "" {
		opts.BotName = "Armistice"
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:    opts,
		client:  &http.Client{Timeout: botTimeout},
		changed: make(chan struct{}),
		done:    make(chan struct{}),
		keys:    newKeyring(),
		tokens:  make(map[string]time.Time),
		calls:   make(map[Call]int),
		rate:    newRateLimiter(),
		dir:     newDirectory(),
		convs:   make(map[string]*conversation),
	}
	s.http = httptest.NewServer(s)
	return s
}

// Options returns the effective options (with defaults filled in).
func (s *Server) Options() Options { return s.opts }

// URL is the server's base URL ("http://127.0.0.1:port"), the host of every
// service it plays.
func (s *Server) URL() string { return s.http.URL }

// ServiceURL is the connector's base URL as Teams hands it to bots in
// activities: "<URL>/amer/<tenantID>/", with a path and a trailing slash.
func (s *Server) ServiceURL() string { return s.http.URL + s.servicePath() }

// servicePath is the path of ServiceURL.
func (s *Server) servicePath() string { return "/amer/" + s.opts.TenantID + "/" }

// Bot is the bot's account as Teams shows it: "28:<appId>" and its name.
func (s *Server) Bot() teams.ChannelAccount {
	return teams.ChannelAccount{ID: "28:" + s.opts.AppID, Name: s.opts.BotName}
}

// ServeHTTP routes the identity service ("/v1/.well-known/…"), the token
// service ("/{tenant}/oauth2/v2.0/token") and the connector (under
// ServiceURL's path).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case p == metadataPath:
		s.serveMetadata(w, r)
	case p == keysPath:
		s.serveKeys(w, r)
	case isTokenPath(p):
		s.serveToken(w, r)
	case strings.HasPrefix(p, s.servicePath()):
		s.serveConnector(w, r)
	default:
		s.count(RouteUnknown, http.StatusNotFound)
		noRoute(r).write(w)
	}
}

// Close stops the server, wakes every WaitFor with ErrClosed and drops idle
// connections to the bot. It is safe to call twice.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	s.bumpLocked()
	s.mu.Unlock()
	s.http.Close()
	s.client.CloseIdleConnections()
}

// WaitFor blocks until cond returns true, ctx is done or the server is
// closed. cond is evaluated at once and again after every state change (a
// request served, a message recorded, a directory change); it runs without
// the server's lock held, so it may call the inspection methods.
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
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

// bumpLocked wakes every WaitFor. The caller holds s.mu.
func (s *Server) bumpLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}
