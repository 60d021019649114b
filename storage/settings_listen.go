package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// settingsPing is how long the settings listener waits for a notification
// before checking that its connection is still alive (a connection that died
// quietly would otherwise wait forever).
const settingsPing = time.Minute

// WatchSettings calls changed whenever the settings may have changed: each
// time its own connection starts listening on SettingsChannel (after a start
// or a reconnection, changes may have been missed) and on each notification.
// A lost connection is reopened with backoff; so is one after changed fails,
// so that the change is read again. It returns when ctx ends.
func (db *DB) WatchSettings(ctx context.Context, logger *slog.Logger, changed func(context.Context) error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	backoff := 500 * time.Millisecond
	for {
		listening, err := db.listenSettings(ctx, changed)
		if ctx.Err() != nil {
			return
		}
		if listening {
			backoff = 500 * time.Millisecond
		}
		logger.Warn("settings: lost the connection that listens for changes; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

// listenSettings listens on one connection until it fails or ctx ends.
// listening reports whether it got as far as listening.
func (db *DB) listenSettings(ctx context.Context, changed func(context.Context) error) (listening bool, err error) {
	conn, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return false, fmt.Errorf("connecting: %w", interpretError(err))
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{SettingsChannel}.Sanitize()); err != nil {
		return false, fmt.Errorf("LISTEN: %w", interpretError(err))
	}
	if err := changed(ctx); err != nil { // whatever changed before we listened
		return false, err
	}
	for {
		wait, cancel := context.WithTimeout(ctx, settingsPing)
		_, err := conn.WaitForNotification(wait)
		cancel()
		switch {
		case err == nil:
			if err := changed(ctx); err != nil {
				return true, err
			}
		case ctx.Err() != nil:
			return true, nil
		case errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed():
			ping, cancel := context.WithTimeout(ctx, 10*time.Second)
			err = conn.Ping(ping)
			cancel()
			if err != nil {
				return true, fmt.Errorf("ping: %w", interpretError(err))
			}
		default:
			return true, fmt.Errorf("waiting for a notification: %w", interpretError(err))
		}
	}
}
