package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/storage/storagetest"
	"github.com/armistice/armistice/teamsemu"
)

// readyz asks /readyz and returns its status and what it says of each check.
func (e *e2e) readyz(t *testing.T) (int, map[string]string, string) {
	t.Helper()
	status, body := e.get(t, "/readyz")
	var r struct{ Checks map[string]string }
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("/readyz: %d %q: %v", status, body, err)
	}
	return status, r.Checks, body
}

func TestReadyzNamesWhatIsDownInFixedWords(t *testing.T) {
	t.Parallel()
	w := newTeamsWorld(t, teamsemu.Options{})
	proxy, dbURL := storagetest.NewProxy(t, storagetest.URL(t))
	// Teams and Slack: once the bot is connected to Slack, everything runs.
	env := w.env()
	env["TEAMS_APP_PASSWORD"] = "not-the-client-secret" // the token service refuses it
	env["DATABASE_URL"] = dbURL
	env["ARMISTICE_SALES_CHANNEL"] = w.sales
	e := startServe(t, env)
	raw := []string{"oauth2", "invalid_client", "Invalid client secret", "dial", "refused", "EOF", "closed"}
	noRawError := func(body string) {
		t.Helper()
		for _, r := range raw {
			if strings.Contains(body, r) {
				t.Errorf("/readyz shows the raw error (%q): %s", r, body)
			}
		}
	}

	// Socket Mode connects a moment after serve starts.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, checks, body := e.readyz(t); checks["slack"] == "ok" {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("slack never connected: %s", body)
		}
	}
	for range 3 { // a probe polling
		status, checks, body := e.readyz(t)
		if status != http.StatusServiceUnavailable || checks["teams"] != "teams token unavailable" || checks["database"] != "ok" || checks["slack"] != "ok" {
			t.Errorf("/readyz with the token refused: %d %s", status, body)
		}
		noRawError(body)
	}
	if n := strings.Count(e.logs.String(), `"msg":"not ready: teams token unavailable"`); n != 1 || !strings.Contains(e.logs.String(), "invalid_client") {
		t.Errorf("three probes logged %d warnings with the error, want one:\n%s", n, e.logs)
	}

	proxy.Cut()
	status, checks, body := e.readyz(t)
	if status != http.StatusServiceUnavailable || checks["database"] != "database unreachable" || checks["teams"] != "teams token unavailable" {
		t.Errorf("/readyz with the database cut: %d %s", status, body)
	}
	noRawError(body)
	proxy.Restore(t)
	// The pool drops the connections the cut broke as it meets them.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, checks, body := e.readyz(t)
		if checks["database"] == "ok" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz with the database back: %s", body)
		}
	}
	if !strings.Contains(e.logs.String(), `"msg":"ready again","check":"database"`) {
		t.Errorf("no line says the database is back:\n%s", e.logs)
	}
}

func TestAdminAddrServesMetricsOffThePublicAddress(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_ADMIN_ADDR": "127.0.0.1:0"})
	admin := &e2e{addr: e.logged(t, "admin_addr")}

	if status, body := admin.get(t, "/metrics"); status != http.StatusOK || !strings.Contains(body, "armistice_slack_connected 1") {
		t.Errorf("the admin address's /metrics: %d %.200s", status, body)
	}
	for _, path := range []string{"/readyz", "/healthz"} {
		if status, body := admin.get(t, path); status != http.StatusOK {
			t.Errorf("the admin address's %s: %d %s", path, status, body)
		}
		// A load balancer probes the address that takes the traffic.
		if status, body := e.get(t, path); status != http.StatusOK {
			t.Errorf("the public address's %s: %d %s", path, status, body)
		}
	}
	if status, body := e.get(t, "/metrics"); status != http.StatusNotFound || strings.Contains(body, "armistice_") {
		t.Errorf("the public address still serves /metrics: %d %.200s", status, body)
	}
	if status, _ := admin.get(t, "/api/v1/leads"); status != http.StatusNotFound {
		t.Errorf("the admin address serves the intake API: %d", status)
	}
}

func TestLogFormatFollowsTheTerminalUnlessSet(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format   string
		terminal bool
		json     bool
	}{
		{"", true, false},
		{"", false, true},
		{"json", true, true},
		{"text", false, false},
	} {
		var out bytes.Buffer
		newLogger(&out, tc.format, tc.terminal).Info("hello", "k", "v")
		isJSON := json.Valid(out.Bytes())
		if isJSON != tc.json || (!isJSON && !strings.Contains(out.String(), "msg=hello k=v")) {
			t.Errorf("ARMISTICE_LOG_FORMAT=%q, terminal %v: %q", tc.format, tc.terminal, out.String())
		}
	}
}

func TestBadLogFormatStopsStartUpWithOneLine(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	app := &App{Getenv: func(k string) string { return map[string]string{"ARMISTICE_LOG_FORMAT": "yaml"}[k] }, Stdout: io.Discard, Stderr: &stderr}
	err := app.Run(context.Background(), []string{"serve"})
	var problems config.Problems
	if !errors.As(err, &problems) || len(problems) != 1 || problems[0].Var != "ARMISTICE_LOG_FORMAT" || strings.Contains(err.Error(), "\n") {
		t.Fatalf("start-up with ARMISTICE_LOG_FORMAT=yaml: %v, want one line naming the variable", err)
	}
	if !strings.Contains(err.Error(), `"yaml"`) || stderr.Len() != 0 {
		t.Errorf("the line is %q and the log %q", err, stderr.String())
	}
}
