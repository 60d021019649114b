package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/storage"
)

// migrate applies the migrations and exits.
func (a *App) migrate(ctx context.Context) error {
	cfg, err := config.Load(a.Getenv)
	if err != nil {
		return err
	}
	logger := newLogger(a.Stderr)
	db, err := openDB(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(ctx, logger)
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
