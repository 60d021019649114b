package storage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

func TestMigrateConcurrentlyOnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	dbURL := storagetest.URL(t)
	// Start from nothing: drop what the template brought.
	setup, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Pool().Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
		t.Fatal(err)
	}
	setup.Close()

	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() {
			db, err := storage.Open(ctx, dbURL)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			errs[i] = db.Migrate(ctx, slog.New(slog.DiscardHandler))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("migration %d: %v", i, err)
		}
	}
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('leads', 'lead_events', 'personas', 'river_job', 'goose_db_version')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 5 {
		t.Errorf("want the 5 tables, found %d", tables)
	}
}

func TestMigrateLogsOneLineAndItsStepsAtDebug(t *testing.T) {
	ctx := context.Background()
	dbURL := storagetest.URL(t)
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Pool().Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := db.Migrate(ctx, slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))); err != nil {
		t.Fatal(err)
	}
	var info []string
	debug := 0
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var l struct{ Level, Msg string }
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		switch l.Level {
		case "DEBUG":
			debug++
		default:
			info = append(info, line)
		}
	}
	if len(info) != 1 || !strings.Contains(info[0], `"msg":"database schema up to date"`) || strings.Contains(info[0], `"applied":0`) {
		t.Errorf("migrating an empty database logged at info:\n%s", strings.Join(info, "\n"))
	}
	if debug < 10 {
		t.Errorf("only %d steps at debug:\n%s", debug, out.String())
	}
}
