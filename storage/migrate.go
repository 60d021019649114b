package storage

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/armistice/armistice/migrations"
)

// migrationLock is the key of the advisory lock held while migrating, so that
// replicas starting together migrate one after the other.
const migrationLock int64 = 0x41524d4953544943 // "ARMISTIC"

// Migrate brings the schema up to date: River's tables, then Armistice's
// migrations. One session-level advisory lock covers both, so any number of
// processes may call it at once; the first migrates and the others find
// nothing left to do. It logs one summary line, and each step at debug.
func (db *DB) Migrate(ctx context.Context, logger *slog.Logger) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", interpretError(err))
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("migrate: taking the migration lock: %w", interpretError(err))
	}
	defer func() {
		if _, err := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock); err != nil {
			logger.Warn("releasing the migration lock", "err", err)
		}
	}()

	migrator, err := rivermigrate.New(riverpgxv5.New(db.pool), &rivermigrate.Config{Logger: slog.New(detailHandler{logger.Handler()})})
	if err != nil {
		return fmt.Errorf("migrate: river: %w", err)
	}
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("migrate: river: %w", err)
	}
	for _, v := range res.Versions {
		logger.Debug("applied River migration", "version", v.Version, "name", v.Name)
	}

	sqlDB := stdlib.OpenDBFromPool(db.pool)
	defer sqlDB.Close()
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.FS)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, r := range results {
		logger.Debug("applied migration", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration)
	}
	version, err := provider.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("migrate: reading the schema version: %w", err)
	}
	logger.Info("database schema up to date", "version", version, "applied", len(results), "river_applied", len(res.Versions))
	return nil
}

// detailHandler logs a library's info lines at debug: its step-by-step
// account is detail beside the one summary line.
type detailHandler struct{ slog.Handler }

func (h detailHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.Handler.Enabled(ctx, demote(l))
}

func (h detailHandler) Handle(ctx context.Context, r slog.Record) error {
	r.Level = demote(r.Level)
	return h.Handler.Handle(ctx, r)
}

func (h detailHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return detailHandler{h.Handler.WithAttrs(as)}
}

func (h detailHandler) WithGroup(name string) slog.Handler {
	return detailHandler{h.Handler.WithGroup(name)}
}

func demote(l slog.Level) slog.Level {
	if l == slog.LevelInfo {
		return slog.LevelDebug
	}
	return l
}
