package storage_test

import (
	"context"
	"log/slog"
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
