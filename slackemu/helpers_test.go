package slackemu

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// fakeClock is a settable clock for trigger, response_url and rate limit
// expiry.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type env struct {
	emu   *Server
	http  *httptest.Server
	api   *slack.Client
	clock *fakeClock
}

// newEnv starts an emulator with a fake clock, the test directory and a
// slack-go client using the bot and app tokens.
func newEnv(t *testing.T, cfg Config) *env {
	t.Helper()
	emu := New(cfg)
	clock := &fakeClock{t: time.Unix(1700000000, 0)}
	emu.now = clock.Now
	hs := httptest.NewServer(emu)
	t.Cleanup(func() {
		emu.Close()
		hs.Close()
	})
	emu.AddUser(User{ID: "UALICE", Name: "alice", RealName: "Alice Liddell"})
	emu.AddUser(User{ID: "UBOB", Name: "bob", RealName: "Bob Builder"})
	emu.AddUser(User{ID: "UCAROL", Name: "carol", RealName: "Carol Danvers"})
	emu.AddChannel(Channel{ID: "CLEADS", Name: "leads", Members: []string{"UBOT", "UALICE"}})
	emu.AddChannel(Channel{ID: "COUT", Name: "outside", Members: []string{"UALICE"}})
	emu.AddChannel(Channel{ID: "GSECRET", Name: "secret", IsPrivate: true, Members: []string{"UALICE"}})
	cfg = emu.Config()
	api := slack.New(cfg.BotToken,
		slack.OptionAPIURL(hs.URL+"/api/"),
		slack.OptionAppLevelToken(cfg.AppToken),
	)
	return &env{emu: emu, http: hs, api: api, clock: clock}
}

func ctxTimeout(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// bot runs slack-go's unmodified socketmode client against the emulator
// and hands every Socket Mode request to handle.
type bot struct {
	client *socketmode.Client
	mu     sync.Mutex
	handle func(evt socketmode.Event, c *socketmode.Client)
	hellos chan socketmode.Request
}

func startBot(t *testing.T, e *env, opts ...socketmode.Option) *bot {
	t.Helper()
	opts = append([]socketmode.Option{socketmode.OptionLog(log.New(io.Discard, "", 0))}, opts...)
	b := &bot{client: socketmode.New(e.api, opts...), hellos: make(chan socketmode.Request, 16)}
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan struct{})
	loopDone := make(chan struct{})
	go func() {
		defer close(runDone)
		_ = b.client.RunContext(ctx)
	}()
	go func() {
		defer close(loopDone)
		for {
			select {
			case <-ctx.Done():
				return
			case evt := <-b.client.Events:
				if evt.Type == socketmode.EventTypeHello {
					select {
					case b.hellos <- *evt.Request:
					default:
					}
					continue
				}
				if evt.Request == nil {
					continue
				}
				b.mu.Lock()
				h := b.handle
				b.mu.Unlock()
				if h != nil {
					h(evt, b.client)
				}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-runDone
		<-loopDone
	})
	return b
}

func (b *bot) setHandler(h func(evt socketmode.Event, c *socketmode.Client)) {
	b.mu.Lock()
	b.handle = h
	b.mu.Unlock()
}

func (b *bot) waitHello(t *testing.T) socketmode.Request {
	t.Helper()
	select {
	case r := <-b.hellos:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("no hello from the emulator")
		return socketmode.Request{}
	}
}

// leadBlocks is a lead card with Accept/Reject buttons.
func leadBlocks() []slack.Block {
	return []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*New lead*: ACME", false, false), nil, nil),
		slack.NewActionBlock("lead_actions",
			slack.NewButtonBlockElement("accept", "lead-42", slack.NewTextBlockObject(slack.PlainTextType, "Accept", false, false)).WithStyle(slack.StylePrimary),
			slack.NewButtonBlockElement("reject", "lead-42", slack.NewTextBlockObject(slack.PlainTextType, "Reject", false, false)).WithStyle(slack.StyleDanger),
		),
	}
}

// issueTrigger hands out a trigger as an interaction by userID would.
func (e *env) issueTrigger(userID string) string {
	e.emu.mu.Lock()
	defer e.emu.mu.Unlock()
	return e.emu.newTriggerLocked(userID)
}
