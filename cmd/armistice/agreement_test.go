package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/handlers/converse"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// newest waits for a message in channel whose text holds want and
// returns the newest such message.
func newest(t *testing.T, e *e2e, channel, want string, n int) slackemu.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var found []slackemu.Message
	err := e.emu.Await(ctx, func() bool {
		found = found[:0]
		for _, m := range e.emu.Messages(channel) {
			if strings.Contains(m.Text, want) {
				found = append(found, m)
			}
		}
		return len(found) >= n
	})
	if err != nil {
		t.Fatalf("%d messages with %q in %s: %+v\n%s", n, want, channel, found, e.logs)
	}
	return found[len(found)-1]
}

// TestAgreementSignedInSlack signs the month's agreement with Slack's
// buttons and form: a rep is refused privately, marketing signs, sales
// edits (a bad value named on its field, then a good one) which clears
// marketing's signature, both sign the new version and both channels hear
// it.
func TestAgreementSignedInSlack(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_ADMINS": manager, "ARMISTICE_MARKETING_LEADS": marketer, "ARMISTICE_SALES_LEADS": rep2})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	click := func(user, channel string, m slackemu.Message, action string) {
		t.Helper()
		if _, err := e.emu.ClickButton(ctx, user, channel, m.TS, action); err != nil {
			t.Fatal(err)
		}
	}
	awaitEphemeral := func(user, text string) {
		t.Helper()
		if err := e.emu.Await(ctx, func() bool { return hasEphemeral(e.emu, user, text) }); err != nil {
			t.Fatalf("%s was not told %q: %+v", user, text, e.emu.Ephemerals(user))
		}
	}

	if out := plain(mustCommand(t, e, manager, "agreement propose")); !strings.Contains(out, "(version 1) is proposed") {
		t.Fatalf("propose: %s", out)
	}
	inSales := newest(t, e, salesChannel, "proposed", 1)
	inMarketing := newest(t, e, marketingChannel, "proposed", 1)
	click(rep, salesChannel, inSales, converse.ActionSignSales)
	awaitEphemeral(rep, "Only the sales leads can sign for sales.")
	click(marketer, marketingChannel, inMarketing, converse.ActionSignMarketing)
	awaitEphemeral(marketer, "it takes effect once the other team signs")

	click(rep2, salesChannel, inSales, converse.ActionEditAgreement)
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(rep2)) == 1 }); err != nil {
		t.Fatalf("no edit form: %v\n%s", err, e.logs)
	}
	view := e.emu.Views(rep2)[0]
	if _, err := e.emu.SubmitView(ctx, rep2, view.ID, map[string]any{"mqls": "lots"}); err != nil {
		t.Fatal(err)
	}
	if v := e.emu.Views(rep2); len(v) != 1 || v[0].Errors["mqls"] == "" {
		t.Fatalf("a bad target was not named on its field: %+v", v)
	}
	if _, err := e.emu.SubmitView(ctx, rep2, view.ID, map[string]any{"mqls": "150"}); err != nil {
		t.Fatal(err)
	}
	inSales = newest(t, e, salesChannel, "proposed", 2)
	inMarketing = newest(t, e, marketingChannel, "proposed", 2)
	if out := plain(mustCommand(t, e, rep, "agreement")); !strings.Contains(out, "version 2") || !strings.Contains(out, "Not signed yet for marketing.") {
		t.Errorf("the edit did not clear marketing's signature: %s", out)
	}
	click(marketer, marketingChannel, inMarketing, converse.ActionSignMarketing)
	awaitEphemeral(marketer, "(version 2) for marketing")
	click(rep2, salesChannel, inSales, converse.ActionSignSales)
	for _, ch := range []string{salesChannel, marketingChannel} {
		signed := newest(t, e, ch, "signed", 1)
		if text := plain(signed.Blocks); !strings.Contains(text, "is signed by <@"+marketer+"> for marketing and <@"+rep2+"> for sales") {
			t.Errorf("%s was told: %s", ch, text)
		}
	}
	if goals := plain(mustCommand(t, e, rep, "goals")); strings.Contains(goals, "Unsigned") || !strings.Contains(goals, "MQLs: *0* of 150") {
		t.Errorf("goals once signed: %s", goals)
	}
}

