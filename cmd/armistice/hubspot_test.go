package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice/hubspotemu"
	"github.com/armistice/armistice/sandbox"
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

func TestHubSpotSandboxDemoDecisionsAreWrittenToItsHubSpot(t *testing.T) {
	e := runSandbox(t, map[string]string{"ARMISTICE_HTTP_ADDR": "127.0.0.1:0"}, nil)
	_, port, _ := net.SplitHostPort(e.addr)
	if status, body := call(t, "POST", "http://"+e.addr+"/sandbox/demo", "localhost:"+port, fmt.Sprintf(`{"user":%q}`, sandbox.Ada), "Content-Type", "application/json"); status != http.StatusOK && status != http.StatusAccepted {
		t.Fatalf("loading the demo: %d %s", status, body)
	}
	// Of today's demo MQLs, Sam accepts one and Rosa rejects another: both
	// are written to the sandbox's HubSpot and say so in their history.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var written []string
	for deadline := time.Now().Add(90 * time.Second); len(written) < 2; time.Sleep(50 * time.Millisecond) {
		rows, err := conn.Query(ctx, `SELECT data->>'hubspot' FROM lead_events WHERE kind = 'hubspot_written' ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		written, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of the demo's two decisions written to HubSpot within 90 s\n%s", len(written), e.logs)
		}
	}
	all := strings.Join(written, "\n")
	for _, want := range []string{"lifecyclestage=salesqualifiedlead", "hubspot_owner_id=", "hs_lead_status=UNQUALIFIED", "a note with the reason and comment"} {
		if !strings.Contains(all, want) {
			t.Errorf("the writes to the sandbox's HubSpot lack %s:\n%s", want, all)
		}
	}
}
