// Package storage is Armistice's Postgres: the connection pool, the
// migrations, and every query (written in queries/*.sql and compiled by sqlc
// into internal/dbsqlc). It is the one place SQL lives. Driver errors leave it
// as the sentinel errors of errors.go.
package storage

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// DB is the Postgres database with its connection pool.
type DB struct {
	pool *pgxpool.Pool
	q    *dbsqlc.Queries
	now  func() time.Time
	// poolWait bounds how long a write of leads waits for a connection
	// when every one is in use (see acquire).
	poolWait time.Duration
	// riverNotified is when an intake last woke River's producers, in Unix
	// nanoseconds (see notifyRiver).
	riverNotified atomic.Int64
}

// defaultPoolWait is how long a write of leads waits for a free
// connection before it gives up with ErrBusy.
const defaultPoolWait = time.Second

// Open connects to the database at url. Pool limits suit one replica on a
// small machine; pool_max_conns and the other pgxpool parameters in the URL
// win over them.
func Open(ctx context.Context, dbURL string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("parsing DATABASE_URL: %w", err)
	}
	given := map[string]bool{}
	if u, err := url.Parse(dbURL); err == nil {
		for k := range u.Query() {
			given[k] = true
		}
	}
	if !given["pool_max_conns"] {
		cfg.MaxConns = 16
	}
	if !given["pool_min_conns"] {
		cfg.MinConns = 1
	}
	if !given["pool_max_conn_lifetime"] {
		cfg.MaxConnLifetime = 30 * time.Minute
		cfg.MaxConnLifetimeJitter = 5 * time.Minute
	}
	if !given["pool_max_conn_idle_time"] {
		cfg.MaxConnIdleTime = 5 * time.Minute
	}
	if !given["pool_health_check_period"] {
		cfg.HealthCheckPeriod = 15 * time.Second
	}
	if !given["connect_timeout"] {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "armistice"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("opening the database pool: %w", err)
	}
	return New(pool), nil
}

// New wraps an open pool.
func New(pool *pgxpool.Pool) *DB {
	return &DB{pool: pool, q: dbsqlc.New(), now: time.Now, poolWait: defaultPoolWait}
}

// SetPoolWait sets how long a write of leads waits for a free connection
// of a saturated pool before it gives up with ErrBusy (a second unless
// set).
func (db *DB) SetPoolWait(d time.Duration) { db.poolWait = d }

// errPoolWait ends a wait for a connection that took too long.
var errPoolWait = errors.New("waited too long for a free connection")

// acquire takes a connection from the pool, waiting at most db.poolWait
// when all are in use: then ErrBusy, since the database is up but has no
// connection to spare. A wait for a new connection that the database does
// not answer in time is ErrUnavailable.
func (db *DB) acquire(ctx context.Context) (*pgxpool.Conn, error) {
	wctx, cancel := context.WithTimeoutCause(ctx, db.poolWait, errPoolWait)
	defer cancel()
	conn, err := db.pool.Acquire(wctx)
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(wctx), errPoolWait) {
		if db.pool.Stat().ConstructingConns() > 0 {
			return nil, fmt.Errorf("%w: no new connection within %s: %w", ErrUnavailable, db.poolWait, err)
		}
		return nil, fmt.Errorf("%w (%w): every connection in use for %s: %w", ErrBusy, ErrUnavailable, db.poolWait, err)
	}
	return conn, interpretError(err)
}

// SetClock replaces the clock that stamps rows, for tests.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Pool returns the connection pool, for River, which shares it.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return interpretError(db.pool.Ping(ctx))
}

// Close closes every connection.
func (db *DB) Close() { db.pool.Close() }