// TestAgreementSignedInTeams signs the month's agreement with Teams'
// Action.Execute buttons and the edit dialog.
func TestAgreementSignedInTeams(t *testing.T) {
	t.Parallel()
	w := newTeamsWorld(t, teamsemu.Options{})
	e := serveTeams(t, w, map[string]string{"ARMISTICE_MARKETING_LEADS": w.marketer.AADObjectID, "ARMISTICE_SALES_LEADS": w.rep2.AADObjectID})
	msg := w.emu.MentionMessage(w.manager, w.sales, "agreement propose")
	if status, body := w.send(t, e, msg); status != http.StatusOK {
		t.Fatalf("propose: %d %s", status, body)
	}
	proposals := func(channel string, n int) teamsemu.Message {
		t.Helper()
		var found []teamsemu.Message
		w.await(t, e, "proposals", func() bool {
			found = nil
			for _, m := range w.emu.Messages(channel) {
				if len(m.Activity.Attachments) == 1 && strings.Contains(cardJSON(t, m), "proposed") {
					found = append(found, m)
				}
			}
			return len(found) >= n
		})
		return found[len(found)-1]
	}
	inSales, inMarketing := proposals(w.sales, 1), proposals(w.marketing, 1)
	card := cardJSON(t, inSales)
	for _, want := range []string{`"verb":"agreement_sign_marketing"`, `"verb":"agreement_sign_sales"`, `"title":"Edit"`, `"type":"task/fetch"`} {
		if !strings.Contains(card, want) {
			t.Errorf("the proposal lacks %s: %s", want, card)
		}
	}
	month := time.Now().UTC().Format("2006-01")
	choice := func(version int) converse.AgreementChoice {
		return converse.AgreementChoice{Month: month, Version: version}
	}
	sign := func(u teamsemu.User, channel string, m teamsemu.Message, verb string, version int) string {
		status, body := w.send(t, e, w.emu.CardAction(u, channel, m.ID, verb, choice(version)))
		return executeText(t, status, body)
	}
	if got := sign(w.rep, w.sales, inSales, converse.ActionSignSales, 1); !strings.Contains(got, "Only the sales leads can sign for sales.") {
		t.Errorf("a rep signing: %q", got)
	}
	if got := sign(w.marketer, w.marketing, inMarketing, converse.ActionSignMarketing, 1); !strings.Contains(got, "You signed") {
		t.Errorf("marketing signing: %q", got)
	}
	v1, _ := json.Marshal(choice(1))
	open := map[string]any{"action": converse.ActionEditAgreement, "value": string(v1), "msteams": map[string]string{"type": "task/fetch"}}
	status, body := w.send(t, e, w.emu.TaskFetch(w.rep2, w.sales, inSales.ID, open))
	if status != http.StatusOK || !strings.Contains(string(body), `"type":"continue"`) || !strings.Contains(string(body), `"id":"mqls"`) {
		t.Fatalf("no edit dialog: %d %s\n%s", status, body, e.logs)
	}
	submit := func(mqls string) string {
		_, body := w.send(t, e, w.emu.TaskSubmit(w.rep2, w.sales, inSales.ID, map[string]any{
			"action": teams.ActionAgreementSubmit, "value": string(v1), "mqls": mqls, "sla": "4h", "shared_weight": "50"}))
		return string(body)
	}
	if again := submit("lots"); !strings.Contains(again, `"type":"continue"`) || !strings.Contains(again, `"value":"lots"`) {
		t.Errorf("a bad target did not come back on its field: %s", again)
	}
	if done := submit("150"); !strings.Contains(done, "Version 2 of the agreement") {
		t.Fatalf("the edit: %s", done)
	}
	inSales, inMarketing = proposals(w.sales, 2), proposals(w.marketing, 2)
	if got := sign(w.marketer, w.marketing, inMarketing, converse.ActionSignMarketing, 2); !strings.Contains(got, "(version 2) for marketing") {
		t.Errorf("marketing signing again: %q", got)
	}
	if got := sign(w.rep2, w.sales, inSales, converse.ActionSignSales, 2); !strings.Contains(got, "(version 2) for sales.") {
		t.Errorf("sales signing: %q", got)
	}
	for _, ch := range []string{w.sales, w.marketing} {
		w.await(t, e, "told of the signature", func() bool {
			for _, m := range w.emu.Messages(ch) {
				if len(m.Activity.Attachments) == 1 && strings.Contains(cardJSON(t, m), "is signed by") &&
					strings.Contains(cardJSON(t, m), "Mia Laurent") && strings.Contains(cardJSON(t, m), "Sam Okafor") {
					return true
				}
			}
			return false
		})
	}
}

