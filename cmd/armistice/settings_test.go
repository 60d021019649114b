package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
)

const (
	adminID     = "U0ADM00001"
	emeaChannel = "C0EMEA0001" // the bot is in it
	apacChannel = "C0APAC0001" // the bot is not
)

// startAdmin runs serve with an admin (ARMISTICE_ADMINS) and two more
// channels: #sales-emea, with the bot, and #sales-apac, without.
func startAdmin(t *testing.T, extra map[string]string, now ...func() time.Time) *e2e {
	t.Helper()
	env := map[string]string{"ARMISTICE_ADMINS": adminID}
	for k, v := range extra {
		env[k] = v
	}
	e := startServe(t, env, now...)
	e.emu.AddUser(slackemu.User{ID: adminID, Name: "ada", RealName: "Ada Admin"})
	e.emu.AddChannel(slackemu.Channel{ID: emeaChannel, Name: "sales-emea", Members: []string{e.emu.Config().BotUserID, rep, adminID}})
	e.emu.AddChannel(slackemu.Channel{ID: apacChannel, Name: "sales-apac", Members: []string{rep2}})
	return e
}

// openDB opens the e2e database for the test to look into.
func (e *e2e) openDB(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

// countRows runs a count(*) query.
func countRows(t *testing.T, db *storage.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Pool().QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// answer runs the command text as user and returns the text of the answer
// only they see.
func answer(t *testing.T, e *e2e, user, text string) string {
	t.Helper()
	var msg struct {
		Text string `json:"text"`
	}
	raw := mustCommand(t, e, user, text)
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Fatalf("%q answered %s: %v", text, raw, err)
	}
	return msg.Text
}

// openSettings runs /armistice settings as user and returns the form.
func openSettings(t *testing.T, e *e2e, user string) slackemu.View {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	top := func() (slackemu.View, bool) {
		views := e.emu.Views(user)
		if len(views) == 0 {
			return slackemu.View{}, false
		}
		return views[len(views)-1], true
	}
	before, _ := top()
	if _, err := e.emu.SlashCommand(ctx, user, salesChannel, "/armistice", "settings"); err != nil {
		t.Fatal(err)
	}
	// views.open replaces the user's stack: wait for a view that is new.
	if err := e.emu.Await(ctx, func() bool { v, ok := top(); return ok && v.ID != before.ID }); err != nil {
		t.Fatalf("no settings form for %s: %v\n%s", user, err, e.logs)
	}
	v, _ := top()
	return v
}

func TestNonAdminCannotOpenOrSubmitTheSettingsFormNorChangeRoutes(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, nil)
	db := e.openDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	ack := answer(t, e, rep, "settings")
	if !strings.Contains(ack, "Only admins can change the settings.") || !strings.Contains(ack, "<@"+adminID+">") {
		t.Errorf("a rep's /armistice settings: %s; want a refusal naming the admins", ack)
	}
	if len(e.emu.Views(rep)) != 0 {
		t.Fatal("the form opened for a rep")
	}

	// The admin opens the form; a forged submission of it as the rep.
	form := openSettings(t, e, adminID)
	forged, err := e.emu.SubmitViewAs(ctx, rep, form.ID, map[string]any{"timezone": "Europe/Madrid", "admins": []string{rep}})
	if err != nil {
		t.Fatal(err)
	}
	if p := string(forged.Payload); !strings.Contains(p, `"response_action":"errors"`) || !strings.Contains(p, "Only admins can change the settings.") {
		t.Errorf("the forged submission was answered %s", p)
	}
	if n := countRows(t, db, `SELECT count(*) FROM settings`) + countRows(t, db, `SELECT count(*) FROM settings_events`); n != 0 {
		t.Errorf("a forged submission stored %d rows", n)
	}

	for _, text := range []string{"route add region=EMEA channel=<#" + emeaChannel + "|sales-emea>", "route remove 1", "forget ana@example.com"} {
		if ack := answer(t, e, rep, text); !strings.Contains(ack, "Only admins can") || !strings.Contains(ack, "<@"+adminID+">") {
			t.Errorf("a rep's %q: %s; want a refusal naming the admins", text, ack)
		}
	}
	if n := countRows(t, db, `SELECT count(*) FROM routing_rules`); n != 0 {
		t.Errorf("a rep added %d routing rules", n)
	}
	if ack := answer(t, e, rep, "route list"); !strings.Contains(ack, "There are no routing rules") {
		t.Errorf("anyone may list the rules: %s", ack)
	}
}

