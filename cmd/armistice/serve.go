package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/riverqueue/river"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/board"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/llm"
	"github.com/armistice/armistice/teams"
)

// shutdownGrace is how long in-flight requests and jobs get to finish on
// SIGTERM before they are cut off (and, for jobs, left for another replica).
const shutdownGrace = 10 * time.Second

// serve runs everything until ctx ends: the HTTP server, the jobs and the
// bot (connected to Slack, or to the built-in sandbox workspace).
func (a *App) serve(ctx context.Context) error {
	cfg, logger, db, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	now := a.Now
	if now == nil {
		now = time.Now
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	ln, err := a.listen(cfg.ListenAddr())
	if err != nil {
		return fmt.Errorf("ARMISTICE_HTTP_ADDR: %w", err)
	}
	var adminLn net.Listener // the operator's endpoints, when they have an address of their own
	if cfg.AdminAddr != "" {
		if adminLn, err = a.listen(cfg.AdminAddr); err != nil {
			ln.Close()
			return fmt.Errorf("ARMISTICE_ADMIN_ADDR: %w", err)
		}
		defer adminLn.Close() // on an early return; Shutdown closes it otherwise
	}
	var ws *workspace // the sandbox's, only in sandbox mode
	if cfg.Mode() == config.ModeSandbox {
		sb, err := startSandbox(cfg)
		if err != nil {
			return err
		}
		defer sb.Close()
		ws = sb
		logger.Info("sandbox mode: no Slack tokens set; the bot talks to the built-in Slack-compatible workspace", "slack_api", sb.apiURL)
	}
	// Each platform the deployment is connected to gets its adapter; every
	// message goes through the one that owns its channel.
	chats := handlers.Platforms{}
	var slackBot *bot.Bot
	if cfg.SlackEnabled() || cfg.Mode() == config.ModeSandbox {
		slackBot = bot.New(bot.Config{
			BotToken: cfg.SlackBotToken.Reveal(), AppToken: cfg.SlackAppToken.Reveal(), APIURL: cfg.SlackAPIURL,
			ChannelRate: cfg.SlackPostRate, ChannelBurst: 3,
			Logger: logger, Registerer: reg,
		})
		chats[armistice.Slack] = slackBot
	}
	var teamsBot *teams.Bot
	if cfg.TeamsEnabled() {
		teamsBot = teams.New(ctx, teams.Config{
			Credentials: teams.Credentials{
				AppID: cfg.TeamsAppID, Password: cfg.TeamsAppPassword.Reveal(), TenantID: cfg.TeamsTenantID, TokenURL: cfg.TeamsTokenURL,
			},
			OpenIDMetadataURL: cfg.TeamsOpenIDMetadataURL,
			Store:             teamsStore{db},
			Logger:            logger,
		})
		chats[armistice.Teams] = teamsBot
	}
	mux := http.NewServeMux()

	enqueuer, err := jobs.NewEnqueuer(db.Pool(), cfg.CRMWebhookURL.IsSet())
	if err != nil {
		return err
	}
	hub := hubSpot(cfg, logger) // a nil Client without HUBSPOT_ACCESS_TOKEN: nothing calls HubSpot
	enqueuer.SetHubSpot(hub.Client != nil)
	// The optional language model: nil without OPENAI_API_KEY, and then no
	// AI job is scheduled and nothing calls a model server.
	model := llm.New(llm.Config{APIKey: cfg.OpenAIAPIKey.Reveal(), BaseURL: cfg.OpenAIBaseURL, Model: cfg.OpenAIModel})
	if model != nil {
		logger.Info("weekly AI briefs on", "model", model.Model())
	}
	svc := handlers.New(handlers.Config{
		DB: db, Jobs: enqueuer, Chat: chats, Logger: logger, Now: now, LLM: model,
		Settings: settings(cfg),
		Board:    handlers.BoardAccess{Token: cfg.BoardToken.Reveal(), PublicURL: ws.publicURL(cfg, ln.Addr())},
	})
	if slackBot != nil {
		slackBot.SetService(svc)
	}
	if teamsBot != nil {
		teamsBot.SetService(svc)
		mux.Handle("/api/messages", teamsBot)
	}
	if err := svc.SeedHolidays(ctx); err != nil {
		return err
	}
	// Settings saved from the chat win over the environment; every replica
	// follows their changes without a restart.
	if err := svc.ReloadSettings(ctx); err != nil {
		return fmt.Errorf("reading the settings: %w", err)
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan struct{})
	go func() { defer close(watchDone); svc.WatchSettings(watchCtx) }()
	defer func() { stopWatch(); <-watchDone }()
	workers := jobs.NewWorkers(svc, crmWebhook(cfg, logger))
	jobs.AddHubSpotWorkers(workers, svc, hub)
	runner, err := jobs.NewRunner(db.Pool(), jobs.Config{
		Workers:  workers,
		Periodic: append(append(append([]*river.PeriodicJob{jobs.DigestSchedule(), jobs.AnnounceSweepSchedule()}, jobs.RetentionSchedule(cfg.Retention)...), jobs.BriefSchedule(svc)...), jobs.HubSpotSchedule(hub)...),
		Logger:   logger, Registerer: reg,
	})
	if err != nil {
		return err
	}
	httpAPI := api.New(api.Config{Logger: logger, Gatherer: reg, Registerer: reg, Service: svc, WebhookSecret: cfg.WebhookSecret, HubSpotClientSecret: cfg.HubSpotClientSecret, Now: now, MetricsElsewhere: adminLn != nil})
	mux.Handle("/", httpAPI)
	// The board on the wall: 404 without ARMISTICE_BOARD_TOKEN.
	wall := board.New(board.Config{Source: svc, Token: cfg.BoardToken.Reveal(), Secure: cfg.PublicURL != nil && cfg.PublicURL.Scheme == "https", Logger: logger})
	wall.Mount(mux)
	defer wall.Close()
	page := ws.mountPage(httpAPI, cfg, db, svc, logger, now) // the sandbox page; nil outside sandbox mode
	defer page.Close()

	checks := []api.Check{{Name: "database", Down: "database unreachable", Check: db.Ping}}
	if slackBot != nil {
		checks = append(checks, api.Check{Name: "slack", Down: "slack not connected", Check: slackBot.Ready})
	}
	if teamsBot != nil {
		checks = append(checks, api.Check{Name: "teams", Down: "teams token unavailable", Check: teamsBot.Ready})
	}
	httpAPI.SetReady(checks...)
	srv := &http.Server{
		Handler:           ws.guard(mux, cfg), // in sandbox mode, only for this machine's names
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(page.Close) // its event streams would hold Shutdown up
	srv.RegisterOnShutdown(wall.Close) // so would the board's
	errc := make(chan error, 3)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	logger.Info("listening", "addr", ln.Addr().String())
	adminSrv := &http.Server{Handler: httpAPI.Admin(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, ErrorLog: srv.ErrorLog}
	if adminLn != nil {
		go func() {
			if err := adminSrv.Serve(adminLn); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("admin http: %w", err)
			}
		}()
		logger.Info("serving /metrics, /readyz and /healthz", "admin_addr", adminLn.Addr().String())
	}
	page.announce(logger, cfg, ln.Addr())
	if a.OnListen != nil {
		a.OnListen(ln.Addr().String())
	}

	if err := runner.Start(ctx); err != nil {
		return err
	}
	botCtx, stopBot := context.WithCancel(context.WithoutCancel(ctx))
	botDone := make(chan struct{})
	go func() {
		defer close(botDone)
		if slackBot == nil {
			return
		}
		if err := slackBot.Run(botCtx); err != nil {
			errc <- err
		}
	}()

	page.greet(a.terminal(), cfg, ln.Addr())

	select {
	case <-ctx.Done():
		logger.Info("shutting down")
	case err = <-errc:
		logger.Error("stopping", "err", err)
	}

	// Stop taking new work first, then let what is in flight finish.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	stopBot()
	if e := srv.Shutdown(shutdownCtx); e != nil {
		logger.Warn("http shutdown", "err", e)
	}
	if e := adminSrv.Shutdown(shutdownCtx); e != nil {
		logger.Warn("admin http shutdown", "err", e)
	}
	<-botDone
	if e := runner.Stop(shutdownGrace); e != nil {
		logger.Warn("jobs shutdown", "err", e)
	}
	logger.Info("stopped")
	return err
}
