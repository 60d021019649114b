package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/storage"
)

// migrate applies the migrations and exits.
func (a *App) migrate(ctx context.Context) error {
	_, _, db, err := a.open(ctx)
	if err != nil {
		return err
	}
	db.Close()
	return nil
}

// open reads the configuration, connects to the database and migrates it,
// with the app's clock; the caller closes the database.
func (a *App) open(ctx context.Context) (*config.Config, *slog.Logger, *storage.DB, error) {
	cfg, err := config.Load(a.Getenv)
	if err != nil {
		return nil, nil, nil, err
	}
	logger := newLogger(a.Stderr, cfg.LogFormat, isTerminal(a.Stderr))
	db, err := openDB(ctx, cfg, logger)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := db.Migrate(ctx, logger); err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	if a.Now != nil {
		db.SetClock(a.Now)
	}
	return cfg, logger, db, nil
}

// settings are the use cases' settings from the environment.
func settings(cfg *config.Config) handlers.Settings {
	return handlers.Settings{
		SalesChannel: cfg.SalesChannel, MarketingChannel: cfg.MarketingChannel,
		Admins: cfg.Admins, SalesManagers: cfg.SalesManagers,
		MarketingLeads: cfg.MarketingLeads, SalesLeads: cfg.SalesLeads,
		SalesTeam: cfg.SalesTeam, MarketingTeam: cfg.MarketingTeam,
		DigestChannels: cfg.DigestChannels, DigestSchedule: cfg.DigestScheduleSpec,
		SLA: cfg.SLA, BusinessHours: cfg.BusinessHours, Location: cfg.Location,
		Holidays: cfg.Holidays, SLAReassign: cfg.SLAReassign,
	}
}

// openOffline opens the database and builds the use cases for a command
// that runs without the chat (import, forget): the jobs it schedules run in
// the serving bot. The caller closes the database.
func (a *App) openOffline(ctx context.Context) (*handlers.Service, *storage.DB, error) {
	cfg, logger, db, err := a.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	enqueuer, err := jobs.NewEnqueuer(db.Pool(), cfg.CRMWebhookURL.IsSet())
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return handlers.New(handlers.Config{DB: db, Jobs: enqueuer, Logger: logger, Now: a.Now, Settings: settings(cfg)}), db, nil
}

// openDB connects to the database, waiting up to 30 s for it to come up (as
// when it starts beside the bot), and says what is wrong if it does not.
func openDB(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*storage.DB, error) {
	if !cfg.DatabaseURL.IsSet() {
		return nil, errors.New("DATABASE_URL: not set (`make run` starts a local Postgres and sets it)")
	}
	db, err := storage.Open(ctx, cfg.DatabaseURL.Reveal())
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := db.Ping(ctx)
		if err == nil {
			return db, nil
		}
		if !errors.Is(err, storage.ErrUnavailable) || time.Now().After(deadline) {
			db.Close()
			return nil, fmt.Errorf("DATABASE_URL: cannot reach the database: %w", err)
		}
		logger.Warn("waiting for the database", "err", err)
		select {
		case <-ctx.Done():
			db.Close()
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
