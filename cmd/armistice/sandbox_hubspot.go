package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/hubspotemu"
	"github.com/armistice/armistice/sandbox"
)

// startHubSpot runs the sandbox's HubSpot (hubspotemu) on a loopback port,
// unless HUBSPOT_ACCESS_TOKEN names a real one: the workspace's reps are
// its owners, by their email addresses, and the demo's leads become its
// contacts, so a decision on a demo lead is written to HubSpot.
func (s *workspace) startHubSpot(cfg *config.Config, ws sandbox.Workspace) error {
	if cfg.HubSpotAccessToken.IsSet() {
		return nil
	}
	hub := hubspotemu.New(hubspotemu.Config{})
	for i, p := range ws.People {
		if p.Role == sandbox.RoleRep && p.Email != "" {
			hub.AddOwner(hubspotemu.Owner{ID: strconv.Itoa(9001 + i), Email: p.Email, FirstName: p.RealName})
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	srv := &http.Server{Handler: sandbox.AllowHosts(hub), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(fmt.Sprintf("sandbox HubSpot stopped serving: %v", err))
		}
	}()
	s.hub, s.hubSrv = hub, srv
	cfg.HubSpotAccessToken = config.Secret(hub.Token())
	cfg.HubSpotAPIURL = "http://" + ln.Addr().String()
	return nil
}
