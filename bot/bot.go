// Package bot is the Slack side of Armistice: the Socket Mode loop, the
// router from commands, buttons, forms, shortcuts and events to the use cases
// in handlers, the Block Kit views, and the Web API client. Every envelope is
// acknowledged once and within Slack's 3-second deadline; the work that
// follows runs after the ack. It decides no business rule.
package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/armistice/armistice/handlers/converse"
)

// Config is what the bot needs to reach Slack.
type Config struct {
	BotToken string // xoxb-…
	AppToken string // xapp-…
	APIURL   string // the Web API base, ending with "/"
	// AckDeadline is how long a handler may take before the bot acks its
	// envelope empty on its behalf; below Slack's 3 s so the ack arrives in
	// time. Zero means 2 s.
	AckDeadline time.Duration
	// ChannelRate is how many messages a second the bot posts to one
	// channel, with bursts of ChannelBurst; zero means Slack's 1 a second
	// with bursts of 3.
	ChannelRate  float64
	ChannelBurst int
	Logger       *slog.Logger
	Registerer   prometheus.Registerer // nil: metrics are not registered
	// HomeInterval is how often at most a user's Home tab is published;
	// zero means every 3 seconds.
	HomeInterval time.Duration
}

// Bot is one Socket Mode connection and the router behind it.
type Bot struct {
	api         *slack.Client
	httpClient  *http.Client
	sm          *socketmode.Client
	log         *slog.Logger
	metrics     *metrics
	ackDeadline time.Duration
	pacer       *pacer
	members     memberCache
	groups      groupCache
	emails      emailCache // user_email.go
	home        homes      // home.go
	svc         Service
	conv        *converse.Conversation
	// command answers a slash command: onCommand, unless a test stands in.
	command func(context.Context, *acker, slack.SlashCommand)

	connected atomic.Bool
	botUserID atomic.Value // string
	inflight  sync.WaitGroup
}

// New builds a bot; Run connects it.
func New(cfg Config) *Bot {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ChannelRate == 0 {
		cfg.ChannelRate, cfg.ChannelBurst = 1, 3
	}
	if cfg.ChannelBurst == 0 {
		cfg.ChannelBurst = 1
	}
	if cfg.AckDeadline == 0 {
		cfg.AckDeadline = 2 * time.Second
	}
	m := newMetrics(cfg.Registerer)
	httpClient := &http.Client{Timeout: 20 * time.Second, Transport: m.instrument(http.DefaultTransport)}
	api := slack.New(cfg.BotToken,
		slack.OptionAPIURL(cfg.APIURL),
		slack.OptionAppLevelToken(cfg.AppToken),
		slack.OptionHTTPClient(httpClient),
	)
	b := &Bot{
		api:         api,
		httpClient:  httpClient,
		sm:          socketmode.New(api, socketmode.OptionLog(slogAdapter{cfg.Logger})),
		log:         cfg.Logger,
		metrics:     m,
		ackDeadline: cfg.AckDeadline,
		pacer:       newPacer(cfg.ChannelRate, cfg.ChannelBurst),
		conv:        converse.New(nil, cfg.Logger), // help needs no Service
	}
	b.command = b.onCommand
	b.home = homes{interval: cmp.Or(cfg.HomeInterval, defaultHomeInterval), publish: b.publishHome, log: b.log.Warn}
	return b
}

// SetService gives the bot the use cases its commands, buttons and forms
// call. The Service in turn reaches Slack through the bot (it is its Chat),
// so it is set after both exist, before Run.
func (b *Bot) SetService(svc Service) {
	b.svc = svc
	b.conv = converse.New(svc, b.log)
}

// Ready reports whether the Socket Mode connection is up, for /readyz.
func (b *Bot) Ready(context.Context) error {
	if !b.connected.Load() {
		return errors.New("not connected to Slack")
	}
	return nil
}

// Run checks the token, connects, and serves envelopes until ctx ends or the
// connection fails for good (a revoked token). It returns after the
// envelopes in hand are handled.
func (b *Bot) Run(ctx context.Context) error {
	auth, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return fmt.Errorf("slack: checking the bot token (auth.test): %w", err)
	}
	b.botUserID.Store(auth.UserID)
	b.log.Info("slack: authenticated", "team", auth.Team, "bot_user", auth.UserID)

	smCtx, stopSocket := context.WithCancel(ctx)
	defer stopSocket()
	b.home.start(smCtx)
	defer b.home.stop()
	runErr := make(chan error, 1)
	go func() { runErr <- b.sm.RunContext(smCtx) }()

	defer b.inflight.Wait()
	defer b.setConnected(false)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-runErr:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case evt := <-b.sm.Events:
			b.dispatch(ctx, evt)
		}
	}
}

// dispatch takes one event from the Socket Mode client: connection news is
// recorded at once; envelopes are handled on their own goroutine so that no
// handler ever blocks the loop.
func (b *Bot) dispatch(ctx context.Context, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		b.setConnected(false)
		b.log.Debug("slack: connecting")
	case socketmode.EventTypeConnected:
		b.setConnected(true)
		b.log.Info("slack: connected")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth:
		b.setConnected(false)
		b.log.Warn("slack: connection failed", "event", evt.Type, "detail", fmt.Sprint(evt.Data))
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		b.log.Warn("slack: socket error", "event", evt.Type, "detail", fmt.Sprint(evt.Data))
	case socketmode.EventTypeErrorBadMessage:
		b.ackUndecodable(evt)
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
		b.handle(ctx, evt)
	}
}

func (b *Bot) setConnected(up bool) {
	b.connected.Store(up)
	if up {
		b.metrics.connected.Set(1)
	} else {
		b.metrics.connected.Set(0)
	}
}
