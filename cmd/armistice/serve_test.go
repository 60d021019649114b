package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/jobs/jobstest"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

const (
	salesChannel     = "C0SALES001"
	marketingChannel = "C0MRKTG001"
	rep              = "U0REP00001"
	marketer         = "U0MKT00001"
	rep2             = "U0REP00002"
	manager          = "U0MGR00001"
	webhookSecret    = "e2e-secret-0123456789"
)

// syncBuffer collects a process's log lines from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// e2e is a running `armistice serve` wired to slackemu and its own database.
type e2e struct {
	emu   *slackemu.Server
	addr  string
	dbURL string
	logs  *syncBuffer
	stop  func() error
}

// awaitJobsSettled waits until serve's jobs of the given kinds have ended for
// good, so that a test can check that nothing more happens.
func (e *e2e) awaitJobsSettled(t testing.TB, kinds ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := jobstest.AwaitSettled(ctx, pool, kinds...); err != nil {
		t.Fatalf("%v\n%s", err, e.logs)
	}
}

// startServe runs serve in-process; now, if not nil, is its clock.
func startServe(t testing.TB, extra map[string]string, now ...func() time.Time) *e2e {
	t.Helper()
	emu := slackemu.New(slackemu.Config{})
	slack := httptest.NewServer(emu)
	t.Cleanup(func() { slack.Close(); emu.Close() })
	emu.AddUser(slackemu.User{ID: rep, Name: "rosa", RealName: "Rosa Díaz"})
	emu.AddUser(slackemu.User{ID: rep2, Name: "sam", RealName: "Sam Okafor"})
	emu.AddUser(slackemu.User{ID: manager, Name: "max", RealName: "Max Weber"})
	emu.AddChannel(slackemu.Channel{ID: salesChannel, Name: "sales", Members: []string{emu.Config().BotUserID, rep, rep2}})
	emu.AddUser(slackemu.User{ID: marketer, Name: "mia", RealName: "Mia Laurent"})
	emu.AddChannel(slackemu.Channel{ID: marketingChannel, Name: "marketing", Members: []string{emu.Config().BotUserID, marketer}})

	env := map[string]string{
		"DATABASE_URL":                storagetest.URL(t),
		"SLACK_BOT_TOKEN":             emu.Config().BotToken,
		"SLACK_APP_TOKEN":             emu.Config().AppToken,
		"SLACK_API_URL":               slack.URL + "/api/",
		"ARMISTICE_SALES_CHANNEL":     salesChannel,
		"ARMISTICE_MARKETING_CHANNEL": marketingChannel,
		"ARMISTICE_HTTP_ADDR":         "127.0.0.1:0",
		"ARMISTICE_WEBHOOK_SECRET":    webhookSecret,
	}
	for k, v := range extra {
		env[k] = v
	}
	e := runServe(t, env, now...)
	e.emu = emu
	awaitCtx, cancelAwait := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancelAwait()
	if err := emu.Await(awaitCtx, func() bool { return emu.Connections() == 1 }); err != nil {
		t.Fatalf("the bot did not connect over Socket Mode: %v\n%s", err, e.logs)
	}
	return e
}

// runServe runs serve in-process with the given environment until the test
// ends; now, if not nil, is its clock. It returns once serve listens.
func runServe(t testing.TB, env map[string]string, now ...func() time.Time) *e2e {
	t.Helper()
	return runApp(t, env, func(app *App) {
		if len(now) > 0 {
			app.Now = now[0]
		}
	})
}

// runApp runs serve in-process with the given environment, and the App as
// adjust leaves it, until the test ends. It returns once serve listens.
func runApp(t testing.TB, env map[string]string, adjust func(*App)) *e2e {
	t.Helper()
	listening := make(chan string, 1)
	logs := &syncBuffer{}
	app := &App{Getenv: func(k string) string { return env[k] }, Stdout: io.Discard, Stderr: logs, OnListen: func(a string) { listening <- a }}
	adjust(app)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx, []string{"serve"}) }()
	e := &e2e{logs: logs, dbURL: env["DATABASE_URL"]}
	var once sync.Once
	var stopErr error
	e.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(20 * time.Second):
				stopErr = fmt.Errorf("serve did not stop within 20 s")
			}
		})
		return stopErr
	}
	t.Cleanup(func() {
		if err := e.stop(); err != nil {
			t.Errorf("serve: %v\n%s", err, logs)
		}
	})
	select {
	case e.addr = <-listening:
	case err := <-done:
		t.Fatalf("serve exited: %v\n%s", err, logs)
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not listen within 30 s\n%s", logs)
	}
	return e
}

