package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/hubspotemu"
	"github.com/armistice/armistice/sandbox"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
)

// workspace is the built-in Slack-compatible workspace that serve runs when
// no chat platform is configured. The bot reaches it over HTTP and WebSocket
// on a loopback port, exactly as it reaches Slack; people use it through the
// sandbox page.
type workspace struct {
	emu    *slackemu.Server
	srv    *http.Server
	apiURL string
	base   string // "http://127.0.0.1:port"

	// hub is the sandbox's HubSpot (sandbox_hubspot.go); nil with a real one.
	hub    *hubspotemu.Server
	hubSrv *http.Server
	// boardToken was made up at start-up for want of ARMISTICE_BOARD_TOKEN,
	// so that the board can be tried: its link is logged once.
	boardToken bool
}

// startSandbox starts the workspace (sandbox.DefaultWorkspace: its people
// and channels) and points cfg's channels and admins at it.
func startSandbox(cfg *config.Config) (*workspace, error) {
	ws := sandbox.DefaultWorkspace
	// Tokens made up for this run: a page elsewhere in the same browser
	// could otherwise post to the workspace's loopback port as the bot with
	// a token anyone can read in the source.
	emu := slackemu.New(slackemu.Config{BotToken: "xoxb-" + rand.Text(), AppToken: "xapp-" + rand.Text()})
	ws.Populate(emu)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		emu.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	srv := &http.Server{Handler: sandbox.AllowHosts(emu), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(fmt.Sprintf("sandbox workspace stopped serving: %v", err))
		}
	}()

	base := "http://" + ln.Addr().String()
	cfg.SlackBotToken = config.Secret(emu.Config().BotToken)
	cfg.SlackAppToken = config.Secret(emu.Config().AppToken)
	cfg.SlackAPIURL = base + "/api/"
	cfg.SalesChannel, cfg.MarketingChannel = ws.Sales.ID, ws.Marketing.ID
	cfg.DigestChannels = []string{ws.Sales.ID, ws.Marketing.ID}
	if len(cfg.Admins) == 0 {
		cfg.Admins = ws.Admins()
	}
	made := !cfg.BoardToken.IsSet()
	if made {
		cfg.BoardToken = config.Secret(rand.Text())
	}
	w := &workspace{emu: emu, srv: srv, apiURL: cfg.SlackAPIURL, base: base, boardToken: made}
	if err := w.startHubSpot(cfg, ws); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// Close stops the workspace.
func (s *workspace) Close() {
	_ = s.srv.Close()
	if s.hubSrv != nil {
		_ = s.hubSrv.Close()
	}
	s.emu.Close()
}

// sandboxPage is the sandbox page while serve runs; nil outside sandbox
// mode, where every method does nothing.
type sandboxPage struct {
	srv        *sandbox.Server
	boardToken bool // made up at start-up: its link is logged
}

// mountPage serves the sandbox page on api's mux ("GET /" and "/sandbox/"),
// over the workspace, the live use cases and the database. On a nil
// workspace (Slack or Teams mode) it does nothing and returns nil.
func (s *workspace) mountPage(mux interface{ Handle(string, http.Handler) }, cfg *config.Config, db *storage.DB, svc *handlers.Service, logger *slog.Logger, now func() time.Time) *sandboxPage {
	if s == nil {
		return nil
	}
	page := sandbox.New(sandbox.Config{
		Emu: s.emu, Workspace: sandbox.DefaultWorkspace, EmuURL: s.base,
		Service: svc, DB: db,
		Location: cfg.Location, Logger: logger, Now: now, HubSpot: s.hub,
		BoardURL: "/board?" + url.Values{"token": {cfg.BoardToken.Reveal()}}.Encode(),
	})
	page.Mount(mux)
	return &sandboxPage{srv: page, boardToken: s.boardToken}
}

// publicURL is where people open the server: ARMISTICE_PUBLIC_URL, else,
// in sandbox mode, the listening address (so that the board command has a
// link to give); nil otherwise.
func (s *workspace) publicURL(cfg *config.Config, addr net.Addr) *url.URL {
	if cfg.PublicURL != nil || s == nil {
		return cfg.PublicURL
	}
	u, _ := url.Parse(pageURL(addr))
	return u
}

// Close ends the page's event streams and its demo data loading.
func (p *sandboxPage) Close() {
	if p != nil {
		p.srv.Close()
	}
}

// guard keeps h to requests addressed to this machine's own names or to
// the host of ARMISTICE_PUBLIC_URL. On a nil workspace (Slack or Teams
// mode) it is h.
func (s *workspace) guard(h http.Handler, cfg *config.Config) http.Handler {
	if s == nil {
		return h
	}
	if cfg.PublicURL != nil {
		return sandbox.AllowHosts(h, cfg.PublicURL.Hostname())
	}
	return sandbox.AllowHosts(h)
}

// announce logs where to open the page: ARMISTICE_PUBLIC_URL, else the
// listening address; and the board's link when its token was made up for
// this run (the sandbox answers this machine alone). A configured token is
// never logged.
func (p *sandboxPage) announce(logger *slog.Logger, cfg *config.Config, addr net.Addr) {
	if p == nil {
		return
	}
	logger.Info("sandbox: open " + openURL(cfg, addr))
	if p.boardToken {
		base, _ := url.Parse(openURL(cfg, addr))
		logger.Info("sandbox: the board on the wall, with a token made up for this run: " + handlers.BoardURL(base, cfg.BoardToken.Reveal()))
	}
}

// greet frames the page's link on a terminal once everything runs, so that
// it stands out among the log lines; without a terminal it does nothing.
func (p *sandboxPage) greet(terminal io.Writer, cfg *config.Config, addr net.Addr) {
	if p != nil && terminal != nil {
		frame(terminal, "Armistice sandbox: open "+openURL(cfg, addr), "Stop it with Ctrl-C.")
	}
}

// openURL is where people open the page: ARMISTICE_PUBLIC_URL, else the
// listening address.
func openURL(cfg *config.Config, addr net.Addr) string {
	if cfg.PublicURL != nil {
		return cfg.PublicURL.String()
	}
	return pageURL(addr)
}

// pageURL is the URL people open for a listening address: an unspecified
// host (":8080") is reached as localhost.
func pageURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
