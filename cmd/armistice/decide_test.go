package main

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
)

// cardOf waits for the card of the n-th lead in the sales channel.
func cardOf(t *testing.T, e *e2e, n int) slackemu.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(salesChannel)) >= n }); err != nil {
		t.Fatalf("no card %d: %v\n%s", n, err, e.logs)
	}
	return e.emu.Messages(salesChannel)[n-1]
}

// awaitCard waits until the card at ts shows want.
func awaitCard(t *testing.T, e *e2e, ts, want string) slackemu.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var card slackemu.Message
	err := e.emu.Await(ctx, func() bool {
		for _, m := range e.emu.Messages(salesChannel) {
			if m.TS == ts && strings.Contains(plain(m.Blocks), want) {
				card = m
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("the card never showed %q: %v\n%s", want, err, e.logs)
	}
	return card
}

func awaitEphemeral(t *testing.T, e *e2e, user, text string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.emu.Await(ctx, func() bool { return hasEphemeral(e.emu, user, text) }); err != nil {
		t.Fatalf("%s was never told %q; got %+v", user, text, e.emu.Ephemerals(user))
	}
}

func TestOnlyTheSalesTeamDecidesAndTheFirstDecisionWins(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_SALES_MANAGERS": manager})
	sendLead(t, e.addr, `{"external_id":"d-1","email":"d1@example.com","name":"Dana","company":"Initech"}`)
	card := cardOf(t, e, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	if _, err := e.emu.ClickButton(ctx, marketer, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitEphemeral(t, e, marketer, "Only the sales team")
	if now := e.emu.Messages(salesChannel)[0]; now.Edited || !strings.Contains(string(now.Blocks), "lead_accept") {
		t.Error("a refused click changed the card")
	}

	// Two reps click at the same moment.
	var wg sync.WaitGroup
	for _, user := range []string{rep, rep2} {
		wg.Go(func() {
			if _, err := e.emu.ClickButton(ctx, user, salesChannel, card.TS, "lead_accept"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	decided := awaitCard(t, e, card.TS, "*Accepted* by <@")
	winner, loser := rep, rep2
	if strings.Contains(plain(decided.Blocks), "<@"+rep2+">") {
		winner, loser = rep2, rep
	}
	awaitEphemeral(t, e, loser, "This lead was already accepted by <@"+winner+">.")
	if strings.Contains(string(decided.Blocks), "lead_accept") {
		t.Error("the decided card still has its buttons")
	}

	db, err := storage.Open(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lead, err := db.LeadByExternalID(ctx, "d-1")
	if err != nil {
		t.Fatal(err)
	}
	events, _ := db.LeadEvents(ctx, lead.ID)
	accepted := 0
	for _, ev := range events {
		if ev.Kind == "accepted" {
			accepted++
		}
	}
	if accepted != 1 || lead.OwnerID != winner || lead.Status != "accepted" {
		t.Errorf("%d accepted events, owner %s, status %s; want one, %s, accepted", accepted, lead.OwnerID, lead.Status, winner)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Replies(salesChannel, card.TS)) == 1 }); err != nil {
		t.Fatalf("no thread reply for the acceptance: %v", err)
	}
	if reply := e.emu.Replies(salesChannel, card.TS)[0].Text; !strings.Contains(reply, "<@"+winner+"> accepted this lead") {
		t.Errorf("thread reply = %q", reply)
	}
}

func TestRejectionReachesMarketingWithReasonAndComment(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	sendLead(t, e.addr, `{"external_id":"r-1","email":"r1@example.com","name":"Rex","company":"Hooli","source":"webinar"}`)
	card := cardOf(t, e, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, card.TS, "lead_reject"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(rep)) == 1 }); err != nil {
		t.Fatalf("no reject form: %v\n%s", err, e.logs)
	}
	form := e.emu.Views(rep)[0]
	ack, err := e.emu.SubmitView(ctx, rep, form.ID, map[string]any{"reason": "other"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ack.Payload), `"comment":"say why, since the reason is \"other\""`) {
		t.Errorf("other without a comment: %s", ack.Payload)
	}
	if len(e.emu.Messages(marketingChannel)) != 0 {
		t.Fatal("an invalid rejection reached marketing")
	}
	ack, err = e.emu.SubmitView(ctx, rep, form.ID, map[string]any{"reason": "no budget", "comment": "<!channel> not this quarter"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("a valid rejection was refused: %s", ack.Payload)
	}
	awaitCard(t, e, card.TS, "*Rejected* by <@"+rep+">")
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Messages(marketingChannel)) == 1 }); err != nil {
		t.Fatalf("marketing heard nothing: %v\n%s", err, e.logs)
	}
	fb := e.emu.Messages(marketingChannel)[0].Text
	for _, want := range []string{"Sales rejected", "*Rex* at Hooli", "webinar", "*no budget*", "&lt;!channel&gt; not this quarter", "<@" + rep + ">"} {
		if !strings.Contains(fb, want) {
			t.Errorf("the feedback lacks %q: %s", want, fb)
		}
	}
	if strings.Contains(fb, "<!channel>") {
		t.Error("the comment pings the channel")
	}
	history := plain(mustCommand(t, e, rep, "lead r-1"))
	for _, want := range []string{"received by api", "announced by armistice", "rejected by <@" + rep + "> (reason: no budget, comment: &lt;!channel&gt; not this quarter)"} {
		if !strings.Contains(history, want) {
			t.Errorf("history lacks %q:\n%s", want, history)
		}
	}
}

func TestSLARemindsAndEscalatesInBusinessHoursAndADecisionCancelsBoth(t *testing.T) {
	t.Parallel()
	madrid, _ := time.LoadLocation("Europe/Madrid")
	var clock atomic.Value
	clock.Store(time.Date(2026, 11, 20, 17, 30, 0, 0, madrid)) // a Friday
	e := startServe(t, map[string]string{"ARMISTICE_SALES_MANAGERS": manager, "ARMISTICE_TIMEZONE": "Europe/Madrid"},
		func() time.Time { return clock.Load().(time.Time) })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := storage.Open(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	sendLeadAt(t, e.addr, `{"external_id":"late-friday","email":"f@example.com","name":"Fay"}`, clock.Load().(time.Time))
	card := cardOf(t, e, 1)
	if !strings.Contains(plain(card.Blocks), "Decide by *Mon 23 Nov 12:30* (CET)") {
		t.Errorf("card deadline: %s", plain(card.Blocks))
	}
	// The jobs are scheduled as the card is recorded, just after Slack took it.
	schedule := map[string]time.Time{}
	for deadline := time.Now().Add(10 * time.Second); len(schedule) < 2 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		rows, err := db.Pool().Query(ctx, `SELECT kind, scheduled_at FROM river_job WHERE kind IN ('remind', 'escalate')`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var kind string
			var at time.Time
			if err := rows.Scan(&kind, &at); err != nil {
				t.Fatal(err)
			}
			schedule[kind] = at
		}
	}
	if want := time.Date(2026, 11, 23, 11, 30, 0, 0, madrid); !schedule["remind"].Equal(want) {
		t.Errorf("reminder at %s, want %s (75%% of 4 business hours)", schedule["remind"].In(madrid), want)
	}
	if want := time.Date(2026, 11, 23, 12, 30, 0, 0, madrid); !schedule["escalate"].Equal(want) {
		t.Errorf("escalation at %s, want %s", schedule["escalate"].In(madrid), want)
	}
	// Those moments have passed in real time, so River runs both now.
	if err := e.emu.Await(ctx, func() bool {
		return len(e.emu.Replies(salesChannel, card.TS)) == 2 && len(e.emu.Messages(marketingChannel)) == 1
	}); err != nil {
		t.Fatalf("reminder and escalation: %v\n%s", err, e.logs)
	}
	replies := e.emu.Replies(salesChannel, card.TS)
	if !strings.Contains(replies[0].Text+replies[1].Text, "Still waiting for a decision") || !strings.Contains(replies[0].Text+replies[1].Text, "<@"+manager+">") {
		t.Errorf("thread = %q / %q", replies[0].Text, replies[1].Text)
	}
	if m := e.emu.Messages(marketingChannel)[0].Text; !strings.Contains(m, "<@"+manager+">") || !strings.Contains(m, "*Fay*") {
		t.Errorf("escalation to marketing = %q", m)
	}
	awaitCard(t, e, card.TS, "*Overdue*")

	// A lead decided before its reminder: both jobs are cancelled.
	clock.Store(time.Now())
	sendLeadAt(t, e.addr, `{"external_id":"quick","email":"q@example.com","name":"Quinn"}`, time.Now())
	quick := cardOf(t, e, 2)
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, quick.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, quick.TS, "*Accepted*")
	// Its reminder and escalation are cancelled (or, if the click beat the
	// card's recording, never scheduled): none is left to run.
	var live int
	lead, _ := db.LeadByExternalID(ctx, "quick")
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind IN ('remind', 'escalate') AND state NOT IN ('cancelled', 'completed') AND (args->>'lead_id')::bigint = $1`, lead.ID).Scan(&live); err != nil {
		t.Fatal(err)
	}
	if live != 0 {
		t.Errorf("%d reminder or escalation jobs left for a decided lead, want 0", live)
	}
}

func mustCommand(t *testing.T, e *e2e, user, text string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ack, err := e.emu.SlashCommand(ctx, user, salesChannel, "/armistice", text)
	if err != nil {
		t.Fatal(err)
	}
	return ack.Payload
}

func TestARepWhoJoinsTheChannelCanDecideAtOnce(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	const newcomer = "U0REP00003"
	e.emu.AddUser(slackemu.User{ID: newcomer, Name: "nia", RealName: "Nia Brooks"})
	sendLead(t, e.addr, `{"external_id":"j-1","email":"j@example.com","name":"Jo"}`)
	card := cardOf(t, e, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := e.emu.ClickButton(ctx, newcomer, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitEphemeral(t, e, newcomer, "Only the sales team")
	if err := e.emu.JoinChannel(ctx, salesChannel, newcomer); err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.ClickButton(ctx, newcomer, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, card.TS, "*Accepted* by <@"+newcomer+">")
}

func TestTheSameEnvelopeTwiceDecidesOnce(t *testing.T) {
	t.Parallel()
	e := startServe(t, nil)
	sendLead(t, e.addr, `{"external_id":"twice-1","email":"t@example.com","name":"Tess"}`)
	card := cardOf(t, e, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	e.emu.RedeliverNext()
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, card.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, card.TS, "*Accepted* by <@"+rep+">")
	db, err := storage.Open(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lead, _ := db.LeadByExternalID(ctx, "twice-1")
	var decisions int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM lead_events WHERE lead_id = $1 AND kind IN ('accepted', 'rejected')`, lead.ID).Scan(&decisions); err != nil {
		t.Fatal(err)
	}
	if decisions != 1 {
		t.Errorf("%d decisions from one envelope delivered twice", decisions)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Replies(salesChannel, card.TS)) >= 1 }); err != nil {
		t.Fatal(err)
	}
	if n := len(e.emu.Replies(salesChannel, card.TS)); n != 1 {
		t.Errorf("%d thread replies for one acceptance", n)
	}
	if _, metrics := e.get(t, "/metrics"); !strings.Contains(metrics, `armistice_slack_envelopes_total{type="interactive"} 2`) {
		t.Error("the envelope did not arrive twice")
	}
	if hasEphemeral(e.emu, rep, "already") {
		t.Error("the rep was told of their own decision")
	}
}
