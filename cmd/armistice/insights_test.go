package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
)

func TestInsightsSavedThreeWaysFoundInSpanishAndShownOnCards(t *testing.T) {
	t.Parallel()
	const admin = "U0ADMIN001"
	e := startServe(t, map[string]string{"ARMISTICE_ADMINS": admin})
	e.emu.AddUser(slackemu.User{ID: admin, Name: "ada", RealName: "Ada Park"})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	if out := plain(mustCommand(t, e, rep, "persona add cfo Chief Financial Officer: owns the budget")); !strings.Contains(out, "Only admins can add personas.") {
		t.Errorf("a rep adding a persona: %s", out)
	}
	if out := plain(mustCommand(t, e, admin, "persona add cfo Chief Financial Officer: owns the budget")); !strings.Contains(out, "Persona `cfo` (*Chief Financial Officer*) saved.") {
		t.Errorf("persona add: %s", out)
	}

	// 1. Quick save by a rep.
	if out := plain(mustCommand(t, e, rep, "insight cfo Los presupuestos se congelan en diciembre #budget")); !strings.Contains(out, "Saved for *cfo* as a sales insight.") {
		t.Errorf("quick save: %s", out)
	}
	// 2. The form, by a marketer.
	if _, err := e.emu.SlashCommand(ctx, marketer, marketingChannel, "/armistice", "insight"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(marketer)) == 1 }); err != nil {
		t.Fatalf("no insight form: %v\n%s", err, e.logs)
	}
	form := e.emu.Views(marketer)[0]
	ack, err := e.emu.SubmitView(ctx, marketer, form.ID, map[string]any{"persona": "cfo", "text": strings.Repeat("x", 3001)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ack.Payload), `"text":"at most 3000 characters; this is 3001"`) {
		t.Errorf("an over-long insight: %s", ack.Payload)
	}
	if _, err := e.emu.SubmitView(ctx, marketer, form.ID, map[string]any{"persona": "cfo", "text": "CFOs ask for the ROI calculator before any demo", "tags": "ROI, demo"}); err != nil {
		t.Fatal(err)
	}
	// 3. The message shortcut, on a message in #sales, by a rep.
	sendLead(t, e.addr, `{"external_id":"cfo-1","email":"cfo@example.com","name":"Carla","persona":"cfo"}`)
	first := cardOf(t, e, 1)
	if _, err := e.emu.MessageShortcut(ctx, rep2, salesChannel, first.TS, "save_insight"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(rep2)) == 1 }); err != nil {
		t.Fatalf("no form from the shortcut: %v\n%s", err, e.logs)
	}
	shortcut := e.emu.Views(rep2)[0]
	if !strings.Contains(string(shortcut.Blocks), "New MQL: Carla") {
		t.Errorf("the shortcut's form does not hold the message text: %s", shortcut.Blocks)
	}
	if _, err := e.emu.SubmitView(ctx, rep2, shortcut.ID, map[string]any{"persona": "cfo", "text": "Carla's team compares us with the incumbent <!channel>"}); err != nil {
		t.Fatal(err)
	}

	db, err := storage.Open(ctx, e.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := db.Insights(ctx, "cfo", "", 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("%d insights stored, want 3", len(all))
	}
	byAuthor := map[string]armistice.Insight{}
	for _, in := range all {
		byAuthor[in.Author] = in
	}
	if in := byAuthor[rep]; in.Team != "sales" || strings.Join(in.Tags, ",") != "budget" {
		t.Errorf("quick save = %+v", in)
	}
	if in := byAuthor[marketer]; in.Team != "marketing" || strings.Join(in.Tags, ",") != "roi,demo" {
		t.Errorf("form save = %+v", in)
	}
	if in := byAuthor[rep2]; in.Team != "sales" || !strings.HasPrefix(in.Permalink, "http") {
		t.Errorf("shortcut save = %+v", in)
	}

	// Search: Spanish stems and no accents.
	if out := plain(mustCommand(t, e, rep, "insights presupuesto")); !strings.Contains(out, "Los presupuestos se congelan en diciembre") {
		t.Errorf("search for presupuesto: %s", out)
	}
	if out := plain(mustCommand(t, e, rep, "insights cfo díciembre")); !strings.Contains(out, "Los presupuestos se congelan") {
		t.Errorf("search ignoring accents: %s", out)
	}
	if out := plain(mustCommand(t, e, rep, "insights kubernetes")); !strings.Contains(out, "none") {
		t.Errorf("search for nothing: %s", out)
	}

	// The next cfo lead's card carries the newest two cfo insights, escaped.
	sendLead(t, e.addr, `{"external_id":"cfo-2","email":"cfo2@example.com","name":"Cris","persona":"cfo"}`)
	card := plain(cardOf(t, e, 2).Blocks)
	for _, want := range []string{"What we know about *cfo*", "_sales_: Carla's team compares us with the incumbent &lt;!channel&gt;", "_marketing_: CFOs ask for the ROI calculator"} {
		if !strings.Contains(card, want) {
			t.Errorf("the card lacks %q: %s", want, card)
		}
	}
	if strings.Contains(card, "congelan") {
		t.Error("the card shows more than the newest two insights")
	}
}