func TestBadSettingsShowTheirFieldErrorsAndGoodOnesApplyAtOnce(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, map[string]string{"ARMISTICE_SALES_MANAGERS": manager})
	db := e.openDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	form := openSettings(t, e, adminID)
	blocks := string(form.Blocks)
	for _, want := range []string{`"type":"conversations_select"`, `"initial_conversation":"` + salesChannel + `"`, `"type":"multi_conversations_select"`,
		`"type":"multi_users_select"`, `"initial_users":["` + manager + `"]`, `"initial_value":"0 9 * * 1-5"`, `"initial_value":"Mon-Fri 09:00-18:00"`} {
		if !strings.Contains(blocks, want) {
			t.Errorf("the form lacks %s", want)
		}
	}

	ack, err := e.emu.SubmitView(ctx, adminID, form.ID, map[string]any{
		"timezone": "Mars/Olympus", "digest_schedule": "every morning", "sla": "soon", "business_hours": "weekdays",
		"sales_channel": apacChannel, "rejection_reasons": "\n\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	views := e.emu.Views(adminID)
	if len(views) != 1 {
		t.Fatalf("the form closed on bad values: %s", ack.Payload)
	}
	for _, key := range []string{"timezone", "digest_schedule", "sla", "business_hours", "sales_channel", "rejection_reasons"} {
		if views[0].Errors[key] == "" {
			t.Errorf("no error on %s: %v", key, views[0].Errors)
		}
	}
	if got := views[0].Errors["timezone"]; !strings.Contains(got, `unknown time zone "Mars/Olympus"`) {
		t.Errorf("timezone error = %q", got)
	}
	if got := views[0].Errors["sales_channel"]; !strings.Contains(got, "not in #sales-apac") {
		t.Errorf("sales_channel error = %q", got)
	}
	if n := countRows(t, db, `SELECT count(*) FROM settings`) + countRows(t, db, `SELECT count(*) FROM settings_events`); n != 0 {
		t.Fatalf("bad values stored %d rows", n)
	}

	ack, err = e.emu.SubmitView(ctx, adminID, form.ID, map[string]any{
		"timezone": "Europe/Madrid", "sla": "2h", "digest_schedule": "30 8 * * 1-5", "business_hours": "Mon-Fri 08:00-17:00",
		"sales_channel": salesChannel, "rejection_reasons": "not our ICP\nno budget\ntoo small\nother",
		"digest_channels": []string{emeaChannel}, "admins": []string{marketer}, "sales_managers": []string{manager, rep2},
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(ack.Payload), "errors") || len(e.emu.Views(adminID)) != 0 {
		t.Fatalf("good values refused: %s", ack.Payload)
	}
	awaitEphemeral(t, e, adminID, "Settings saved")
	confirmation := e.emu.Ephemerals(adminID)[len(e.emu.Ephemerals(adminID))-1].Text
	for _, want := range []string{"*Time zone*: `UTC` → `Europe/Madrid`", "*Follow-up window (SLA)*: `4h` → `2h`", "*Admins*: _none_ → <@" + marketer + ">",
		"*Digest channels*: _the sales and marketing channels_ → <#" + emeaChannel + ">", "*Digest schedule*: `0 9 * * 1-5` → `30 8 * * 1-5`"} {
		if !strings.Contains(confirmation, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, confirmation)
		}
	}
	var before, after string
	if err := db.Pool().QueryRow(ctx, `SELECT before::text, after::text FROM settings_events WHERE key = 'timezone' AND actor = $1`, adminID).Scan(&before, &after); err != nil {
		t.Fatal(err)
	}
	if before != `"UTC"` || after != `"Europe/Madrid"` {
		t.Errorf("audit of the zone: %s → %s", before, after)
	}
	if n := countRows(t, db, `SELECT count(*) FROM settings_events WHERE actor = $1`, adminID); n != 8 {
		t.Errorf("%d audit events, want one per changed setting (8)", n)
	}

	// In force at once: the next lead's window (2 business hours in Madrid),
	// the reasons, the admin added from Slack.
	sendLead(t, e.addr, `{"external_id":"s-1","email":"s1@example.com","name":"Sol"}`)
	card := cardOf(t, e, 1)
	if c := plain(card.Blocks); !strings.Contains(c, "(CET)") && !strings.Contains(c, "(CEST)") {
		t.Errorf("the card's deadline is not in Madrid time: %s", c)
	}
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, card.TS, "lead_reject"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(rep)) == 1 }); err != nil {
		t.Fatalf("no reject form: %v", err)
	}
	if reasons := string(e.emu.Views(rep)[0].Blocks); !strings.Contains(reasons, "too small") || strings.Contains(reasons, "wrong persona") {
		t.Errorf("the reject form does not offer the saved reasons: %s", reasons)
	}
	openSettings(t, e, marketer)

	// Who changed what, for the admins.
	history := answer(t, e, marketer, "settings history")
	if !strings.Contains(history, "<@"+adminID+"> — *Time zone*: `UTC` → `Europe/Madrid`") {
		t.Errorf("settings history: %s", history)
	}
	if refused := answer(t, e, rep, "settings history"); !strings.Contains(refused, "Only admins can") {
		t.Errorf("a rep's settings history: %s", refused)
	}
}

func TestSettingsSavedOnOneReplicaApplyOnAnotherWithoutRestart(t *testing.T) {
	t.Parallel()
	first := startAdmin(t, nil)
	second := startAdmin(t, map[string]string{"DATABASE_URL": first.dbURL})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	form := openSettings(t, first, adminID)
	if _, err := first.emu.SubmitView(ctx, adminID, form.ID, map[string]any{"timezone": "Asia/Tokyo", "sla": "3h"}); err != nil {
		t.Fatal(err)
	}
	awaitEphemeral(t, first, adminID, "Settings saved")

	// The other replica's form shows the saved values: its settings followed.
	deadline := time.Now().Add(10 * time.Second)
	for {
		blocks := string(openSettings(t, second, adminID).Blocks)
		if strings.Contains(blocks, `"initial_value":"Asia/Tokyo"`) && strings.Contains(blocks, `"initial_value":"3h"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the other replica still shows %s\n%s", blocks, second.logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
