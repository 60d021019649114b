package board

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/armistice/armistice/handlers"
)

//go:embed templates
var files embed.FS

// Source is what the board reads: handlers.Service.
type Source interface {
	// Board reads the figures the page shows.
	Board(ctx context.Context) (handlers.BoardReport, error)
	// BoardVersion changes whenever those figures may have changed.
	BoardVersion(ctx context.Context) (string, error)
}

// Config is what the board needs.
type Config struct {
	Source Source
	// Token is ARMISTICE_BOARD_TOKEN; empty turns the board off (404).
	Token string
	// Secure marks the cookie Secure on every request, as when
	// ARMISTICE_PUBLIC_URL is https (a TLS proxy in front); a request that
	// came over TLS itself gets it anyway.
	Secure bool
	Logger *slog.Logger
	// Poll is how often the figures' version is read while a page is open
	// (default 3 s).
	Poll time.Duration
	// MaxStreams bounds the open event streams (default 64); one more is
	// answered 503, and its page retries later.
	MaxStreams int
	// Heartbeat is how often an idle stream gets a comment, so that proxies
	// keep it open (default 20 s).
	Heartbeat time.Duration
}

// Server serves the board.
type Server struct {
	cfg      Config
	mux      *http.ServeMux
	tmpl     *template.Template
	tokenSum [sha256.Size]byte
	proof    string

	ctx    context.Context // ends with Close: the streams close
	cancel context.CancelFunc
	slots  chan struct{} // one per open stream

	watch watcher // the figures' version while streams are open (events.go)

	cacheMu sync.Mutex // held while the figures are read: one read per version
	cache   struct {
		version string
		report  handlers.BoardReport
	}
}

// New builds the board's server; Close ends its streams.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 3 * time.Second
	}
	if cfg.MaxStreams <= 0 {
		cfg.MaxStreams = 64
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 20 * time.Second
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg: cfg, mux: http.NewServeMux(), tmpl: template.Must(template.New("").ParseFS(files, "templates/*.html")),
		tokenSum: sha256.Sum256([]byte(cfg.Token)), proof: proof(cfg.Token),
		ctx: ctx, cancel: cancel, slots: make(chan struct{}, cfg.MaxStreams),
	}
	s.watch.init(s)
	s.mux.HandleFunc("GET /board", s.servePage)
	s.mux.HandleFunc("GET /board/fragment", s.serveFragment)
	s.mux.HandleFunc("GET /board/events", s.serveEvents)
	return s
}

// Mount serves the board on mux at /board and under /board/.
func (s *Server) Mount(mux interface{ Handle(string, http.Handler) }) {
	mux.Handle("/board", s)
	mux.Handle("/board/", s)
}

// Close ends the open event streams, so that a server shutting down is not
// held up by them.
func (s *Server) Close() { s.cancel() }

// ServeHTTP implements http.Handler: 404 while the board is off; else the
// page's security headers on every answer, and 401 to whoever has not
// opened the link.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" {
		http.NotFound(w, r)
		return
	}
	nonce := newNonce()
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+nonce+"'; script-src 'nonce-"+nonce+"'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	r = r.WithContext(context.WithValue(r.Context(), nonceKey{}, nonce))
	if r.Method == http.MethodGet && r.URL.Path == "/board" && r.URL.Query().Has("token") {
		s.signIn(w, r)
		return
	}
	if _, pattern := s.mux.Handler(r); pattern != "" && !s.signedIn(r) {
		s.refuse(w, r, "This board needs its link, with the token in it. Ask an admin: the board command gives it.")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// refuse answers 401 with a short page that says why.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	s.render(w, "refused.html", struct{ Nonce, Why string }{nonceOf(r), why})
}

// render executes a template, logging a failure (the status is sent).
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	if err := s.tmpl.ExecuteTemplate(w, name, data); err != nil {
		s.cfg.Logger.Warn("board: rendering", "template", name, "err", err)
	}
}

type nonceKey struct{}

// nonceOf is the nonce of r's answer, which its CSP allows.
func nonceOf(r *http.Request) string {
	n, _ := r.Context().Value(nonceKey{}).(string)
	return n
}

// newNonce is a fresh nonce for one answer's style and script.
func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) // nothing html/template would escape
}
