package handlers_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage/storagetest"
)

const (
	cfgAdmin     = "U0ADMIN001"
	cfgOutsider  = "U0OUTSID01"
	cfgMarketing = "C0MRKTG001"
	cfgSales2    = "C0SALES002"
)

// replica builds another Service over the bundle's database and chat, as
// another replica (or the same one after a restart) would have, with the
// environment's settings env.
func (tb *testBundle) replica(t *testing.T, env handlers.Settings) *handlers.Service {
	t.Helper()
	enq, err := jobs.NewEnqueuer(tb.db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	return handlers.New(handlers.Config{DB: tb.db, Jobs: enq, Chat: tb.bot, Settings: env})
}

func envSettings() handlers.Settings {
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	return handlers.Settings{
		SalesChannel: sales, MarketingChannel: cfgMarketing, Admins: []string{cfgAdmin},
		DigestChannels: []string{sales, cfgMarketing}, DigestSchedule: "0 9 * * 1-5",
		SLA: 4 * time.Hour, BusinessHours: hours, Location: time.UTC,
	}
}

// settingsSetup gives a database, a Slack workspace with the sales and
// marketing channels (and one without the bot) and a Service with an admin.
// The bot is used for Web API calls only, so it need not connect.
func settingsSetup(t *testing.T) *testBundle {
	t.Helper()
	db := storagetest.DB(t)
	emu := slackemu.New(slackemu.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	botUser := emu.Config().BotUserID
	emu.AddChannel(slackemu.Channel{ID: sales, Name: "sales", Members: []string{botUser}})
	emu.AddChannel(slackemu.Channel{ID: cfgMarketing, Name: "marketing", Members: []string{botUser}})
	emu.AddChannel(slackemu.Channel{ID: cfgSales2, Name: "sales-two", Members: []string{botUser}})
	emu.AddChannel(slackemu.Channel{ID: "C0NOBOT001", Name: "no-bot", Members: []string{cfgOutsider}})
	tb := &testBundle{db: db, emu: emu, bot: bot.New(bot.Config{BotToken: emu.Config().BotToken, AppToken: emu.Config().AppToken, APIURL: srv.URL + "/api/"})}
	tb.svc = tb.replica(t, envSettings())
	if err := tb.svc.ReloadSettings(context.Background()); err != nil {
		t.Fatal(err)
	}
	return tb
}

func await(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSavedSettingsReachAnotherReplicaWithoutRestart(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	other := tb.replica(t, envSettings())
	done := make(chan struct{})
	go func() { defer close(done); other.WatchSettings(ctx) }()
	defer func() { cancel(); <-done }()

	in := tb.svc.AdminSettings()
	in.TimeZone, in.SLA, in.SalesChannel = "Europe/Madrid", "90m", cfgSales2
	in.RejectionReasons = []string{"not our ICP", "other"}
	changes, err := tb.svc.SaveSettings(ctx, cfgAdmin, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 4 {
		t.Errorf("%d changes, want 4: %+v", len(changes), changes)
	}
	if got := tb.svc.CurrentSettings(); got.Location.String() != "Europe/Madrid" || got.SLA != 90*time.Minute {
		t.Errorf("the saving replica runs by %s and %s", got.Location, got.SLA)
	}
	await(t, "the other replica follows the saved settings", func() bool {
		got := other.CurrentSettings()
		return got.Location.String() == "Europe/Madrid" && got.SLA == 90*time.Minute && got.SalesChannel == cfgSales2 &&
			slices.Equal(other.RejectionReasons(), []string{"not our ICP", "other"})
	})
	// The digest channels followed the sales channel, as they were the default.
	if got := other.CurrentSettings().DigestChannels; !slices.Equal(got, []string{cfgSales2, cfgMarketing}) {
		t.Errorf("digest channels = %v", got)
	}

	// The connection that listens dies: the watcher reconnects, and a change
	// made meanwhile is not lost.
	var killed int
	if err := tb.db.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`).Scan(&killed); err != nil || killed != 1 {
		t.Fatalf("killing the listening connection: %d killed, %v", killed, err)
	}
	in.TimeZone = "America/New_York"
	if _, err := tb.svc.SaveSettings(ctx, cfgAdmin, in); err != nil {
		t.Fatal(err)
	}
	await(t, "the other replica follows a change made while it reconnected", func() bool {
		return other.CurrentSettings().Location.String() == "America/New_York"
	})
}

func TestStoredSettingsWinOverTheEnvironmentAfterARestart(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx := context.Background()
	in := tb.svc.AdminSettings()
	in.TimeZone, in.Admins, in.SalesManagers = "Europe/Madrid", []string{"U0NEWADM01"}, []string{"U0MGR00001"}
	if _, err := tb.svc.SaveSettings(ctx, cfgAdmin, in); err != nil {
		t.Fatal(err)
	}

	// A restart with a changed environment: what was saved from the chat
	// wins; what never was follows the environment.
	env := envSettings()
	env.Location, _ = time.LoadLocation("Asia/Tokyo")
	env.SLA = 8 * time.Hour
	restarted := tb.replica(t, env)
	if err := restarted.ReloadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	got := restarted.CurrentSettings()
	if got.Location.String() != "Europe/Madrid" || got.SLA != 8*time.Hour {
		t.Errorf("after a restart: zone %s (want the saved Europe/Madrid), SLA %s (want the environment's 8h)", got.Location, got.SLA)
	}
	if !restarted.IsAdmin(cfgAdmin) || !restarted.IsAdmin("U0NEWADM01") || !slices.Equal(got.SalesManagers, []string{"U0MGR00001"}) {
		t.Errorf("admins %v, managers %v: want the environment's cfgAdmin and the one added from the chat", got.Admins, got.SalesManagers)
	}
	if a := restarted.AdminSettings().Admins; !slices.Equal(a, []string{"U0NEWADM01"}) {
		t.Errorf("the form's extra admins = %v", a)
	}
}

func TestSettingsChangesAreAuditedWithBeforeAndAfter(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx := context.Background()
	in := tb.svc.AdminSettings()
	in.SLA, in.DigestSchedule = "2h", "30 8 * * 1-5"
	if _, err := tb.svc.SaveSettings(ctx, cfgAdmin, in); err != nil {
		t.Fatal(err)
	}
	in.SLA = "3h"
	if _, err := tb.svc.SaveSettings(ctx, cfgAdmin, in); err != nil {
		t.Fatal(err)
	}
	// Saving the same values again changes nothing and records nothing.
	if changes, err := tb.svc.SaveSettings(ctx, cfgAdmin, in); err != nil || len(changes) != 0 {
		t.Fatalf("an unchanged save: %v, %v", changes, err)
	}
	events, err := tb.svc.SettingsHistory(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ key, before, after string }
	var got []row
	for _, e := range events {
		if e.Actor != cfgAdmin || e.At.IsZero() {
			t.Errorf("event %+v: want actor %s and a time", e, cfgAdmin)
		}
		got = append(got, row{e.Key, string(e.Before), string(e.After)})
	}
	want := []row{{"sla", `"2h"`, `"3h"`}, {"digest_schedule", `"0 9 * * 1-5"`, `"30 8 * * 1-5"`}, {"sla", `"4h"`, `"2h"`}}
	if !slices.Equal(got, want) {
		t.Errorf("audit trail (newest first) = %v, want %v", got, want)
	}
}

func TestBadSettingsAreRefusedFieldByFieldAndNothingIsSaved(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx := context.Background()
	in := tb.svc.AdminSettings()
	in.TimeZone, in.DigestSchedule, in.SLA, in.BusinessHours = "Mars/Olympus", "every morning", "soon", "weekdays"
	in.SalesChannel, in.DigestChannels = "C0NOBOT001", []string{"C0GONE0001"}
	in.RejectionReasons = []string{"no budget", "No budget"}
	_, err := tb.svc.SaveSettings(ctx, cfgAdmin, in)
	e, ok := errors.AsType[*armistice.Error](err)
	if !ok || e.Code != armistice.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	for _, key := range []string{"timezone", "digest_schedule", "sla", "business_hours", "sales_channel", "digest_channels", "rejection_reasons"} {
		if e.Fields[key] == "" {
			t.Errorf("no error on %s: %v", key, e.Fields)
		}
	}
	if e.Fields["marketing_channel"] != "" {
		t.Errorf("an error on a good field: %v", e.Fields)
	}
	events, _ := tb.svc.SettingsHistory(ctx, 10)
	if len(events) != 0 || tb.svc.CurrentSettings().Location != time.UTC {
		t.Errorf("a refused save changed something: %v", events)
	}

	_, err = tb.svc.SaveSettings(ctx, cfgOutsider, tb.svc.AdminSettings())
	if armistice.ErrorCode(err) != armistice.EUNAUTHORIZED {
		t.Errorf("a non-cfgAdmin's save: %v", err)
	}
}

func TestASavedDigestScheduleIsReplannedWithoutRestart(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx := context.Background()
	if _, err := tb.db.Pool().Exec(ctx, `UPDATE installation SET installed_at = '2026-01-01'`); err != nil {
		t.Fatal(err)
	}
	other := tb.replica(t, envSettings())
	wednesday := time.Date(2026, 11, 25, 8, 45, 0, 0, time.UTC)
	if due, err := other.DigestsDue(ctx, wednesday); err != nil || len(due) != 0 {
		t.Fatalf("at 08:45 with the 09:00 schedule: %v, %v; want nothing due", due, err)
	}
	in := tb.svc.AdminSettings()
	in.DigestSchedule = "30 8 * * 1-5"
	if _, err := tb.svc.SaveSettings(ctx, cfgAdmin, in); err != nil {
		t.Fatal(err)
	}
	if err := other.ReloadSettings(ctx); err != nil { // what its watcher does on the notification
		t.Fatal(err)
	}
	due, err := other.DigestsDue(ctx, wednesday)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].Kind != chat.DigestDaily {
		t.Errorf("at 08:45 with the 08:30 schedule: %+v; want today's daily digest in both channels", due)
	}
}

func TestStoredValuesThatCannotBeReadFallBackToTheEnvironment(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx := context.Background()
	bad, _ := json.Marshal("Mars/Olympus")
	if _, err := tb.db.Pool().Exec(ctx, `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('timezone', $1, 'psql', now())`, bad); err != nil {
		t.Fatal(err)
	}
	if err := tb.svc.ReloadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	if got := tb.svc.CurrentSettings().Location; got != time.UTC {
		t.Errorf("zone = %s, want the environment's UTC", got)
	}
}

// The intake reads the routing rules with the settings: a rule added on one
// replica routes the next leads another replica takes, once its watcher has
// heard of it, with no read of the rules per lead.
func TestARoutingRuleReachesAnotherReplicasIntake(t *testing.T) {
	t.Parallel()
	tb := settingsSetup(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	other := tb.replica(t, envSettings())
	if err := other.ReloadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); other.WatchSettings(ctx) }()
	defer func() { cancel(); <-done }()

	channelOf := func(svc *handlers.Service, externalID string) string {
		t.Helper()
		got, err := svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: externalID, Email: externalID + "@example.com", Region: "emea"}}, handlers.TakeOptions{Actor: "test", Quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		l, err := tb.db.Lead(ctx, got[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		return l.Channel
	}
	if got := channelOf(other, "before"); got != sales {
		t.Fatalf("before the rule: %s, want the sales channel %s", got, sales)
	}
	if _, err := tb.svc.AddRoute(ctx, "region", "EMEA", cfgSales2, cfgAdmin); err != nil {
		t.Fatal(err)
	}
	if got := channelOf(tb.svc, "here"); got != cfgSales2 {
		t.Errorf("on the replica that added the rule: %s, want %s at once", got, cfgSales2)
	}
	n := 0
	await(t, "the other replica's intake follows the rule", func() bool {
		n++
		return channelOf(other, fmt.Sprintf("there-%d", n)) == cfgSales2
	})
}
