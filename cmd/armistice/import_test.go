package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/armistice/armistice/storage/storagetest"
)

func TestImportCommandPrintsTheSummaryAndFailsOnlyForAnUnreadableFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "leads.csv")
	if err := os.WriteFile(good, []byte("ID;E-mail\na;a@example.com\nb;nope\na;a@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("Nombre,Correo\nx,y\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": storagetest.URL(t)}
	run := func(args ...string) (string, string, error) {
		var stdout, stderr bytes.Buffer
		app := &App{Getenv: func(k string) string { return env[k] }, Stdout: &stdout, Stderr: &stderr}
		err := app.Run(context.Background(), append([]string{"import"}, args...))
		return stdout.String(), stderr.String(), err
	}

	out, _, err := run(good, "--dry-run") // flags may follow the file
	if err != nil || !strings.Contains(out, "dry run: nothing was stored\n") || !strings.Contains(out, "would be stored: 1\n") {
		t.Errorf("dry run: %v\n%s", err, out)
	}
	out, _, err = run(good)
	for _, want := range []string{"stored: 1\n", "duplicate: 1\n", "refused: 1\n", "  line 3: email: not an email address\n", "line 4\n"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("import: %v; summary lacks %q:\n%s", err, want, out)
		}
	}
	if out, _, err := run(bad); err == nil || out != "" || !strings.Contains(err.Error(), `"Nombre", "Correo"`) {
		t.Errorf("unmappable file: %v, stdout %q", err, out)
	}
	if _, _, err := run(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("missing file: no error")
	}
	if _, stderr, err := run(); err == nil || !strings.Contains(stderr, "Usage: armistice import") {
		t.Errorf("no file: %v, stderr %q", err, stderr)
	}
}
