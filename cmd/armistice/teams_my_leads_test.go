package main

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/converse"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// acceptIDs walks a card or Block Kit JSON value for the leads its Accept
// buttons decide, in order: Teams' Action.Execute verb "accept" and
// Slack's action_id "lead_accept".
func acceptIDs(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		if x["verb"] == teams.VerbAccept {
			if d, ok := x["data"].(map[string]any); ok {
				*out = append(*out, d["leadId"].(string))
			}
		}
		if x["action_id"] == converse.ActionAcceptLead {
			*out = append(*out, x["value"].(string))
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			acceptIDs(x[k], out)
		}
	case []any:
		for _, e := range x {
			acceptIDs(e, out)
		}
	}
}

func TestTeamsMyLeadsAnswersTheLeadsOfTheSlackHomeWithWorkingButtons(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	ctx := context.Background()
	db := w.poolOf(t, e, w.rep)
	sendLead(t, e.addr, `{"external_id":"my-1","email":"ana@example.com","name":"Ana","company":"Initech"}`)
	sendLead(t, e.addr, `{"external_id":"my-2","email":"bo@example.com","name":"Bo","company":"Globex"}`)
	w.await(t, e, "both cards in the rep's personal chat", func() bool { return len(w.emu.PersonalMessages(w.rep)) == 2 })

	w.send(t, e, w.emu.PersonalMessage(w.rep, "my leads"))
	var answer teamsemu.Message
	w.await(t, e, "the answer to my leads in the personal chat", func() bool {
		for _, m := range w.emu.PersonalMessages(w.rep) {
			if len(m.Activity.Attachments) == 1 && strings.Contains(cardJSON(t, m), "My leads") {
				answer = m
				return true
			}
		}
		return false
	})
	body := cardJSON(t, answer)
	var card any
	if err := json.Unmarshal([]byte(body), &card); err != nil {
		t.Fatal(err)
	}
	var onTeams []string
	acceptIDs(card, &onTeams)
	if !strings.Contains(body, "Ana") || !strings.Contains(body, "Bo") || !strings.Contains(body, `"msteams":{"type":"task/fetch"}`) {
		t.Errorf("my leads lacks the leads or their Reject: %s", body)
	}

	// The same data as Slack's Home draws it.
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Settings: handlers.Settings{SLA: 4 * time.Hour, BusinessHours: hours}})
	r, err := svc.MyLeads(ctx, w.rep.AADObjectID)
	if err != nil {
		t.Fatal(err)
	}
	blocks, _ := json.Marshal(bot.ReplyMessage(converse.MyLeadsReply(r, time.UTC)).Blocks)
	var home any
	if err := json.Unmarshal(blocks, &home); err != nil {
		t.Fatal(err)
	}
	var onSlack []string
	acceptIDs(home, &onSlack)
	if len(onTeams) != 2 || !slices.Equal(onTeams, onSlack) {
		t.Fatalf("my leads on Teams decides %v, the Home %v", onTeams, onSlack)
	}

	status, res := w.send(t, e, w.emu.CardAction(w.rep, w.emu.PersonalConversationID(w.rep), answer.ID, teams.VerbAccept, map[string]string{"leadId": onTeams[0]}))
	if got := executeText(t, status, res); !strings.Contains(got, "You accepted") {
		t.Errorf("Accept from my leads: %q\n%s", got, e.logs)
	}
}