func (e *e2e) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + e.addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// help runs `/armistice help`-like commands and returns the ack latencies.
func help(t *testing.T, emu *slackemu.Server, text string, n int) []time.Duration {
	t.Helper()
	var latencies []time.Duration
	for range n {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ack, err := emu.SlashCommand(ctx, rep, salesChannel, "/armistice", text)
		cancel()
		if err != nil {
			t.Fatalf("/armistice %s: %v", text, err)
		}
		if !strings.Contains(string(ack.Payload), "goal set METRIC TARGET") || !strings.Contains(string(ack.Payload), `"response_type":"ephemeral"`) {
			t.Fatalf("/armistice %s: the ack holds no ephemeral command list: %s", text, ack.Payload)
		}
		latencies = append(latencies, ack.Latency)
	}
	return latencies
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(float64(len(s)-1)*p)]
}

func TestServeAnswersHelpWithinTheDeadlineAndSurvivesRefresh(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)

	latencies := help(t, e.emu, "help", 100)
	latencies = append(latencies, help(t, e.emu, "", 1)...)
	latencies = append(latencies, help(t, e.emu, "frobnicate the leads", 1)...)
	p50, p99, worst := percentile(latencies, .5), percentile(latencies, .99), slices.Max(latencies)
	t.Logf("ack latency of /armistice help over %d commands: p50 %s, p99 %s, max %s", len(latencies), p50, p99, worst)
	if worst >= 3*time.Second {
		t.Errorf("an ack took %s, past Slack's 3 s deadline", worst)
	}
	if len(e.emu.Ephemerals(rep)) < len(latencies) {
		t.Errorf("the caller saw %d ephemeral answers for %d commands", len(e.emu.Ephemerals(rep)), len(latencies))
	}

	opened := e.emu.Calls("apps.connections.open")
	e.emu.Disconnect("refresh_requested")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return e.emu.Calls("apps.connections.open") > opened && e.emu.Connections() == 1 }); err != nil {
		t.Fatalf("no reconnection after refresh_requested: %v\n%s", err, e.logs)
	}
	help(t, e.emu, "help", 1)

	if status, body := e.get(t, "/readyz"); status != http.StatusOK {
		t.Errorf("/readyz = %d %s", status, body)
	}
	if status, _ := e.get(t, "/healthz"); status != http.StatusOK {
		t.Errorf("/healthz = %d", status)
	}
	_, metrics := e.get(t, "/metrics")
	for _, want := range []string{`armistice_slack_envelopes_total{type="slash_commands"} 103`, `armistice_slack_ack_seconds_count{type="slash_commands"} 103`, `armistice_slack_api_calls_total{method="apps.connections.open",status="200"} 2`, `armistice_slack_connected 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(e.logs.String(), e.emu.Config().BotToken) || strings.Contains(e.logs.String(), webhookSecret) {
		t.Error("a secret appears in the logs")
	}
}

func TestServeAnnouncesALeadOnceWithEscapedText(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	body := []byte(`{"external_id":"e2e-1","name":"<!channel> Eve & co","company":"<@U0REP00001>","email":"eve@example.com","score":91}`)
	now := time.Now()
	req, _ := http.NewRequest(http.MethodPost, "http://"+e.addr+"/api/v1/leads", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
	req.Header.Set(api.HeaderSignature, api.Sign([]byte(webhookSecret), now, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("intake: %d", resp.StatusCode)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(salesChannel)) > 0 }); err != nil {
		t.Fatalf("no card in the sales channel: %v\n%s", err, e.logs)
	}
	msgs := e.emu.Messages(salesChannel)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want one card", len(msgs))
	}
	card := string(msgs[0].Blocks) + msgs[0].Text
	if strings.Contains(card, "<!channel>") || strings.Contains(card, "<@U0REP00001>") {
		t.Errorf("the card lets outside text form a mention: %s", card)
	}
	if !strings.Contains(card, "&lt;!channel&gt; Eve &amp; co") {
		t.Errorf("the card does not show the escaped name: %s", card)
	}
	if msgs[0].Metadata == nil || msgs[0].Metadata.EventType != "armistice_lead_card" {
		t.Errorf("the card carries no lead metadata: %+v", msgs[0].Metadata)
	}
	var blocks []map[string]any
	_ = json.Unmarshal(msgs[0].Blocks, &blocks)
	if !strings.Contains(string(msgs[0].Blocks), `"action_id":"lead_accept"`) || !strings.Contains(string(msgs[0].Blocks), `"action_id":"lead_reject"`) {
		t.Errorf("the card has no Accept and Reject buttons: %s", msgs[0].Blocks)
	}
}
