package teams

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/armistice/armistice/handlers/converse"
)

// Config is what the Teams side needs.
type Config struct {
	Credentials Credentials
	// OpenIDMetadataURL is where the keys that sign Teams' calls are
	// published.
	OpenIDMetadataURL string
	// Store keeps the installations, conversations and users the bot has
	// seen.
	Store  Store
	Logger *slog.Logger
	// HTTPClient carries the calls to the identity and connector services;
	// nil: a default client.
	HTTPClient *http.Client
}

// Bot is the Teams side: the /api/messages endpoint and the Chat for
// channels in Teams.
type Bot struct {
	appID    string
	tenantID string
	verifier *Verifier
	conn     *Connector
	db       Store
	log      *slog.Logger
	rosters  rosterCache
	emails   emailCache // user_email.go
	svc      Service
	conv     *converse.Conversation
}

// New builds the Teams side. ctx bounds the background work: the token
// source's and the daily refresh of the keys that sign Teams' calls.
func New(ctx context.Context, cfg Config) *Bot {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	b := &Bot{
		appID:    cfg.Credentials.AppID,
		tenantID: cfg.Credentials.TenantID,
		verifier: NewVerifier(ctx, cfg.Credentials.AppID, cfg.OpenIDMetadataURL, client, cfg.Logger),
		conn:     NewConnector(ctx, cfg.Credentials, client),
		db:       cfg.Store,
		log:      cfg.Logger,
		rosters:  rosterCache{ttl: time.Minute, entries: map[string]rosterEntry{}},
		conv:     converse.New(nil, cfg.Logger), // until SetService: the help and error wording
	}
	return b
}

// SetService connects the bot to the use cases (which need the bot as
// their Chat, hence after New).
func (b *Bot) SetService(svc Service) {
	b.svc = svc
	b.conv = converse.New(svc, b.log)
}

// Ready tells whether a connector token can be had, for /readyz.
func (b *Bot) Ready(ctx context.Context) error { return b.conn.CheckToken(ctx) }

// botMRI is the bot's own ID in activities.
func (b *Bot) botMRI() string { return "28:" + b.appID }
