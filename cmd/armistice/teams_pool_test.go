package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

func TestTeamsAssignedLeadGoesToTheRepsPersonalChatAndOnlyTheyDecide(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	w.poolOf(t, e, w.rep)

	sendLead(t, e.addr, `{"external_id":"tp-1","email":"ana@example.com","name":"Ana","company":"Initech"}`)
	w.await(t, e, "the card in the sales channel and in the rep's personal chat", func() bool {
		return len(w.emu.Messages(w.sales)) == 1 && len(w.emu.PersonalMessages(w.rep)) == 1
	})
	for _, m := range []teamsemu.Message{w.emu.Messages(w.sales)[0], w.emu.PersonalMessages(w.rep)[0]} {
		if body := cardJSON(t, m); !strings.Contains(body, "Assigned to **Rosa Díaz**") || !strings.Contains(body, `"verb":"accept"`) {
			t.Errorf("a copy of the card does not name its rep or lacks Accept: %s", body)
		}
	}
	card := w.emu.Messages(w.sales)[0]
	status, body := w.send(t, e, w.emu.CardAction(w.rep2, w.sales, card.ID, teams.VerbAccept, map[string]string{"leadId": "1"}))
	if got := executeText(t, status, body); !strings.Contains(got, "assigned to Rosa Díaz") {
		t.Errorf("another rep's accept: %q, want a refusal naming the assignee", got)
	}

	dm := w.emu.PersonalMessages(w.rep)[0]
	status, body = w.send(t, e, w.emu.CardAction(w.rep, w.emu.PersonalConversationID(w.rep), dm.ID, teams.VerbAccept, map[string]string{"leadId": "1"}))
	if got := executeText(t, status, body); !strings.Contains(got, "You accepted") {
		t.Errorf("the assignee's accept from the personal chat: %q\n%s", got, e.logs)
	}
	w.await(t, e, "both copies redrawn with the verdict", func() bool {
		c, d := w.emu.Messages(w.sales), w.emu.PersonalMessages(w.rep)
		return len(c) == 1 && len(d) >= 1 && strings.Contains(cardJSON(t, c[0]), "**Accepted** by **Rosa Díaz**") && strings.Contains(cardJSON(t, d[0]), "**Accepted** by **Rosa Díaz**")
	})
}

// poolOf puts reps in the sales channel's pool, known by name as a mention
// (`pool add @Rosa`) makes them known, and returns the database.
func (w *teamsWorld) poolOf(t *testing.T, e *e2e, reps ...teamsemu.User) *storage.DB {
	t.Helper()
	ctx := context.Background()
	db := e.openDB(t)
	for _, u := range reps {
		if err := db.SaveTeamsUsers(ctx, []storage.TeamsUser{{AADObjectID: u.AADObjectID, MRI: u.MRI, Name: u.Name}}); err != nil {
			t.Fatal(err)
		}
		if err := db.AddPoolRep(ctx, w.sales, u.AADObjectID, 1, 0, "test", storage.TodayAt(time.Now(), time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}
