package board_test

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/board"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

const (
	token   = "wall-screen-token-0123456789"
	admin   = "U0ADMIN001"
	manager = "U0MGR00001"
	sales   = "C0SALES001"
	// oddReason is a rejection reason an admin could configure: text from
	// people, which the page must escape.
	oddReason = `<b onclick="x()">Budget & timing</b>`
)

// fixture is a board over a real Service and database, served over HTTP.
type fixture struct {
	svc   *handlers.Service
	board *board.Server
	srv   *httptest.Server
	leads []int64
}

// start builds the Service (admin and manager set, the month's clock at
// Wednesday 18 November 2026, 15:00 UTC) and serves the board with cfg
// (Source and Token filled in unless given).
func start(t *testing.T, cfg board.Config) *fixture {
	t.Helper()
	db := storagetest.DB(t)
	now := func() time.Time { return time.Date(2026, 11, 18, 15, 0, 0, 0, time.UTC) }
	db.SetClock(now)
	b, _ := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales"})
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Now: now, Settings: handlers.Settings{
		SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours, Location: time.UTC,
		Admins: []string{admin}, SalesManagers: []string{manager},
		RejectionReasons: []string{"No budget", oddReason},
	}})
	if cfg.Source == nil {
		cfg.Source = svc
	}
	f := &fixture{svc: svc}
	f.board = board.New(cfg)
	mux := http.NewServeMux()
	f.board.Mount(mux)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(func() { f.board.Close(); f.srv.Close() })
	return f
}

// seed sets three goals and hands over ten leads, of which the manager
// accepts three and rejects two (one for oddReason).
func (f *fixture) seed(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	for metric, target := range map[string]string{"mqls": "40", "accepted": "12", "revenue": "50k"} {
		if _, _, _, err := f.svc.SetGoal(ctx, admin, metric, target, ""); err != nil {
			t.Fatal(err)
		}
	}
	var leads []armistice.Lead
	for i := range 10 {
		leads = append(leads, armistice.Lead{ExternalID: fmt.Sprintf("wall-%02d", i), Email: fmt.Sprintf("w%d@example.com", i)})
	}
	got, err := f.svc.TakeLeads(ctx, leads, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		f.leads = append(f.leads, r.ID)
	}
	for i, d := range []armistice.Decision{
		{Verdict: armistice.StatusAccepted}, {Verdict: armistice.StatusAccepted}, {Verdict: armistice.StatusAccepted},
		{Verdict: armistice.StatusRejected, Reason: "No budget"}, {Verdict: armistice.StatusRejected, Reason: oddReason},
	} {
		f.decide(t, i, d)
	}
}

// decide decides the i-th seeded lead as the manager.
func (f *fixture) decide(t *testing.T, i int, d armistice.Decision) {
	t.Helper()
	d.By = manager
	if _, err := f.svc.Decide(context.Background(), f.leads[i], d); err != nil {
		t.Fatal(err)
	}
}

// client is an HTTP client with a cookie jar that does not follow
// redirects.
func client(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The timeout ends an event stream answered where a page was expected.
	return &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// signIn opens the board's link with c and checks the redirect.
func (f *fixture) signIn(t *testing.T, c *http.Client) {
	t.Helper()
	resp, _ := get(t, c, f.srv.URL+"/board?token="+token)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/board" {
		t.Fatalf("the link answered %d to %q, want 303 to /board", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestBoardIsOffWithoutAToken(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{})
	c := client(t)
	for _, path := range []string{"/board", "/board?token=" + token, "/board?token=", "/board/fragment", "/board/events"} {
		if resp, _ := get(t, c, f.srv.URL+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d without ARMISTICE_BOARD_TOKEN, want 404", path, resp.StatusCode)
		}
	}
}

func TestBoardAnswers401WithoutTheLink(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token})
	c := client(t)
	for _, path := range []string{"/board", "/board?tv=1", "/board/fragment", "/board/events", "/board?token=not-the-token-0123456789", "/board?token="} {
		resp, body := get(t, c, f.srv.URL+path)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s = %d, want 401", path, resp.StatusCode)
		}
		if !strings.Contains(body, "needs its link") {
			t.Errorf("GET %s: the refusal does not say the link is needed:\n%s", path, body)
		}
		if len(resp.Cookies()) > 0 {
			t.Errorf("GET %s set cookies %v", path, resp.Cookies())
		}
	}
}

