package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/armistice/armistice/hubspotemu"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

func TestHubSpotTeamsRepAcceptsAndBecomesTheContactsOwner(t *testing.T) {
	t.Parallel()
	hub := hubspotemu.New(hubspotemu.Config{})
	srv := httptest.NewServer(hub)
	t.Cleanup(srv.Close)
	w := newTeamsWorld(t, teamsemu.Options{})
	hub.AddOwner(hubspotemu.Owner{ID: "501", Email: w.rep.Email})
	contact := hub.AddContact(map[string]string{"email": "ana@initech.example"})
	e := serveTeams(t, w, map[string]string{"HUBSPOT_ACCESS_TOKEN": hub.Token(), "HUBSPOT_API_URL": srv.URL})

	sendLead(t, e.addr, fmt.Sprintf(`{"external_id":"hubspot-%s","email":"ana@initech.example","name":"Ana","company":"Initech"}`, contact))
	w.await(t, e, "the card in the sales channel", func() bool { return len(w.emu.Messages(w.sales)) == 1 })
	card := w.emu.Messages(w.sales)[0]
	status, body := w.send(t, e, w.emu.CardAction(w.rep, w.sales, card.ID, teams.VerbAccept, map[string]string{"leadId": "1"}))
	executeText(t, status, body)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hub.Await(ctx, func() bool {
		c, _ := hub.Contact(contact)
		return c["hubspot_owner_id"] == "501" && c["lifecyclestage"] == "salesqualifiedlead"
	}); err != nil {
		c, _ := hub.Contact(contact)
		t.Fatalf("the contact is %v, want the Teams rep's owner (501) and salesqualifiedlead: %v\n%s", c, err, e.logs)
	}
}
