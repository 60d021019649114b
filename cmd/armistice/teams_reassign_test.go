package main

import (
	"strings"
	"testing"

	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

func TestTeamsOwnerByEmailGetsTheLeadAndAManagerReassignsItFromTheCard(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	w.poolOf(t, e, w.rep, w.rep2)

	// The intake names Sam by the address on the team's roster.
	sendLead(t, e.addr, `{"external_id":"tr-1","email":"ana@example.com","name":"Ana","company":"Initech","owner":"`+strings.ToUpper(w.rep2.Email)+`"}`)
	w.await(t, e, "the card in the sales channel and in Sam's personal chat", func() bool {
		return len(w.emu.Messages(w.sales)) == 1 && len(w.emu.PersonalMessages(w.rep2)) == 1
	})
	card := w.emu.Messages(w.sales)[0]
	body := cardJSON(t, card)
	for _, want := range []string{"Assigned to **Sam Okafor** · owner named by the intake, by email", `"title":"Reassign…"`, `"verb":"reassign"`,
		`"title":"Rosa Díaz","value":"` + w.rep.AADObjectID + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the card lacks %s: %s", want, body)
		}
	}
	if strings.Contains(body, `"title":"Sam Okafor"`) {
		t.Errorf("the choice of reps offers the assignee: %s", body)
	}

	pick := map[string]string{"leadId": "1", teams.InputReassignTo: w.rep.AADObjectID}
	status, answer := w.send(t, e, w.emu.CardAction(w.rep, w.sales, card.ID, teams.VerbReassign, pick))
	if got := executeText(t, status, answer); !strings.Contains(got, "Only the sales managers can reassign leads.") {
		t.Errorf("a rep's reassign: %q, want a refusal", got)
	}
	status, answer = w.send(t, e, w.emu.CardAction(w.manager, w.sales, card.ID, teams.VerbReassign, pick))
	if got := executeText(t, status, answer); got != "You gave Ana to Rosa Díaz." {
		t.Errorf("the manager's reassign: %q\n%s", got, e.logs)
	}
	w.await(t, e, "the card redrawn for Rosa and a copy in her personal chat", func() bool {
		c := w.emu.Messages(w.sales)
		return len(c) == 1 && strings.Contains(cardJSON(t, c[0]), "Assigned to **Rosa Díaz**") && len(w.emu.PersonalMessages(w.rep)) == 1
	})
}
