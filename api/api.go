// Package api is Armistice's HTTP surface for machines: the intake API that
// marketing automation calls (signatures, validation errors, 503 when the
// database is down), the health checks, and the Prometheus metrics. It
// parses and answers; the work is the handlers'.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/handlers"
)

// Check is one dependency that /readyz asks: nil means ready.
type Check struct {
	Name string
	// Down is what /readyz says when the check fails, in fixed words
	// ("database unreachable"); the error itself is only logged.
	Down  string
	Check func(context.Context) error
}

// Config is what the API server needs.
type Config struct {
	Logger     *slog.Logger
	Gatherer   prometheus.Gatherer   // what /metrics shows
	Registerer prometheus.Registerer // where the API's own metrics go; nil: none
	Service    *handlers.Service
	// WebhookSecret signs the intake API; unset, the API answers 503.
	WebhookSecret config.Secret
	// HubSpotClientSecret verifies HubSpot's v3 signatures; unset, the
	// HubSpot endpoint is off (404).
	HubSpotClientSecret config.Secret
	Now                 func() time.Time // nil: time.Now
	// MetricsElsewhere leaves /metrics off the API's routes: Admin serves
	// it on the operator's own address.
	MetricsElsewhere bool
}

// Server is the HTTP API.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	admin *http.ServeMux
	ready []Check

	readyMu sync.Mutex
	down    []bool // by index in ready: the check failed last time
	// retryLater counts the 503 answers that ask the sender to retry, by
	// reason: busy or unavailable.
	retryLater *prometheus.CounterVec
}

// SetReady sets what /readyz checks. Call it before serving.
func (s *Server) SetReady(checks ...Check) {
	s.ready, s.down = checks, make([]bool, len(checks))
}

// New builds the API and its routes: the one table of every endpoint.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), admin: http.NewServeMux(), retryLater: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "armistice_api_retry_later_total",
		Help: "Answers 503 asking the sender to retry, by reason: busy (every database connection in use) or unavailable (the database down).",
	}, []string{"reason"})}
	if cfg.Registerer != nil {
		cfg.Registerer.MustRegister(s.retryLater)
	}
	s.mux.HandleFunc("POST /api/v1/leads", s.postLeads)
	s.mux.HandleFunc("POST /api/v1/hubspot", s.postHubSpot)
	s.mux.HandleFunc("POST /api/v1/leads/{external_id}/stage", s.postStage)
	s.mux.HandleFunc("POST /api/v1/metrics", s.postVisits)
	metrics := promhttp.HandlerFor(cfg.Gatherer, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn)})
	for _, mux := range []*http.ServeMux{s.mux, s.admin} {
		mux.HandleFunc("GET /healthz", s.healthz)
		mux.HandleFunc("GET /readyz", s.readyz)
		if mux == s.admin || !cfg.MetricsElsewhere {
			mux.Handle("GET /metrics", metrics)
		}
	}
	return s
}

// Admin serves the operator's endpoints alone (/metrics, /readyz and
// /healthz), for an address of their own.
func (s *Server) Admin() http.Handler { return s.admin }

// Handle adds a route served beside the API's own (the sandbox page, Teams'
// messaging endpoint).
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

func (s *Server) now() time.Time { return s.cfg.Now() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }
