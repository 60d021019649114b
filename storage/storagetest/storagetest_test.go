package storagetest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/armistice/armistice/storage/storagetest"
)

func TestEachTestGetsItsOwnMigratedDatabase(t *testing.T) {
	a, b := storagetest.DB(t), storagetest.DB(t)
	ctx := context.Background()
	if _, err := a.Pool().Exec(ctx, `INSERT INTO personas (slug, name) VALUES ('only-in-a', 'A')`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.Pool().QueryRow(ctx, `SELECT count(*) FROM personas`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("a row written in one test database shows in another")
	}
}

// TestUnreachableServerFailsSayingHowToGetOne runs a test against a port
// where no Postgres listens: it must fail, not skip, and say what to do.
func TestUnreachableServerFailsSayingHowToGetOne(t *testing.T) {
	if os.Getenv("STORAGETEST_CHILD") == "1" {
		storagetest.DB(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestUnreachableServerFailsSayingHowToGetOne$", "-test.v")
	cmd.Env = append(os.Environ(), "STORAGETEST_CHILD=1", "TEST_DATABASE_URL=postgres://postgres@127.0.0.1:1/postgres?connect_timeout=2")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the test passed without a database:\n%s", out)
	}
	if strings.Contains(string(out), "SKIP") || !strings.Contains(string(out), "make test") || !strings.Contains(string(out), "TEST_DATABASE_URL") {
		t.Errorf("the failure does not say how to get a database:\n%s", out)
	}
}
