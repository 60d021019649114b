package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/slackemu"
)

// The sandbox workspace: two channels and people in each role.
const (
	sandboxSales     = "C0SALES001"
	sandboxMarketing = "C0MRKTG001"
	sandboxAdmin     = "U0ADMIN001"
)

var sandboxUsers = []slackemu.User{
	{ID: "U0REP00001", Name: "rosa", RealName: "Rosa Díaz (sales rep)"},
	{ID: "U0REP00002", Name: "sam", RealName: "Sam Okafor (sales rep)"},
	{ID: "U0MKT00001", Name: "mia", RealName: "Mia Laurent (marketer)"},
	{ID: sandboxAdmin, Name: "ada", RealName: "Ada Park (RevOps admin)"},
}

// sandbox is the built-in Slack-compatible workspace that serve runs when no
// chat platform is configured. The bot reaches it over HTTP and WebSocket on
// a loopback port, exactly as it reaches Slack.
type sandbox struct {
	emu    *slackemu.Server
	srv    *http.Server
	apiURL string
}

// startSandbox starts the workspace and points cfg's channels and admins at
// it.
func startSandbox(cfg *config.Config) (*sandbox, error) {
	emu := slackemu.New(slackemu.Config{})
	for _, u := range sandboxUsers {
		emu.AddUser(u)
	}
	bot := emu.Config().BotUserID
	emu.AddChannel(slackemu.Channel{ID: sandboxSales, Name: "sales", Members: []string{bot, "U0REP00001", "U0REP00002"}})
	emu.AddChannel(slackemu.Channel{ID: sandboxMarketing, Name: "marketing", Members: []string{bot, "U0MKT00001", sandboxAdmin}})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		emu.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(fmt.Sprintf("sandbox workspace stopped serving: %v", err))
		}
	}()

	cfg.SlackBotToken = config.Secret(emu.Config().BotToken)
	cfg.SlackAppToken = config.Secret(emu.Config().AppToken)
	cfg.SlackAPIURL = "http://" + ln.Addr().String() + "/api/"
	cfg.SalesChannel, cfg.MarketingChannel = sandboxSales, sandboxMarketing
	cfg.DigestChannels = []string{sandboxSales, sandboxMarketing}
	if len(cfg.Admins) == 0 {
		cfg.Admins = []string{sandboxAdmin}
	}
	return &sandbox{emu: emu, srv: srv, apiURL: cfg.SlackAPIURL}, nil
}

// Close stops the workspace.
func (s *sandbox) Close() {
	_ = s.srv.Close()
	s.emu.Close()
}
