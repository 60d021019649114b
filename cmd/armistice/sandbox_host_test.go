package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/sandbox"
	"github.com/armistice/armistice/storage/storagetest"
)

// runSandbox runs serve in sandbox mode (no tokens) with env, its
// listeners opened by listen (nil: net.Listen), until the test ends. It
// returns once serve is ready.
func runSandbox(t *testing.T, env map[string]string, listen func(string) (net.Listener, error)) *e2e {
	t.Helper()
	env["DATABASE_URL"] = storagetest.URL(t)
	e := runApp(t, env, func(app *App) { app.Listen = listen })
	// Ready: the jobs run and the bot is connected to the workspace.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if code, _ := e.get(t, "/readyz"); code == http.StatusOK {
			return e
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve was not ready within 30 s\n%s", e.logs)
		}
	}
}

// logged is the value of key in the first JSON log line that has it.
func (e *e2e) logged(t *testing.T, key string) string {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(e.logs.String()))
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil && line[key] != nil {
			return fmt.Sprint(line[key])
		}
	}
	t.Fatalf("no log line has %s:\n%s", key, e.logs)
	return ""
}

// call makes a request to url with the given Host header and returns the
// status and the start of the body; headers are name, value pairs.
func call(t *testing.T, method, url, host, body string, headers ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s (Host %s): %v", method, url, host, err)
	}
	defer resp.Body.Close()
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return resp.StatusCode, "" // a stream: its status is the answer
	}
	b := make([]byte, 4096)
	n, _ := io.ReadAtLeast(resp.Body, b, 1)
	return resp.StatusCode, string(b[:n])
}