// TestLeadBelowTheAgreedBarIsTakenFlaggedAndCountedApart signs an
// agreement whose MQL bar is a score of 60, then hands over a lead scored
// 42: it is taken (201), its card says why it is under the bar, and stats
// and the digest count it apart, accepted or not.
func TestLeadBelowTheAgreedBarIsTakenFlaggedAndCountedApart(t *testing.T) {
	t.Parallel()
	e := startServe(t, map[string]string{"ARMISTICE_ADMINS": manager})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	mustCommand(t, e, manager, "agreement propose")
	proposal := newest(t, e, salesChannel, "proposed", 1)
	if _, err := e.emu.ClickButton(ctx, manager, salesChannel, proposal.TS, converse.ActionEditAgreement); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(manager)) == 1 }); err != nil {
		t.Fatalf("no edit form: %v", err)
	}
	if _, err := e.emu.SubmitView(ctx, manager, e.emu.Views(manager)[0].ID, map[string]any{"mql_min_score": "60"}); err != nil {
		t.Fatal(err)
	}
	proposal = newest(t, e, salesChannel, "proposed", 2)
	for _, action := range []string{converse.ActionSignMarketing, converse.ActionSignSales} {
		if _, err := e.emu.ClickButton(ctx, manager, salesChannel, proposal.TS, action); err != nil {
			t.Fatal(err)
		}
	}
	newest(t, e, salesChannel, "signed", 1)

	sendLead(t, e.addr, `{"external_id":"bar-1","email":"low@example.com","name":"Lou","score":42}`)
	sendLead(t, e.addr, `{"external_id":"bar-2","email":"high@example.com","name":"Hal","score":80}`)
	low := newest(t, e, salesChannel, "Lou", 1)
	if !strings.Contains(plain(low.Blocks), "below the agreed MQL bar: score 42 &lt; 60") {
		t.Errorf("the card of a lead under the bar: %s", plain(low.Blocks))
	}
	if high := newest(t, e, salesChannel, "Hal", 1); strings.Contains(plain(high.Blocks), "below the agreed MQL bar") {
		t.Errorf("a lead over the bar is flagged: %s", plain(high.Blocks))
	}
	if stats := plain(mustCommand(t, e, rep, "stats")); !strings.Contains(stats, "MQLs below the bar:* 1, accepted 0") {
		t.Errorf("stats: %s", stats)
	}
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, low.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, low.TS, "Accepted")
	if stats := plain(mustCommand(t, e, rep, "stats")); !strings.Contains(stats, "MQLs below the bar:* 1, accepted 1") {
		t.Errorf("stats once accepted: %s", stats)
	}
	if _, err := e.emu.SlashCommand(ctx, rep, salesChannel, "/armistice", "digest"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return hasEphemeralBlocks(e.emu, rep, "MQLs below the bar:* 1, accepted 1") }); err != nil {
		t.Errorf("the digest does not count them apart: %+v", e.emu.Ephemerals(rep))
	}
}

// hasEphemeralBlocks tells whether user was shown a message whose blocks
// hold text.
func hasEphemeralBlocks(emu *slackemu.Server, user, text string) bool {
	for _, m := range emu.Ephemerals(user) {
		if strings.Contains(plain(m.Blocks), text) {
			return true
		}
	}
	return false
}
