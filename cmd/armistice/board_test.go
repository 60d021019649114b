package main

import (
	"bufio"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/storage/storagetest"
)

const boardToken = "e2e-board-token-0123456789"

// noRedirects is a client with a cookie jar that shows redirects instead of
// following them.
func noRedirects(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func status(t *testing.T, c *http.Client, url string) *http.Response {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// awaitReady waits until serve at addr answers /readyz with 200: its jobs
// and its bot have started.
func awaitReady(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp := status(t, http.DefaultClient, "http://"+addr+"/readyz")
		if resp.StatusCode == http.StatusOK {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve at %s not ready within 20 s: %d", addr, resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeAnswers404ForTheBoardWithoutItsToken(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	for _, path := range []string{"/board", "/board?token=" + boardToken, "/board/events"} {
		if code, _ := e.get(t, path); code != http.StatusNotFound {
			t.Errorf("GET %s = %d without ARMISTICE_BOARD_TOKEN, want 404", path, code)
		}
	}
}

func TestServeShowsTheBoardToItsLinkAndStopsWithAScreenOpen(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_BOARD_TOKEN": boardToken, "ARMISTICE_PUBLIC_URL": "https://armistice.example.com"})
	base := "http://" + e.addr
	c := noRedirects(t)
	if resp := status(t, c, base+"/board"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/board without the link = %d, want 401", resp.StatusCode)
	}
	resp := status(t, c, base+"/board?token="+boardToken)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/board" {
		t.Fatalf("the link = %d to %q, want 303 to /board", resp.StatusCode, resp.Header.Get("Location"))
	}
	if cs := resp.Cookies(); len(cs) != 1 || !cs[0].Secure {
		t.Errorf("cookies %v: want one, Secure, as ARMISTICE_PUBLIC_URL is https", cs)
	}
	// The cookie is Secure: sent back over https only. Send it by hand.
	cookie := resp.Cookies()[0]
	req, _ := http.NewRequest(http.MethodGet, base+"/board", nil)
	req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	page, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != http.StatusOK || !strings.Contains(string(body), "The agreement") {
		t.Fatalf("/board with the cookie = %d\n%s", page.StatusCode, body)
	}

	// A screen keeps the event stream open; serve still stops at once.
	req, _ = http.NewRequest(http.MethodGet, base+"/board/events", nil)
	req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if line, err := bufio.NewReader(stream.Body).ReadString('\n'); err != nil || !strings.HasPrefix(line, "retry:") {
		t.Fatalf("the stream began %q (%v)", line, err)
	}
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(stream.Body); err != nil {
		t.Errorf("the stream did not end cleanly: %v", err)
	}
	logs := e.logs.String()
	if strings.Contains(logs, "http shutdown") {
		t.Errorf("the board's stream held the shutdown up:\n%s", logs)
	}
	if strings.Contains(logs, boardToken) {
		t.Errorf("the logs show the board's token:\n%s", logs)
	}
}

func TestSandboxLogsAMadeUpBoardLinkOnceAndLinksTheBoard(t *testing.T) {
	t.Parallel()
	addr, logs := startSandboxServe(t)
	links := regexp.MustCompile(`the board on the wall, with a token made up for this run: (http://127\.0\.0\.1:\d+/board\?token=[A-Z2-7]{26})\b`).FindAllStringSubmatch(logs.String(), -1)
	if len(links) != 1 {
		t.Fatalf("%d board links in the start-up log, want one:\n%s", len(links), logs)
	}
	c := noRedirects(t)
	if resp := status(t, c, links[0][1]); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the logged link = %d, want 303", resp.StatusCode)
	}
	if resp := status(t, c, "http://"+addr+"/board"); resp.StatusCode != http.StatusOK {
		t.Errorf("/board after the link = %d, want 200", resp.StatusCode)
	}
	_, page := (&e2e{addr: addr}).get(t, "/")
	if !strings.Contains(page, `id="board-link" class="banner-link" href="/board?token=`) {
		t.Errorf("the sandbox page does not link the board:\n%s", page)
	}

	// A token set in the environment works and is never logged.
	e := runServe(t, map[string]string{"DATABASE_URL": storagetest.URL(t), "ARMISTICE_HTTP_ADDR": "127.0.0.1:0", "ARMISTICE_BOARD_TOKEN": boardToken})
	if resp := status(t, noRedirects(t), "http://"+e.addr+"/board?token="+boardToken); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the configured token's link = %d, want 303", resp.StatusCode)
	}
	// The start-up lines are all logged by the time serve listens; it is
	// stopped once running in full.
	awaitReady(t, e.addr)
	awaitReady(t, addr)
	if l := e.logs.String(); strings.Contains(l, boardToken) || strings.Contains(l, "/board?token=") {
		t.Errorf("a configured token was logged:\n%s", l)
	}
}
