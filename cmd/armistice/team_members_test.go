package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

const (
	salesGroup = "S0SALESTM1" // the Slack user group of ARMISTICE_SALES_TEAM
	groupRep   = "U0GRP00001" // in salesGroup, in no channel
	namedMkt   = "U0NMD00001" // named in ARMISTICE_MARKETING_TEAM, in no channel
	guest      = "U0GST00001" // in no channel and no team

	historyRefusal = "Only the sales team, the marketing team and admins can see a lead's history."
)

// decisions counts a lead's accepted and rejected events.
func decisions(t *testing.T, e *e2e, externalID string) int {
	t.Helper()
	return countRows(t, e.openDB(t), `SELECT count(*) FROM lead_events JOIN leads ON leads.id = lead_id
		WHERE external_id = $1 AND kind IN ('accepted', 'rejected')`, externalID)
}

func TestASalesChannelMemberOutsideTheSalesUserGroupIsRefusedAndAGroupMemberDecides(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_SALES_TEAM": salesGroup})
	e.emu.AddUser(slackemu.User{ID: groupRep, Name: "gus", RealName: "Gus Group"})
	e.emu.AddUserGroup(slackemu.UserGroup{ID: salesGroup, Handle: "sales-team", Users: []string{rep, groupRep}})
	sendLead(t, e.addr, `{"external_id":"g-1","email":"g1@example.com","name":"Gia","company":"Initech"}`)
	card := cardOf(t, e, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	// rep2 is in the sales channel but not in the sales team's user group.
	if _, err := e.emu.ClickButton(ctx, rep2, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitEphemeral(t, e, rep2, "Only the sales team and the sales managers can accept or reject leads.")
	if now := e.emu.Messages(salesChannel)[0]; now.Edited || !strings.Contains(string(now.Blocks), "lead_accept") {
		t.Error("a refused click changed the card")
	}
	if n := decisions(t, e, "g-1"); n != 0 {
		t.Errorf("%d decisions stored for a refused click", n)
	}
	// groupRep is in the user group but not in the channel.
	if _, err := e.emu.ClickButton(ctx, groupRep, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, card.TS, "*Accepted* by <@"+groupRep+">")
	if n := decisions(t, e, "g-1"); n != 1 {
		t.Errorf("%d decisions stored, want 1", n)
	}
}

func TestLeadHistoryAnswersOnlyTheNamedTeamsAndAdminsInSlack(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, map[string]string{"ARMISTICE_SALES_TEAM": salesGroup, "ARMISTICE_MARKETING_TEAM": namedMkt})
	e.emu.AddUser(slackemu.User{ID: namedMkt, Name: "nina", RealName: "Nina Named"})
	e.emu.AddUser(slackemu.User{ID: guest, Name: "gil", RealName: "Gil Guest"})
	e.emu.AddUserGroup(slackemu.UserGroup{ID: salesGroup, Handle: "sales-team", Users: []string{rep}})
	sendLead(t, e.addr, `{"external_id":"h-1","email":"h1@example.com","name":"Hal","company":"Initech"}`)
	cardOf(t, e, 1)

	// In the sales channel, in the marketing channel, in none: outside both teams.
	for _, user := range []string{rep2, marketer, guest} {
		for _, id := range []string{"h-1", "nobody-1"} {
			if got := answer(t, e, user, "lead "+id); got != historyRefusal {
				t.Errorf("%s asking for lead %s was told %q", user, id, got)
			}
		}
	}
	for _, user := range []string{namedMkt, rep, adminID} {
		if got := answer(t, e, user, "lead h-1"); !strings.Contains(got, "(lead h-1)") || !strings.Contains(got, "Initech") {
			t.Errorf("%s did not get the history: %q", user, got)
		}
	}
	if got := answer(t, e, namedMkt, "lead nobody-1"); !strings.Contains(got, "There is no lead with the ID nobody-1") {
		t.Errorf("a team member asking for no lead: %q", got)
	}
}

// askTeams sends text to the bot by @mention in the sales channel as u and
// returns the bot's answer in the thread.
func askTeams(t *testing.T, e *e2e, w *teamsWorld, u teamsemu.User, text string) string {
	t.Helper()
	msg := w.emu.MentionMessage(u, w.sales, text)
	if status, body := w.send(t, e, msg); status != http.StatusOK {
		t.Fatalf("%q: %d %s", text, status, body)
	}
	var got string
	w.await(t, e, "an answer to "+text, func() bool {
		for _, m := range w.emu.Messages(w.sales) {
			if m.ID == msg.ID && len(m.Replies) > 0 {
				got = m.Replies[0].Activity.Text
				return true
			}
		}
		return false
	})
	return got
}

// awaitPersonal waits for a message to u's personal chat holding want.
func awaitPersonal(t *testing.T, e *e2e, w *teamsWorld, u teamsemu.User, want string) {
	t.Helper()
	w.await(t, e, u.Name+" told "+want+" privately", func() bool {
		for _, m := range w.emu.PersonalMessages(u) {
			if strings.Contains(m.Activity.Text, want) {
				return true
			}
		}
		return false
	})
}

func TestTeamsNamedSalesTeamDecidesAndOnlyTheTeamsReadALead(t *testing.T) {
	t.Parallel()
	w := newTeamsWorld(t, teamsemu.Options{})
	named := w.emu.AddUser("Mona Named") // named in the marketing team, in no Teams team
	// The outsider is in no Teams team but named in the sales team; rep2 is
	// on the sales team's roster but not named. A Slack user group matters
	// only to Slack users.
	e := serveTeams(t, w, map[string]string{
		"ARMISTICE_SALES_TEAM":     w.rep.AADObjectID + "," + w.outsider.AADObjectID + "," + salesGroup,
		"ARMISTICE_MARKETING_TEAM": named.AADObjectID,
	})
	sendLead(t, e.addr, `{"external_id":"tm1","email":"tm1@example.com","name":"Tia","company":"Initech"}`)
	w.await(t, e, "one card in the sales channel", func() bool { return len(w.emu.Messages(w.sales)) == 1 })
	card := w.emu.Messages(w.sales)[0]
	accept := func(u teamsemu.User) string {
		status, body := w.send(t, e, w.emu.CardAction(u, w.sales, card.ID, teams.VerbAccept, map[string]string{"leadId": "1"}))
		return executeText(t, status, body)
	}
	if got := accept(w.rep2); got != "Only the sales team and the sales managers can accept or reject leads." {
		t.Errorf("a roster member outside the named sales team: %q", got)
	}
	if n := decisions(t, e, "tm1"); n != 0 || w.emu.Messages(w.sales)[0].Updates != 0 {
		t.Errorf("a refused click stored %d decisions and updated the card %d times", n, w.emu.Messages(w.sales)[0].Updates)
	}
	if got := accept(w.outsider); !strings.Contains(got, "You accepted") {
		t.Errorf("a named member outside the roster: %q\n%s", got, e.logs)
	}
	w.await(t, e, "the card updated for everyone", func() bool {
		return strings.Contains(cardJSON(t, w.emu.Messages(w.sales)[0]), "**Accepted** by **Olga Outsider**")
	})

	for _, u := range []teamsemu.User{w.rep2, w.marketer} { // on the rosters, outside the named teams
		if got := askTeams(t, e, w, u, "lead tm1"); got != historyRefusal {
			t.Errorf("%s asking for the lead: %q", u.Name, got)
		}
	}
	if got := askTeams(t, e, w, named, "lead tm1"); !strings.Contains(got, "personal chat") {
		t.Errorf("the named marketer asking for the lead: %q", got)
	}
	awaitPersonal(t, e, w, named, "(lead tm1)")

	// A lead without an email address is erased by its external ID.
	sendLead(t, e.addr, `{"external_id":"tm2","name":"Nora Nomail","company":"Acme"}`)
	var second string
	w.await(t, e, "the second card", func() bool {
		for _, m := range w.emu.Messages(w.sales) {
			if len(m.Activity.Attachments) == 1 && strings.Contains(cardJSON(t, m), "Nora Nomail") {
				second = m.ID
				return true
			}
		}
		return false
	})
	if got := askTeams(t, e, w, w.manager, "forget tm2"); !strings.Contains(got, "personal chat") {
		t.Errorf("forget tm2: %q", got)
	}
	awaitPersonal(t, e, w, w.manager, "Matched by external ID `tm2`.")
	awaitPersonal(t, e, w, w.manager, "Erased the personal data of lead `tm2`")
	w.await(t, e, "the second card erased", func() bool {
		for _, m := range w.emu.Messages(w.sales) {
			if m.ID == second {
				return m.Updates > 0 && !strings.Contains(cardJSON(t, m), "Nora Nomail")
			}
		}
		return false
	})
}