func TestSandboxListensOnTheLoopbackByDefault(t *testing.T) {
	t.Parallel()
	var asked []string
	var mu sync.Mutex
	// The address serve asks for, opened on a free port of the same host:
	// 8080 may be taken on the machine that runs the tests.
	listen := func(addr string) (net.Listener, error) {
		mu.Lock()
		asked = append(asked, addr)
		mu.Unlock()
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		return net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	e := runSandbox(t, map[string]string{}, listen)

	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 1 || asked[0] != "127.0.0.1:8080" {
		t.Errorf("serve listened on %q, want 127.0.0.1:8080", asked)
	}
	if host, _, _ := net.SplitHostPort(e.addr); host != "127.0.0.1" {
		t.Errorf("the listener's address is %s, want the loopback", e.addr)
	}
	if n := strings.Count(e.logs.String(), "migration"); n != 0 || strings.Count(e.logs.String(), `"msg":"database schema up to date"`) != 1 {
		t.Errorf("start-up logs %d lines about migrations, want one summary:\n%s", n, e.logs)
	}
}

func TestSandboxAnswersOnlyRequestsForThisMachine(t *testing.T) {
	t.Parallel()
	e := runSandbox(t, map[string]string{"ARMISTICE_HTTP_ADDR": "127.0.0.1:0", "ARMISTICE_WEBHOOK_SECRET": webhookSecret}, nil)
	base := "http://" + e.addr
	_, port, _ := net.SplitHostPort(e.addr)
	local := "localhost:" + port
	emuAPI := e.logged(t, "slack_api") // the built-in workspace, on a loopback port of its own
	command := fmt.Sprintf(`{"user":%q,"channel":%q,"text":"help"}`, sandbox.Ada, sandbox.DefaultWorkspace.Sales.ID)
	upgrade := []string{"Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}

	for _, host := range []string{"attacker.example", "attacker.example:" + port, "192.0.2.1"} {
		for _, r := range []struct {
			method, url, body string
			headers           []string
		}{
			{"GET", base + "/", "", nil},
			{"GET", base + "/sandbox/state", "", nil},
			{"GET", base + "/sandbox/events", "", nil},
			{"POST", base + "/sandbox/command", command, []string{"Content-Type", "application/json"}},
			{"POST", base + "/sandbox/demo", `{}`, []string{"Content-Type", "application/json"}},
			{"POST", base + "/api/v1/leads", `{}`, []string{"Content-Type", "application/json"}},
			{"GET", base + "/metrics", "", nil},
			{"POST", emuAPI + "auth.test", "", nil},
			{"GET", strings.TrimSuffix(emuAPI, "api/") + "socket/ticket", "", upgrade},
		} {
			status, body := call(t, r.method, r.url, host, r.body, r.headers...)
			if status != http.StatusMisdirectedRequest || !strings.Contains(body, "localhost, 127.0.0.1 or [::1]") || !strings.Contains(body, "ARMISTICE_PUBLIC_URL") {
				t.Errorf("%s %s with Host %s: %d %q, want 421 naming the accepted hosts", r.method, r.url, host, status, body)
			}
		}
	}

	if status, body := call(t, "GET", base+"/", local, ""); status != http.StatusOK || !strings.Contains(body, "<html") {
		t.Errorf("the page for %s: %d %.80q", local, status, body)
	}
	if status, body := call(t, "POST", base+"/sandbox/command", local, command, "Content-Type", "application/json"); status != http.StatusOK || !strings.Contains(body, `"ok":true`) {
		t.Errorf("a command for %s: %d %s", local, status, body)
	}
	if status, _ := call(t, "GET", base+"/sandbox/events", local, ""); status != http.StatusOK {
		t.Errorf("the event stream for %s: %d", local, status)
	}
	// Past the host check, the workspace judges the ticket itself.
	if status, body := call(t, "GET", strings.TrimSuffix(emuAPI, "api/")+"socket/ticket", "127.0.0.1", "", upgrade...); status != http.StatusUnauthorized {
		t.Errorf("a WebSocket upgrade for 127.0.0.1: %d %s", status, body)
	}
}

func TestSandboxAdmitsTheHostOfThePublicURL(t *testing.T) {
	t.Parallel()
	e := runSandbox(t, map[string]string{"ARMISTICE_HTTP_ADDR": "127.0.0.1:0", "ARMISTICE_PUBLIC_URL": "https://sandbox.example.com"}, nil)
	base := "http://" + e.addr
	if status, body := call(t, "GET", base+"/", "sandbox.example.com", ""); status != http.StatusOK || !strings.Contains(body, "<html") {
		t.Errorf("the page for sandbox.example.com: %d %.80q", status, body)
	}
	if status, body := call(t, "GET", base+"/", "attacker.example", ""); status != http.StatusMisdirectedRequest || !strings.Contains(body, "or sandbox.example.com") {
		t.Errorf("the page for attacker.example: %d %q", status, body)
	}
	if !strings.Contains(e.logs.String(), "sandbox: open https://sandbox.example.com") {
		t.Errorf("the log does not give the public URL to open:\n%s", e.logs)
	}
}

func TestSandboxLinkIsFramedOnATerminal(t *testing.T) {
	t.Parallel()
	var terminal bytes.Buffer
	addr, _ := net.ResolveTCPAddr("tcp", "127.0.0.1:8080")
	(&sandboxPage{}).greet(&terminal, &config.Config{}, addr)
	if !strings.Contains(terminal.String(), "┌") || !strings.Contains(terminal.String(), "│ Armistice sandbox: open http://127.0.0.1:8080/ ") {
		t.Errorf("the terminal shows no framed link:\n%s", terminal.String())
	}
}

// The sandbox's workspace takes tokens made up for the run: a page
// elsewhere in the same browser cannot post as the bot with the
// emulator's well-known default token.
func TestSandboxWorkspaceRefusesTheWellKnownToken(t *testing.T) {
	t.Parallel()
	e := runSandbox(t, map[string]string{}, nil)
	api := e.logged(t, "slack_api")
	resp, err := http.PostForm(api+"auth.test", url.Values{"token": {"xoxb-emu-bot-token"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatal(err)
	}
	if answer.OK || answer.Error != "invalid_auth" {
		t.Errorf("auth.test with the default token = %+v, want invalid_auth", answer)
	}
}