func TestBoardLinkSetsACookieAndRedirectsWithoutTheToken(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token})
	c := client(t)
	resp, _ := get(t, c, f.srv.URL+"/board?token="+token+"&tv=1")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the link answered %d, want 303", resp.StatusCode)
	}
	if loc := resp.Header.Get("Location"); loc != "/board?tv=1" {
		t.Errorf("redirected to %q, want /board?tv=1 (the token gone, the rest kept)", loc)
	}
	cookies := resp.Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies %v, want one", cookies)
	}
	ck := cookies[0]
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/board" || ck.Secure || ck.MaxAge <= 0 {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, Path=/board, not Secure over plain HTTP, lasting", ck)
	}
	if ck.Value == "" || strings.Contains(ck.Value, token) {
		t.Errorf("the cookie's value %q is the token or empty", ck.Value)
	}
	if resp, _ := get(t, c, f.srv.URL+"/board?tv=1"); resp.StatusCode != http.StatusOK {
		t.Errorf("with the cookie, /board = %d, want 200", resp.StatusCode)
	}

	// Behind a TLS proxy (ARMISTICE_PUBLIC_URL https) the cookie is Secure.
	secure := start(t, board.Config{Token: token, Secure: true})
	resp, _ = get(t, client(t), secure.srv.URL+"/board?token="+token)
	if cs := resp.Cookies(); len(cs) != 1 || !cs[0].Secure {
		t.Errorf("cookies %v, want one Secure cookie", cs)
	}
}

func TestBoardShowsTheFiguresOfGoalsAndStats(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token})
	f.seed(t)
	c := client(t)
	f.signIn(t, c)
	resp, body := get(t, c, f.srv.URL+"/board")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/board = %d\n%s", resp.StatusCode, body)
	}
	ctx := context.Background()
	goals, err := f.svc.Goals(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	text := pageText(body)
	for _, want := range []string{"November 2026", fmt.Sprintf("%d of %d working days", goals.DaysElapsed, goals.WorkingDays),
		"Marketing commits to", "Sales commits to", "Both teams share"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	withGoal := 0
	for _, p := range goals.Progress {
		// As `goals` writes it: the label, the actual, then the standing
		// (" of 40 (25%) — behind pace: …").
		line := p.Label + " " + armistice.FormatMetric(p.MetricInfo, p.Actual) + " " + strings.Replace(strings.TrimSpace(p.Standing()), " — ", " ", 1)
		if !strings.Contains(text, line) {
			t.Errorf("the page lacks the goal line %q", line)
		}
		if p.HasGoal {
			withGoal++
		}
	}
	if withGoal != 3 {
		t.Fatalf("%d goals set, want 3", withGoal)
	}
	stats, err := f.svc.Stats(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	sc := stats.Counts
	if sc.MQLs != 10 || sc.Decided != 5 || sc.Accepted != 3 {
		t.Fatalf("stats %+v, want 10 MQLs, 5 decided, 3 accepted", sc)
	}
	for _, want := range []string{
		fmt.Sprintf("MQLs %d", sc.MQLs), fmt.Sprintf("Decided %d", sc.Decided), fmt.Sprintf("Accepted %d 60%% of decided", sc.Accepted),
		fmt.Sprintf("SLA met %d", sc.SLAMet), "Opportunities 0", "Won 0", "Revenue 0", "Awaiting a decision now: 5",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the funnel lacks %q", want)
		}
	}
	// The charts: a bar per goal set, a point per day of the trend.
	if n := strings.Count(body, `<g class="bar `); n != 3 {
		t.Errorf("%d bars in the progress chart, want 3", n)
	}
	if n := strings.Count(body, `<g class="day">`); n != 15 {
		t.Errorf("%d days in the trend chart, want 15 (the digest's 14 and today)", n)
	}
	// People's text is escaped.
	if strings.Contains(body, oddReason) || !strings.Contains(body, html.EscapeString(oddReason)) {
		t.Errorf("the rejection reason %q is not escaped on the page", oddReason)
	}
}

// pageText is the page's text with its markup and redundant space gone.
func pageText(body string) string {
	body = regexp.MustCompile(`(?s)<(style|script|title|desc)[^>]*>.*?</(style|script|title|desc)>`).ReplaceAllString(body, " ")
	body = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " ")
	return strings.Join(strings.Fields(html.UnescapeString(body)), " ")
}

