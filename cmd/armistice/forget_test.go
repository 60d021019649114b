package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// personal is what the erased lead gave: none of it may remain anywhere.
var personal = []string{"ana.ruiz@example.com", "Ana Ruiz", "600 123 456", "Chief Financial Officer", "Madrid expo",
	"crm.example.com/c/991", "linkedin.com/in/anaruiz", "Ana said"}

const anaLead = `{"external_id":"gdpr-1","email":"Ana.Ruiz@example.com","name":"Ana Ruiz","title":"Chief Financial Officer",
	"phone":"+34 600 123 456","company":"Acme","source":"webinar","score":80,"region":"EMEA","country":"ES",
	"crm_url":"https://crm.example.com/c/991","notes":"Met her at the Madrid expo","fields":{"linkedin":"linkedin.com/in/anaruiz"}}`

const boLead = `{"external_id":"gdpr-2","email":"bo.keep@example.com","name":"Bo Keep","company":"Initech","source":"webinar"}`

// tablesHolding counts, in every table of the database, the rows whose text
// holds s.
func tablesHolding(t *testing.T, db *storage.DB, s string) map[string]int {
	t.Helper()
	ctx := context.Background()
	rows, err := db.Pool().Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 8 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	found := map[string]int{}
	for _, table := range tables {
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM %s AS x WHERE x::text ILIKE '%%' || $1 || '%%'`, pgx.Identifier{table}.Sanitize())
		if err := db.Pool().QueryRow(ctx, q, s).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			found[table] = n
		}
	}
	return found
}

// slackHolding lists the messages and replies of every channel that hold s.
func slackHolding(emu *slackemu.Server, s string) []string {
	var out []string
	for _, c := range emu.Channels() {
		for _, m := range emu.Messages(c.ID) {
			msgs := append([]slackemu.Message{m}, emu.Replies(c.ID, m.TS)...)
			for _, x := range msgs {
				if strings.Contains(plain(x.Blocks)+x.Text, s) {
					out = append(out, c.Name+"/"+x.TS)
				}
			}
		}
	}
	return out
}

func TestForgetErasesALeadEverywhereAndKeepsTheMonthsStats(t *testing.T) {
	t.Parallel()
	madrid, _ := time.LoadLocation("Europe/Madrid")
	friday := time.Date(2026, 11, 13, 17, 30, 0, 0, madrid)
	e := startAdmin(t, map[string]string{"ARMISTICE_SALES_MANAGERS": manager, "ARMISTICE_TIMEZONE": "Europe/Madrid"},
		func() time.Time { return friday })
	db := e.openDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// Ana's lead is escalated (its window ended long ago in real time), then
	// rejected with a comment about her; Bo's is accepted.
	sendLeadAt(t, e.addr, anaLead, friday)
	card := cardOf(t, e, 1)
	awaitCard(t, e, card.TS, "*Overdue*")
	awaitMessages(t, e, marketingChannel, 1) // the escalation
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, card.TS, "lead_reject"); err != nil {
		t.Fatal(err)
	}
	if err := e.emu.Await(ctx, func() bool { return len(e.emu.Views(rep)) == 1 }); err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.SubmitView(ctx, rep, e.emu.Views(rep)[0].ID, map[string]any{"reason": "no budget", "comment": "Ana said no budget until Q3"}); err != nil {
		t.Fatal(err)
	}
	awaitMessages(t, e, marketingChannel, 2) // the feedback
	sendLeadAt(t, e.addr, boLead, friday)
	bo := cardOf(t, e, 2)
	if err := e.emu.Await(ctx, func() bool { // recorded, just after Slack took it
		return countRows(t, db, `SELECT count(*) FROM lead_cards JOIN leads ON leads.id = lead_id WHERE external_id = 'gdpr-2'`) == 1
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.emu.ClickButton(ctx, rep, salesChannel, bo.TS, "lead_accept"); err != nil {
		t.Fatal(err)
	}
	awaitCard(t, e, bo.TS, "*Accepted*")
	// Free text that names her: an insight saved from her card, a brief.
	if _, err := db.Pool().Exec(ctx, `INSERT INTO personas (slug, name) VALUES ('cfo', 'CFO') ON CONFLICT DO NOTHING`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool().Exec(ctx, `INSERT INTO insights (persona, author, team, body, created_at) VALUES ('cfo', $1, 'sales', 'ANA RUIZ (ana.ruiz@example.com, +34 600 123 456) wants ROI first', now())`, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool().Exec(ctx, `INSERT INTO rejection_briefs (week, body, rejections, model, created_at) VALUES ('2026-11-09', '- Ana Ruiz had no budget', 1, 'test', now())`); err != nil {
		t.Fatal(err)
	}
	for _, s := range personal[:2] {
		if len(tablesHolding(t, db, s)) == 0 || len(slackHolding(e.emu, s)) == 0 {
			t.Fatalf("before the erasure, %q should be stored and shown", s)
		}
	}
	stats := answer(t, e, adminID, "stats 2026-11")
	if !strings.Contains(stats, "no budget (1)") {
		t.Fatalf("stats before: %s", stats)
	}

	// Slack sends the address escaped as a mailto link.
	confirm := answer(t, e, adminID, "forget <mailto:ana.ruiz@example.com|ana.ruiz@example.com>")
	for _, want := range []string{"Erased the personal data of lead `gdpr-1`", "email, name, title, phone, notes, CRM link, rejection comment, custom fields", "Kept, so that the counts stay right"} {
		if !strings.Contains(confirm, want) {
			t.Errorf("the confirmation lacks %q: %s", want, confirm)
		}
	}

	// Gone from every table, and from every message once redrawn.
	for _, s := range personal {
		if found := tablesHolding(t, db, s); len(found) > 0 {
			t.Errorf("%q is still in %v", s, found)
		}
	}
	if err := e.emu.Await(ctx, func() bool {
		for _, s := range personal {
			if len(slackHolding(e.emu, s)) > 0 {
				return false
			}
		}
		return true
	}); err != nil {
		for _, s := range personal {
			t.Errorf("%q still shows in %v", s, slackHolding(e.emu, s))
		}
		t.Fatalf("%v\n%s", err, e.logs)
	}
	redrawn := plain(e.emu.Messages(salesChannel)[0].Blocks)
	for _, want := range []string{"*New MQL:* _erased_ at *Acme*", "Personal data erased on", "*Rejected* by <@" + rep + ">", "reason: *no budget*"} {
		if !strings.Contains(redrawn, want) {
			t.Errorf("the redrawn card lacks %q: %s", want, redrawn)
		}
	}
	redrawnInMarketing := 0
	for i, m := range e.emu.Messages(marketingChannel) {
		switch {
		case strings.Contains(m.Text, "Bo Keep"): // Bo's own escalation
		case !m.Edited || !strings.Contains(m.Text, "_erased_") || strings.Contains(m.Text, "Acme"): // the company hidden, as in Teams
			t.Errorf("marketing message %d not redrawn: %+v", i, m)
		default:
			redrawnInMarketing++
		}
	}
	if redrawnInMarketing != 2 {
		t.Errorf("%d of Ana's escalation and feedback redrawn, want both", redrawnInMarketing)
	}
	var insight string
	if err := db.Pool().QueryRow(ctx, `SELECT body FROM insights`).Scan(&insight); err != nil || insight != "[erased] ([erased], [erased]) wants ROI first" {
		t.Errorf("the insight reads %q (%v)", insight, err)
	}
	// Bo's lead is untouched, and the month counts the same.
	if len(tablesHolding(t, db, "bo.keep@example.com")) == 0 || !strings.Contains(plain(e.emu.Messages(salesChannel)[1].Blocks), "Bo Keep") {
		t.Error("the erasure touched another lead")
	}
	if after := answer(t, e, adminID, "stats 2026-11"); after != stats {
		t.Errorf("the month's stats changed:\nbefore %s\nafter  %s", stats, after)
	}

	// The erasure is in the lead's trail: who and when, never what; the
	// company is hidden too, as in Teams.
	history := answer(t, e, adminID, "lead gdpr-1")
	if !strings.Contains(history, "erased by <@"+adminID+">") || !strings.HasPrefix(history, "_erased_ — ") || strings.Contains(history, "Acme") {
		t.Errorf("history: %s", history)
	}
	var data string
	if err := db.Pool().QueryRow(ctx, `SELECT data::text FROM lead_events WHERE kind = 'erased' AND actor = $1`, adminID).Scan(&data); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(data, `"why": "request"`) || !strings.Contains(data, `"email"`) {
		t.Errorf("the erased event's data = %s", data)
	}

	if again := answer(t, e, adminID, "forget ana.ruiz@example.com"); !strings.Contains(again, "No lead holds the email address ana.ruiz@example.com") {
		t.Errorf("a second forget: %s", again)
	}
	if usage := answer(t, e, adminID, "forget"); !strings.Contains(usage, "Say whose personal data to erase") {
		t.Errorf("forget without an address: %s", usage)
	}
}

func TestForgetOnTheCommandLine(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, nil)
	db := e.openDB(t)
	sendLead(t, e.addr, `{"external_id":"ana@example.com","email":"ana@example.com","name":"Ana Cli","phone":"+1 555 0100"}`)
	card := cardOf(t, e, 1)

	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		app := &App{Getenv: func(k string) string {
			return map[string]string{"DATABASE_URL": e.dbURL, "USER": "ops"}[k]
		}, Stdout: &out, Stderr: &bytes.Buffer{}}
		err := app.Run(context.Background(), args)
		return out.String(), err
	}
	out, err := run("forget", "ANA@example.com")
	if err != nil {
		t.Fatal(err)
	}
	// An external ID that is an email address is personal data too.
	if !strings.Contains(out, "(erased-") || !strings.Contains(out, "email, name, phone, external_id") {
		t.Errorf("forget printed %q", out)
	}
	awaitCard(t, e, card.TS, "_erased_")
	if found := tablesHolding(t, db, "ana@example.com"); len(found) > 0 {
		t.Errorf("still in %v", found)
	}
	if n := countRows(t, db, `SELECT count(*) FROM lead_events WHERE kind = 'erased' AND actor = 'cli:ops'`); n != 1 {
		t.Errorf("%d erased events by cli:ops", n)
	}
	if _, err := run("forget", "ana@example.com"); err == nil || !strings.Contains(err.Error(), "forget: No lead holds the email address ana@example.com") {
		t.Errorf("forgetting twice: %v", err)
	}
	if _, err := run("forget"); err == nil {
		t.Error("forget without an address succeeded")
	}
}

func TestForgetByExternalIDOnTheCommandLineErasesALeadWithoutEmail(t *testing.T) {
	t.Parallel()
	csv := filepath.Join(t.TempDir(), "leads.csv")
	if err := os.WriteFile(csv, []byte("ID,Name,Company,Phone\nhs-123,Nora Nomail,Acme,+1 555 0199\nacme@crm-7,Pat Plain,Initech,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dbURL := storagetest.URL(t)
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		app := &App{Getenv: func(k string) string {
			return map[string]string{"DATABASE_URL": dbURL, "USER": "ops"}[k]
		}, Stdout: &out, Stderr: &bytes.Buffer{}}
		err := app.Run(context.Background(), args)
		return out.String(), err
	}
	if out, err := run("import", csv); err != nil || !strings.Contains(out, "stored: 2\n") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err := run("forget", "hs-123")
	if err != nil || !strings.Contains(out, "matched by external ID hs-123\n") || !strings.Contains(out, "(hs-123, received ") || !strings.Contains(out, ": name, phone\n") {
		t.Errorf("forget hs-123: %v\n%s", err, out)
	}
	// An external ID may hold an "@": tried as an email address first.
	if out, err := run("forget", "acme@crm-7"); err != nil || !strings.Contains(out, "matched by external ID acme@crm-7\n") {
		t.Errorf("forget acme@crm-7: %v\n%s", err, out)
	}
	db, err := storage.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range []string{"Nora Nomail", "555 0199", "Pat Plain", "acme@crm-7"} {
		if found := tablesHolding(t, db, s); len(found) > 0 {
			t.Errorf("%q still in %v", s, found)
		}
	}
	// The counts stay: both leads, their companies and statuses.
	if n := countRows(t, db, `SELECT count(*) FROM leads WHERE erased_at IS NOT NULL AND status = 'new' AND company IN ('Acme', 'Initech')`); n != 2 {
		t.Errorf("%d erased leads kept for the counts, want 2", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM lead_events WHERE kind = 'erased' AND actor = 'cli:ops'`); n != 2 {
		t.Errorf("%d erased events by cli:ops, want 2", n)
	}
	if _, err := run("forget", "hs-999"); err == nil || err.Error() != "forget: No lead has the external ID hs-999, and nothing was erased" {
		t.Errorf("an unknown ID: %v", err)
	}
	if _, err := run("forget", "hs-123"); err == nil || !strings.Contains(err.Error(), "forget: Lead hs-123 holds no personal data: it was erased on ") {
		t.Errorf("forgetting twice: %v", err)
	}
}

