package sandbox

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/hubspotemu"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
)

//go:embed assets templates
var files embed.FS

// Config is what the sandbox page needs.
type Config struct {
	Emu       *slackemu.Server
	Workspace Workspace
	// EmuURL is the workspace's base URL ("http://127.0.0.1:port"), to
	// recognise its permalinks and show them as links within the page.
	EmuURL string
	// Command is the slash command the composer runs (default "/armistice").
	Command string
	// Service runs the live use cases: the demo's cards of today and the
	// trickle of new MQLs go through its intake. Nil: no demo data.
	Service *handlers.Service
	// DB is the live database; the demo's backdated history is written
	// through a second Service, with the live one's settings, over the same
	// pool with its own clock.
	DB       *storage.DB
	Location *time.Location // times on the page (default UTC)
	Logger   *slog.Logger
	Now      func() time.Time // nil: time.Now
	// TrickleEvery bounds the wait between two MQLs of the live trickle
	// (default 20–40 s).
	TrickleEvery [2]time.Duration
	// TrickleFor is how long the trickle goes on once no page is open
	// (default 10 minutes).
	TrickleFor time.Duration
	// HubSpot is the sandbox's HubSpot, if any: each live demo MQL gets a
	// contact there, so a decision on it is written to HubSpot.
	HubSpot *hubspotemu.Server
	// BoardURL is the link to the board on the wall, token included, shown
	// in the banner; "" (no ARMISTICE_BOARD_TOKEN): no link.
	BoardURL string
}

// Server serves the page, its JSON and event endpoints and its assets.
type Server struct {
	cfg  Config
	mux  *http.ServeMux
	page *template.Template

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced when the page's own state changes
	demo     demoStatus
	trickles bool // the live trickle is running

	clients    atomic.Int32 // open event streams
	lastClient atomic.Int64 // unix nanoseconds when a stream was last open
}

// New builds the page's server. Close stops its background work.
func New(cfg Config) *Server {
	if cfg.Command == "" {
		cfg.Command = "/armistice"
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.TrickleEvery[0] <= 0 {
		cfg.TrickleEvery = [2]time.Duration{20 * time.Second, 40 * time.Second}
	}
	if cfg.TrickleFor <= 0 {
		cfg.TrickleFor = 10 * time.Minute
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg:     cfg,
		mux:     http.NewServeMux(),
		page:    template.Must(template.New("").ParseFS(files, "templates/*.html")),
		ctx:     ctx,
		cancel:  cancel,
		changed: make(chan struct{}),
		demo:    demoStatus{State: demoIdle},
	}
	if cfg.Service == nil || cfg.DB == nil {
		s.demo = demoStatus{State: demoUnavailable, Note: "Demo data needs the database."}
	}
	assets, _ := fs.Sub(files, "assets")
	static := http.StripPrefix("/sandbox/assets/", http.FileServerFS(assets))
	s.mux.HandleFunc("GET /{$}", s.servePage)
	s.mux.Handle("GET /sandbox/assets/", noCache(static))
	s.mux.HandleFunc("GET /sandbox/state", s.serveState)
	s.mux.HandleFunc("GET /sandbox/events", s.serveEvents)
	s.mux.HandleFunc("POST /sandbox/command", s.postCommand)
	s.mux.HandleFunc("POST /sandbox/click", s.postClick)
	s.mux.HandleFunc("POST /sandbox/select", s.postSelect)
	s.mux.HandleFunc("POST /sandbox/shortcut", s.postShortcut)
	s.mux.HandleFunc("POST /sandbox/view/submit", s.postSubmitView)
	s.mux.HandleFunc("POST /sandbox/view/close", s.postCloseView)
	s.mux.HandleFunc("POST /sandbox/demo", s.postDemo)
	s.mux.HandleFunc("POST /sandbox/home/open", s.postOpenHome)
	s.mux.HandleFunc("POST /sandbox/home/click", s.postHomeClick)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: http: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	s.mux.ServeHTTP(w, r)
}

// Mount adds the page's routes to a mux: "GET /" and everything under
// "/sandbox/".
func (s *Server) Mount(mux interface{ Handle(string, http.Handler) }) {
	mux.Handle("GET /{$}", s)
	mux.Handle("/sandbox/", s)
}

// Close ends the event streams, the demo loader and the trickle, and waits
// for them. It is safe to call more than once.
func (s *Server) Close() {
	s.cancel()
	s.wg.Wait()
}

// bump wakes the event streams after a change of the page's own state.
func (s *Server) bump() {
	s.mu.Lock()
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

func (s *Server) pageChanged() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}
