package bot

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice/slackemu"
)

const (
	testChannel = "C0SALES001"
	testUser    = "U0REP00001"
)

// runBot connects a bot to a fresh slackemu and returns both.
func runBot(t *testing.T, cfg Config) (*Bot, *slackemu.Server) {
	t.Helper()
	emu := slackemu.New(slackemu.Config{})
	srv := httptest.NewServer(emu)
	emu.AddUser(slackemu.User{ID: testUser, Name: "rosa"})
	emu.AddChannel(slackemu.Channel{ID: testChannel, Name: "sales", Members: []string{emu.Config().BotUserID, testUser}})
	cfg.BotToken, cfg.AppToken, cfg.APIURL = emu.Config().BotToken, emu.Config().AppToken, srv.URL+"/api/"
	b := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		srv.Close()
		emu.Close()
	})
	wait, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	// The bot's readiness is no state of the emulator's, which Await
	// watches: poll it.
	for emu.Connections() != 1 || b.Ready(wait) != nil {
		select {
		case <-wait.Done():
			t.Fatalf("bot did not connect: %v", wait.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	return b, emu
}

func command(t *testing.T, emu *slackemu.Server, text string) slackemu.Ack {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ack, err := emu.SlashCommand(ctx, testUser, testChannel, "/armistice", text)
	if err != nil {
		t.Fatalf("/armistice %s: %v", text, err)
	}
	return ack
}

func TestPanickingHandlerIsAckedAndTheBotGoesOn(t *testing.T) {
	b, emu := runBot(t, Config{})
	run := b.command
	b.command = func(ctx context.Context, a *acker, cmd slack.SlashCommand) {
		if cmd.Text == "boom" {
			panic("handler bug")
		}
		run(ctx, a, cmd)
	}
	ack := command(t, emu, "boom")
	if len(ack.Payload) != 0 && string(ack.Payload) != "null" {
		t.Errorf("a panicking handler's envelope should be acked empty, got %s", ack.Payload)
	}
	if !strings.Contains(string(command(t, emu, "help").Payload), "Armistice commands") {
		t.Error("the bot stopped answering after a panic")
	}
}

func TestSlowHandlerIsAckedBeforeTheDeadline(t *testing.T) {
	b, emu := runBot(t, Config{AckDeadline: 200 * time.Millisecond})
	release := make(chan struct{})
	answered := make(chan bool, 1)
	b.command = func(_ context.Context, a *acker, _ slack.SlashCommand) {
		<-release
		answered <- a.ack(map[string]string{"text": "too late"})
	}
	ack := command(t, emu, "slow")
	close(release)
	if ack.Latency >= time.Second {
		t.Errorf("acked after %s; the bot must ack for a slow handler at its deadline", ack.Latency)
	}
	if <-answered {
		t.Error("the slow handler's own ack went out too: one envelope, two acks")
	}
}

func TestHelpListsEveryCommandEscapedForTheCaller(t *testing.T) {
	_, emu := runBot(t, Config{})
	payload := string(command(t, emu, "HELP").Payload)
	for _, want := range []string{"/armistice lead EXTERNAL_ID", "/armistice forget EMAIL", "/armistice route list|add|remove", `"response_type":"ephemeral"`} {
		if !strings.Contains(payload, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