func TestForgetByExternalIDInSlackErasesALeadWithoutEmail(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, nil)
	db := e.openDB(t)
	sendLead(t, e.addr, `{"external_id":"hs-123","name":"Nora Nomail","company":"Acme","title":"Head of Billing"}`)
	card := cardOf(t, e, 1)
	if !strings.Contains(plain(card.Blocks), "Nora Nomail") {
		t.Fatalf("the card lacks the lead's name: %s", card.Blocks)
	}
	got := answer(t, e, adminID, "forget hs-123")
	for _, want := range []string{"Matched by external ID `hs-123`.", "Erased the personal data of lead `hs-123`", "name, title."} {
		if !strings.Contains(got, want) {
			t.Errorf("forget hs-123 answered %q, want %q in it", got, want)
		}
	}
	awaitCard(t, e, card.TS, "_erased_")
	if held := slackHolding(e.emu, "Nora Nomail"); len(held) > 0 {
		t.Errorf("still in Slack: %v", held)
	}
	if found := tablesHolding(t, db, "Nora Nomail"); len(found) > 0 {
		t.Errorf("still in %v", found)
	}
	if n := countRows(t, db, `SELECT count(*) FROM leads WHERE external_id = 'hs-123' AND company = 'Acme' AND erased_at IS NOT NULL`); n != 1 {
		t.Errorf("the erased lead is not kept for the counts (%d rows)", n)
	}
	if got := answer(t, e, adminID, "forget hs-999"); got != "No lead has the external ID hs-999, and nothing was erased." {
		t.Errorf("an unknown ID: %q", got)
	}
	if got := answer(t, e, rep, "forget hs-123"); strings.Contains(got, "Erased") || !strings.Contains(got, "admins") {
		t.Errorf("a rep's forget: %q", got)
	}
}