func TestAChangedTokenSignsOldCookiesOut(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token})
	c := client(t)
	f.signIn(t, c)
	u := f.srv.URL + "/board"
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	cookies := c.Jar.Cookies(req.URL)
	if len(cookies) != 1 {
		t.Fatalf("cookies %v", cookies)
	}

	// The same database, the token changed: a new process's board.
	other := board.New(board.Config{Source: f.svc, Token: "another-wall-token-9876543210"})
	mux := http.NewServeMux()
	other.Mount(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer other.Close()
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/board", nil)
	req.AddCookie(cookies[0])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an old token's cookie got %d, want 401", resp.StatusCode)
	}
}

func TestBoardLoadsNothingFromElsewhere(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token})
	f.seed(t)
	c := client(t)
	f.signIn(t, c)
	for _, path := range []string{"/board", "/board?tv=1", "/board/fragment"} {
		resp, body := get(t, c, f.srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s = %d", path, resp.StatusCode)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "connect-src 'self'", "img-src data:"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http") {
			t.Errorf("%s: CSP %q allows inline code or a host", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
			t.Errorf("%s refers to another address:\n%s", path, body)
		}
		nonce := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(csp)
		for _, tag := range regexp.MustCompile(`<(script|style)[^>]*>`).FindAllString(body, -1) {
			if nonce == nil || !strings.Contains(tag, `nonce="`+nonce[1]+`"`) {
				t.Errorf("%s: %s without the CSP's nonce", path, tag)
			}
		}
	}
}

// events reads a board's event stream.
type events struct {
	r    *bufio.Reader
	body io.Closer
}

func openEvents(t *testing.T, c *http.Client, url string) (*http.Response, *events) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp, &events{r: bufio.NewReader(resp.Body), body: resp.Body}
}

// next returns the next event's data, or the next comment (with its ":").
func (e *events) next(t *testing.T) string {
	t.Helper()
	for {
		line, err := e.r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, ":"):
			return line
		case strings.HasPrefix(line, "data: "):
			return strings.TrimPrefix(line, "data: ")
		}
	}
}

// data returns the next event's data, past any comments.
func (e *events) data(t *testing.T) string {
	t.Helper()
	for {
		if got := e.next(t); !strings.HasPrefix(got, ":") {
			return got
		}
	}
}

func TestBoardEventsTellOfEachChange(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token, Poll: 20 * time.Millisecond, MaxStreams: 1, Heartbeat: 50 * time.Millisecond})
	f.seed(t)
	c := client(t)
	f.signIn(t, c)
	resp, stream := openEvents(t, c, f.srv.URL+"/board/events")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("/board/events = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	first := stream.data(t)
	// A second screen over the limit is turned away.
	if resp, _ := get(t, c, f.srv.URL+"/board/events"); resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("a stream over the limit got %d, want 503 with Retry-After", resp.StatusCode)
	}
	// Idle, the stream gets comments.
	if got := stream.next(t); got != ": keep-alive" {
		t.Errorf("idle stream sent %q, want a keep-alive comment", got)
	}

	for _, change := range []struct {
		name string
		do   func()
	}{
		{"a decision", func() { f.decide(t, 5, armistice.Decision{Verdict: armistice.StatusAccepted}) }},
		{"a new lead", func() {
			if _, err := f.svc.TakeLeads(context.Background(), []armistice.Lead{{ExternalID: "wall-new", Email: "new@example.com"}}, handlers.TakeOptions{Actor: "test"}); err != nil {
				t.Fatal(err)
			}
		}},
		{"a goal", func() {
			if _, _, _, err := f.svc.SetGoal(context.Background(), admin, "won", "3", ""); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		change.do()
		got := stream.data(t)
		if got == first {
			t.Errorf("after %s the stream sent the old version %q", change.name, got)
		}
		first = got
	}
}

// A month whose agreement awaits signatures says so on the board, as goals
// and the digests do.
func TestBoardMarksAnUnsignedMonth(t *testing.T) {
	t.Parallel()
	f := start(t, board.Config{Token: token})
	c := client(t)
	f.signIn(t, c)
	if _, body := get(t, c, f.srv.URL+"/board"); strings.Contains(pageText(body), "Unsigned") {
		t.Fatalf("a month without an agreement is marked unsigned:\n%s", pageText(body))
	}
	if _, err := f.svc.ProposeAgreement(context.Background(), admin, ""); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, c, f.srv.URL+"/board")
	if text := pageText(body); !strings.Contains(text, "Unsigned: version 1 of the agreement for 2026-11 awaits the signature of both teams.") {
		t.Errorf("the board does not mark the unsigned month:\n%s", text)
	}
}
