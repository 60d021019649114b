package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// Enqueuer inserts the jobs that a write causes, inside the write's
// transaction. The jobs package implements it with River.
type Enqueuer interface {
	// Announce schedules the announcement of each of the leads.
	Announce(ctx context.Context, tx pgx.Tx, leadIDs []int64) error
}

// Settings are the values the use cases run by.
type Settings struct {
	SalesChannel     string
	MarketingChannel string
	Admins           []string // user IDs allowed to administer
	SalesManagers    []string // user IDs who get escalations and may decide
	SLA              time.Duration
	BusinessHours    armistice.BusinessHours
	Location         *time.Location
}

// Service runs the use cases.
type Service struct {
	db       *storage.DB
	jobs     Enqueuer
	chat     Chat
	settings Settings
	log      *slog.Logger
	now      func() time.Time
}

// Config is what a Service is built from.
type Config struct {
	DB       *storage.DB
	Jobs     Enqueuer
	Chat     Chat
	Settings Settings
	Logger   *slog.Logger
	Now      func() time.Time // nil: time.Now
}

// New builds a Service.
func New(cfg Config) *Service {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Settings.Location == nil {
		cfg.Settings.Location = time.UTC
	}
	return &Service{db: cfg.DB, jobs: cfg.Jobs, chat: cfg.Chat, settings: cfg.Settings, log: cfg.Logger, now: cfg.Now}
}

// Location is the zone times are shown in.
func (s *Service) Location() *time.Location { return s.settings.Location }
