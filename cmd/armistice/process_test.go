package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// binary builds the armistice command once per test run, with the race
// detector, for the tests that run it as a separate process.
func binary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "armistice-bin")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "armistice")
		out, err := exec.Command("go", "build", "-race", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// process is `armistice serve` running as its own process, in sandbox mode.
type process struct {
	cmd  *exec.Cmd
	addr string
	logs *syncBuffer
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done
}

// startProcess runs serve against dbURL, in sandbox mode unless env sets
// Slack's variables.
func startProcess(t *testing.T, dbURL string, env ...string) *process {
	t.Helper()
	p := &process{addr: freeAddr(t), logs: &syncBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(binary(t), "serve")
	p.cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ARMISTICE_HTTP_ADDR="+p.addr,
		"SLACK_BOT_TOKEN=", "SLACK_APP_TOKEN=", "TEAMS_APP_ID=")
	p.cmd.Env = append(p.cmd.Env, env...)
	p.cmd.Stderr = p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// awaitReady polls /readyz until it answers 200.
func (p *process) awaitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			t.Fatalf("armistice exited: %v\n%s", p.err, p.logs)
		default:
		}
		resp, err := http.Get("http://" + p.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("armistice at %s not ready within 60 s\n%s", p.addr, p.logs)
}

func TestServeShutsDownCleanlyOnSIGTERM(t *testing.T) {
	t.Parallel()
	p := startProcess(t, storagetest.URL(t))
	p.awaitReady(t)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
		if p.err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", p.err, p.logs)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("still running 20 s after SIGTERM\n%s", p.logs)
	}
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(p.logs.String(), want) {
			t.Errorf("logs lack %s:\n%s", want, p.logs)
		}
	}
}

func TestThreeReplicasStartTogetherOnAnEmptyDatabase(t *testing.T) {
	t.Parallel()
	dbURL := storagetest.URL(t)
	ctx := context.Background()
	db, err := storage.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool().Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	replicas := []*process{startProcess(t, dbURL), startProcess(t, dbURL), startProcess(t, dbURL)}
	for _, p := range replicas {
		p.awaitReady(t)
	}
}

func TestBadVariableStopsStartupWithOneLine(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(binary(t), "serve")
	cmd.Env = append(os.Environ(), "ARMISTICE_TIMEZONE=Mars/Olympus", "SLACK_BOT_TOKEN=", "SLACK_APP_TOKEN=")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("serve started with a bad time zone")
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "armistice: ARMISTICE_TIMEZONE: unknown time zone") {
		t.Errorf("output = %q, want one line naming ARMISTICE_TIMEZONE", out)
	}
}

// sendLead posts a signed lead to the intake API and expects a 201.
func sendLead(t testing.TB, addr, body string) {
	t.Helper()
	sendLeadAt(t, addr, body, time.Now())
}

// sendLeadAt signs the lead at now, for a server whose clock says now.
func sendLeadAt(t testing.TB, addr, body string, now time.Time) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v1/leads", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
	req.Header.Set(api.HeaderSignature, api.Sign([]byte(webhookSecret), now, []byte(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("intake: %d", resp.StatusCode)
	}
}
