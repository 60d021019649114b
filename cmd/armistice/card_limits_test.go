package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// worstText repeats what is hardest to show, escaped and counted — markup
// characters, a channel ping, accents, CJK and an emoji — to n characters.
func worstText(n int) string {
	r := []rune(strings.Repeat("<&>é漢😀<!channel>*_`", n))
	return string(r[:n])
}

// worstLeadJSON is a lead with every field at the longest the intake
// takes, filled with what grows most when escaped.
func worstLeadJSON(t testing.TB, externalID string) string {
	t.Helper()
	long := worstText(armistice.MaxTextLen)
	lead := map[string]any{
		"external_id": externalID + strings.Repeat("<&>", (armistice.MaxExternalIDLen-len(externalID))/3),
		"email":       strings.Repeat("&", 240) + "@example.com",
		"name":        long, "company": long, "title": long, "phone": long, "source": long,
		"segment": long, "region": long, "country": long, "score": 100, "persona": strings.Repeat("p", 64),
		"crm_url": "https://crm.example.com/?q=" + worstText(armistice.MaxTextLen-len("https://crm.example.com/?q=")),
		"notes":   worstText(armistice.MaxNotesLen),
	}
	fields := map[string]string{}
	for i := range armistice.MaxFields {
		fields[fmt.Sprintf("%03d", i)+worstText(97)] = long
	}
	lead["fields"] = fields
	body, err := json.Marshal(lead)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func TestTheLargestValidLeadGetsItsFullSlackCardOnce(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	sendLead(t, e.addr, worstLeadJSON(t, "worst-s"))
	card := plain(cardOf(t, e, 1).Blocks)
	for _, want := range []string{"*Notes*", "*Source*", "lead_accept", "Open in CRM", "&lt;!channel&gt;", "é漢😀"} {
		if !strings.Contains(card, want) {
			t.Errorf("the card lacks %s", want)
		}
	}
	// The CRM link is a button's URL, no mrkdwn: outside it nothing is raw.
	mrkdwnOnly := regexp.MustCompile(`"url":"[^"]*"`).ReplaceAllString(card, "")
	if strings.Contains(card, "Details:") || strings.Contains(mrkdwnOnly, "<!channel>") {
		t.Errorf("not the full, escaped card: %s", card)
	}
	sendLead(t, e.addr, `{"external_id":"after-worst","email":"after@example.com"}`)
	cardOf(t, e, 2)
	if n := len(e.emu.Messages(salesChannel)); n != 2 {
		t.Errorf("%d cards for two leads", n)
	}
}

func TestAMinimalSlackCardStandsInForARefusedOneTheAdminIsToldAndAcceptRedrawsIt(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_ADMINS": manager})
	e.emu.SetFault("chat.postMessage", slackemu.Fault{Error: "invalid_blocks", Times: 1})
	sendLead(t, e.addr, `{"external_id":"min-1","email":"min@example.com","name":"Mina","company":"Initech","notes":"long story"}`)
	card := cardOf(t, e, 1)
	if got := plain(card.Blocks); !strings.Contains(got, "Mina") || !strings.Contains(got, "Initech") || !strings.Contains(got, "Details: `/armistice lead min-1`") || strings.Contains(got, "long story") {
		t.Errorf("not the minimal card: %s", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.DirectMessages(manager)) == 1 }); err != nil {
		t.Fatalf("the admin was not told: %v\n%s", err, e.logs)
	}
	if dm := e.emu.DirectMessages(manager)[0].Text; !strings.Contains(dm, "Slack refused the card of lead `min-1`") || !strings.Contains(dm, "invalid_blocks") {
		t.Errorf("the admin was told %q", dm)
	}
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	redrawn := plain(awaitCard(t, e, card.TS, "*Accepted* by <@"+rep+">").Blocks)
	if !strings.Contains(redrawn, "Details:") || strings.Contains(redrawn, "lead_accept") {
		t.Errorf("the decided card is not the minimal one with the verdict: %s", redrawn)
	}
	if n := len(e.emu.Messages(salesChannel)); n != 1 {
		t.Errorf("%d cards for one lead", n)
	}
}

func TestTeamsTheLargestValidLeadGetsItsFullCardARefusedCardAMinimalOne(t *testing.T) {
	t.Parallel()
	e, w := startTeams(t, teamsemu.Options{}, nil)
	sendLead(t, e.addr, worstLeadJSON(t, "worst-t"))
	w.await(t, e, "the card of the largest lead", func() bool { return len(w.emu.Messages(w.sales)) == 1 })
	full := cardJSON(t, w.emu.Messages(w.sales)[0])
	for _, want := range []string{`"Notes"`, `"verb":"accept"`, `\u003c!channel\u003e`} {
		if !strings.Contains(full, want) {
			t.Errorf("the card lacks %s", want)
		}
	}
	if strings.Contains(full, "For the details") {
		t.Error("the largest valid lead got the minimal card")
	}

	w.emu.FailNext(1, 400, 0) // Teams refuses the next card
	sendLead(t, e.addr, `{"external_id":"min-t","email":"mint@example.com","name":"Mina","company":"Initech","notes":"long story"}`)
	w.await(t, e, "the minimal card", func() bool { return len(w.emu.Messages(w.sales)) == 2 })
	card := w.emu.Messages(w.sales)[1]
	if got := cardJSON(t, card); !strings.Contains(got, "Initech") || !strings.Contains(got, "For the details, send **lead min-t** to the bot.") || strings.Contains(got, "long story") {
		t.Errorf("not the minimal card: %s", got)
	}
	w.await(t, e, "the admin told in the personal chat", func() bool { return len(w.emu.PersonalMessages(w.manager)) == 1 })
	if told := w.emu.PersonalMessages(w.manager)[0].Activity.Text; !strings.Contains(told, "Teams refused the card of lead `min-t`") || !strings.Contains(told, "400") {
		t.Errorf("the admin was told %q", told)
	}
	status, body := w.send(t, e, w.emu.CardAction(w.rep, w.sales, card.ID, teams.VerbAccept, map[string]string{"leadId": "2"}))
	if got := executeText(t, status, body); !strings.Contains(got, "You accepted") {
		t.Errorf("the rep's accept: %q\n%s", got, e.logs)
	}
	w.await(t, e, "the minimal card redrawn with the verdict", func() bool {
		got := cardJSON(t, w.emu.Messages(w.sales)[1])
		return strings.Contains(got, "**Accepted** by **Rosa Díaz**") && strings.Contains(got, "For the details")
	})
}
