// Package bottest connects a bot to a fresh slackemu workspace, for the
// tests of the packages that reach Slack through the bot.
package bottest

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/slackemu"
)

// Start runs a bot against a new slackemu that holds channels (the bot's
// user is added to each), with Slack's posting pace lifted, and returns
// once the bot is connected. Both stop when t ends.
func Start(t testing.TB, channels ...slackemu.Channel) (*bot.Bot, *slackemu.Server) {
	t.Helper()
	emu := slackemu.New(slackemu.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	for _, ch := range channels {
		ch.Members = append([]string{emu.Config().BotUserID}, ch.Members...)
		emu.AddChannel(ch)
	}
	b := bot.New(bot.Config{BotToken: emu.Config().BotToken, AppToken: emu.Config().AppToken, APIURL: srv.URL + "/api/", ChannelRate: 100, ChannelBurst: 10})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	wait, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	// The bot's readiness is no state of the emulator's, which Await
	// watches: poll it.
	for b.Ready(wait) != nil {
		select {
		case <-wait.Done():
			t.Fatalf("the bot did not connect to slackemu: %v", wait.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	return b, emu
}
