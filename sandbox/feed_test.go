package sandbox

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/slackemu"
)

// testPage is the sandbox page over a fresh workspace, without the demo
// data (no database), and a Slack client with the bot's token.
type testPage struct {
	emu  *slackemu.Server
	page *Server
	url  string
	api  *slack.Client
}

func newTestPage(t *testing.T) *testPage {
	t.Helper()
	emu := slackemu.New(slackemu.Config{})
	DefaultWorkspace.Populate(emu)
	emuHTTP := httptest.NewServer(emu)
	page := New(Config{Emu: emu, Workspace: DefaultWorkspace, EmuURL: emuHTTP.URL})
	pageHTTP := httptest.NewServer(page)
	t.Cleanup(func() {
		page.Close()
		pageHTTP.Close()
		emuHTTP.Close()
		emu.Close()
	})
	return &testPage{emu: emu, page: page, url: pageHTTP.URL,
		api: slack.New(emu.Config().BotToken, slack.OptionAPIURL(emuHTTP.URL+"/api/"))}
}

// events opens the event stream of user and returns a function that waits
// for the next "change" event's data.
func (p *testPage) events(t *testing.T, user string) func() string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/sandbox/events?user="+user, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type = %q", ct)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() string {
		t.Helper()
		timeout := time.After(10 * time.Second)
		event := ""
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatal("the event stream ended")
				}
				switch {
				case strings.HasPrefix(line, "event: "):
					event = strings.TrimPrefix(line, "event: ")
				case strings.HasPrefix(line, "data: ") && event == "change":
					return strings.TrimPrefix(line, "data: ")
				}
			case <-timeout:
				t.Fatal("no change event within 10 s")
				return ""
			}
		}
	}
}

func TestEventsTellThePageWhenACardIsPostedAndUpdated(t *testing.T) {
	p := newTestPage(t)
	next := p.events(t, Rosa)
	first := next() // what the page sees now

	_, ts, err := p.api.PostMessage(DefaultWorkspace.Sales.ID, slack.MsgOptionText("*New MQL:* Ana", false))
	if err != nil {
		t.Fatal(err)
	}
	posted := next()
	if posted == first {
		t.Error("the fingerprint did not change with a new card")
	}
	if _, _, _, err := p.api.UpdateMessage(DefaultWorkspace.Sales.ID, ts, slack.MsgOptionText("*Accepted* by <@U0REP00002>", false)); err != nil {
		t.Fatal(err)
	}
	if updated := next(); updated == posted {
		t.Error("the fingerprint did not change with the card's update")
	}
}

func TestFingerprintCoversWhatOnePersonSeesAndNothingElse(t *testing.T) {
	p := newTestPage(t)
	rosa, mia := p.page.fingerprint(Rosa), p.page.fingerprint(Mia)
	// Calls that change nothing visible leave it alone.
	if _, err := p.api.GetUserInfo(Sam); err != nil {
		t.Fatal(err)
	}
	if got := p.page.fingerprint(Rosa); got != rosa {
		t.Error("users.info changed Rosa's fingerprint")
	}
	// An ephemeral message is only its reader's.
	if _, err := p.api.PostEphemeral(DefaultWorkspace.Marketing.ID, Mia, slack.MsgOptionText("only for Mia", false)); err != nil {
		t.Fatal(err)
	}
	if got := p.page.fingerprint(Rosa); got != rosa {
		t.Error("Mia's ephemeral changed Rosa's fingerprint")
	}
	if got := p.page.fingerprint(Mia); got == mia {
		t.Error("Mia's ephemeral did not change her fingerprint")
	}
}

func TestEventsEndWhenThePageCloses(t *testing.T) {
	p := newTestPage(t)
	resp, err := http.Get(p.url + "/sandbox/events?user=" + Sam)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
		}
	}()
	p.page.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the event stream outlived Close")
	}
}
