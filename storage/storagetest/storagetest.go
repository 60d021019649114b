// Package storagetest gives every test its own Postgres database, cloned in
// milliseconds from a template that is migrated once per schema version.
// The server is found through TEST_DATABASE_URL (default: the local server
// on 127.0.0.1:5432). Without a reachable server the test fails, saying how
// to get one; it never skips.
package storagetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/armistice/armistice/migrations"
	"github.com/armistice/armistice/storage"
)

// DefaultServerURL is used when TEST_DATABASE_URL is not set.
const DefaultServerURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Prefix starts the name of every database this package creates, so that
// leftovers of killed runs can be found and dropped.
const Prefix = "armistice_test_"

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// ServerURL is the URL of the test server's maintenance database.
func ServerURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultServerURL
}

// URL creates a fresh, migrated database for t, dropped when t ends, and
// returns its connection string.
func URL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(ctx) })
	if templateErr != nil {
		t.Fatalf("test database: %v", templateErr)
	}
	name := Prefix + randomSuffix()
	admin := connect(ctx, t)
	defer admin.Close(ctx)
	for attempt := 0; ; attempt++ {
		_, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{templateName}.Sanitize())
		if err == nil {
			break
		}
		// Another process may be cloning the template at this very moment.
		if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "55006" && attempt < 50 {
			time.Sleep(time.Duration(10+attempt*10) * time.Millisecond)
			continue
		}
		t.Fatalf("creating test database: %v", err)
	}
	dbURL := withDatabase(ServerURL(), name)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin := connect(ctx, t)
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	// Installed now, as a new deployment is: the template's own time (it
	// may be days old) would make the digests of the hours since then due.
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatalf("test database: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "UPDATE installation SET installed_at = now()"); err != nil {
		t.Fatalf("test database: %v", err)
	}
	return dbURL
}

// DB opens a fresh, migrated database for t, closed and dropped when t ends.
func DB(t testing.TB) *storage.DB {
	t.Helper()
	dbURL := URL(t)
	db, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func connect(ctx context.Context, t testing.TB) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		t.Fatalf("no Postgres for the tests at %s: %v\n"+
			"Run the tests with `make test`, which finds or starts one, or set TEST_DATABASE_URL "+
			"to a server where this user may create databases.", redacted(ServerURL()), err)
	}
	return conn
}

// ensureTemplate creates the migrated template database for the current
// schema unless it exists, under an advisory lock so that test processes
// running in parallel build it once.
func ensureTemplate(ctx context.Context) (string, error) {
	name := Prefix + "tmpl_" + schemaVersion()
	conn, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return "", fmt.Errorf("no Postgres for the tests at %s: %w\n"+
			"Run the tests with `make test`, which finds or starts one, or set TEST_DATABASE_URL "+
			"to a server where this user may create databases", redacted(ServerURL()), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtext($1))", name); err != nil {
		return "", err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtext($1))", name) //nolint:errcheck // the session ends right after
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	// Build under a temporary name and rename when done, so that a run
	// killed half-way never leaves a half-migrated template behind.
	building := name + "_wip"
	for _, stmt := range []string{
		"DROP DATABASE IF EXISTS " + pgx.Identifier{building}.Sanitize() + " WITH (FORCE)",
		"CREATE DATABASE " + pgx.Identifier{building}.Sanitize(),
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return "", fmt.Errorf("creating the template database: %w", err)
		}
	}
	db, err := storage.Open(ctx, withDatabase(ServerURL(), building))
	if err != nil {
		return "", err
	}
	err = db.Migrate(ctx, slog.New(slog.DiscardHandler))
	db.Close()
	if err != nil {
		return "", fmt.Errorf("migrating the template database: %w", err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{building}.Sanitize()+" RENAME TO "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("naming the template database: %w", err)
	}
	return name, nil
}

// schemaVersion is a short hash of the migrations and of the River version
// whose tables the template holds: a new migration gets a new template.
func schemaVersion() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/riverqueue/river" {
				h.Write([]byte(dep.Version))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func withDatabase(serverURL, name string) string {
	u, err := url.Parse(serverURL)
	if err != nil {
		panic(fmt.Sprintf("TEST_DATABASE_URL must be a URL (postgres://…): %v", err))
	}
	u.Path = "/" + name
	return u.String()
}

func redacted(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "(TEST_DATABASE_URL)"
}
