package main

import (
	"log/slog"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/hubspot"
)

// hubSpot is how the deployment reaches HubSpot: with HUBSPOT_ACCESS_TOKEN,
// a client of HUBSPOT_API_URL; without it, a nil client, and nothing calls
// HubSpot.
func hubSpot(cfg *config.Config, logger *slog.Logger) handlers.HubSpot {
	hub := handlers.HubSpot{
		Client:   hubspot.New(hubspot.Config{Token: cfg.HubSpotAccessToken.Reveal(), BaseURL: cfg.HubSpotAPIURL}),
		OnAccept: cfg.HubSpotOnAccept, OnReject: cfg.HubSpotOnReject,
	}
	if hub.Client != nil {
		logger.Info("HubSpot on: decisions are written to contacts, deals are read back each minute", "hubspot_api", cfg.HubSpotAPIURL)
	}
	return hub
}
