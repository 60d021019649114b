package storage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// A batch is stored as sent: every field, the extra fields with quotes,
// markup and non-Latin text, a persona created on first use, and a repeat
// of an external ID in the batch answered as a duplicate of the first.
func TestInsertLeadsKeepsEveryFieldAsSent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	score := 87
	full := armistice.Lead{
		ExternalID: "hs-1", Email: "ana@northwind.example", Name: "Ana Ruiz", Company: "Northwind & Sons",
		Title: "VP of Operations", Phone: "+34 912 345 678", Source: "webinar", Score: &score, Persona: "ops-leader",
		Segment: "enterprise", Region: "EMEA", Country: "ES", CRMURL: "https://crm.example/c/1",
		Notes: "Asked about SSO.\nPrefers email.", OwnerHint: "maria@northwind.example",
		Fields: map[string]string{"campaign": `q4 "automation"`, "html": "<b>&amp;</b>", "city": "Zürich — 東京", "back\\slash": "tab\there", "bad utf8": "a\xffb"},
	}
	second := armistice.Lead{ExternalID: "hs-2", Email: "liam@acme.example", Persona: "ops-leader"}
	repeat := full
	repeat.Name = "Someone Else"
	got, err := db.InsertLeads(ctx, []armistice.Lead{full, second, repeat}, []string{"C0SALES01", "C0SALES01", "C0SALES01"}, "api", time.Now().Add(time.Hour), &intakeJobs)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Duplicate || got[1].Duplicate || !got[2].Duplicate || got[2].ID != got[0].ID {
		t.Fatalf("results %+v: want the third a duplicate of the first", got)
	}
	stored, err := db.LeadByExternalID(ctx, "hs-1")
	if err != nil {
		t.Fatal(err)
	}
	want := full
	want.Fields = maps.Clone(full.Fields)
	want.Fields["bad utf8"] = "a\uFFFDb"
	if stored.Name != want.Name || stored.Company != want.Company || stored.Title != want.Title || stored.Phone != want.Phone ||
		stored.Source != want.Source || stored.Score == nil || *stored.Score != score || stored.Persona != want.Persona ||
		stored.Segment != want.Segment || stored.Region != want.Region || stored.Country != want.Country ||
		stored.CRMURL != want.CRMURL || stored.Notes != want.Notes || stored.OwnerHint != want.OwnerHint || stored.Channel != "C0SALES01" {
		t.Errorf("stored %+v\nwant    %+v", stored, want)
	}
	if !maps.Equal(stored.Fields, want.Fields) {
		t.Errorf("fields %q, want %q", stored.Fields, want.Fields)
	}
	if bare, err := db.LeadByExternalID(ctx, "hs-2"); err != nil || bare.Score != nil || len(bare.Fields) != 0 || bare.Name != "" {
		t.Errorf("a lead without score, fields or name stored as %+v (%v)", bare, err)
	}
	var personas int
	if err := db.Pool().QueryRow(ctx, "SELECT count(*) FROM personas WHERE slug = 'ops-leader'").Scan(&personas); err != nil {
		t.Fatal(err)
	}
	if personas != 1 {
		t.Errorf("%d personas ops-leader, want 1", personas)
	}
}

// The intake writes, in its own statement, the River jobs that announce
// its new leads: one for each lead whose channel has a pool (it is
// assigned ahead of its card) or that has no channel, and one for each
// other channel however many leads go there. A duplicate gets none; quiet
// leads are neither queued nor announced.
func TestTheIntakeWritesTheJobsThatAnnounceItsNewLeads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	now := time.Now()
	today := storage.Today{Day: armistice.DateOf(now), DayStart: now.Truncate(24 * time.Hour), MonthStart: now.AddDate(0, 0, 1-now.Day()), Month: now.Format("2006-01")}
	if err := db.AddPoolRep(ctx, "C0POOL001", "U0REP0001", 1, 0, "U0ADMIN01", today); err != nil {
		t.Fatal(err)
	}
	known := storeLeads(t, db, map[string]string{"known": "C0POOL001"}, "known")[0]
	if _, err := db.Pool().Exec(ctx, "DELETE FROM river_job"); err != nil {
		t.Fatal(err)
	}

	leads := []armistice.Lead{{ExternalID: "p1"}, {ExternalID: "known"}, {ExternalID: "s1"}, {ExternalID: "n1"}, {ExternalID: "s2"}, {ExternalID: "e1"}}
	got, err := db.InsertLeads(ctx, leads, []string{"C0POOL001", "C0POOL001", "C0SALES01", "", "C0SALES01", "C0EMEA001"}, "api", now.Add(time.Hour), &intakeJobs)
	if err != nil {
		t.Fatal(err)
	}
	if !got[1].Duplicate || got[1].ID != known {
		t.Fatalf("results %+v: want the second a duplicate of lead %d", got, known)
	}
	want := []string{
		fmt.Sprintf(`announce {"lead_id": %d} default 20 1 available`, got[0].ID),
		fmt.Sprintf(`announce {"lead_id": %d} default 20 1 available`, got[3].ID),
		`announce_channel {"channel": "C0EMEA001"} default 20 1 available`,
		`announce_channel {"channel": "C0SALES01"} default 20 1 available`,
	}
	if jobs := riverJobs(t, db); !slices.Equal(jobs, want) {
		t.Errorf("jobs:\n%q\nwant\n%q", jobs, want)
	}
	for _, r := range []armistice.Received{got[0], got[2], got[3]} {
		if _, pending, _, err := db.AnnouncementState(ctx, r.ID); err != nil || !pending {
			t.Errorf("lead %s queued = %v (%v), want queued", r.ExternalID, pending, err)
		}
	}

	// Channels whose drain jobs have not started get no other: those jobs
	// will read the queue.
	if _, err := db.InsertLeads(ctx, []armistice.Lead{{ExternalID: "s3"}, {ExternalID: "e2"}}, []string{"C0SALES01", "C0EMEA001"}, "api", now.Add(time.Hour), &intakeJobs); err != nil {
		t.Fatal(err)
	}
	if jobs := riverJobs(t, db); !slices.Equal(jobs, want) {
		t.Errorf("with both drain jobs waiting, jobs:\n%q\nwant\n%q", jobs, want)
	}
	// A drain job that runs already, one that River is fetching (locked) or
	// one snoozed for long is no longer waiting: the channel gets a new job.
	if _, err := db.Pool().Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1, attempted_at = now() WHERE args ->> 'channel' = 'C0SALES01'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool().Exec(ctx, `UPDATE river_job SET state = 'scheduled', scheduled_at = now() + interval '1 hour' WHERE args ->> 'channel' = 'C0EMEA001'`); err != nil {
		t.Fatal(err)
	}
	fetching, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer fetching.Rollback(ctx)
	if _, err := db.InsertLeads(ctx, []armistice.Lead{{ExternalID: "w1"}}, []string{"C0WEST001"}, "api", now.Add(time.Hour), &intakeJobs); err != nil {
		t.Fatal(err)
	}
	if _, err := fetching.Exec(ctx, `SELECT 1 FROM river_job WHERE args ->> 'channel' = 'C0WEST001' FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.InsertLeads(ctx, []armistice.Lead{{ExternalID: "s4"}, {ExternalID: "e3"}, {ExternalID: "w2"}}, []string{"C0SALES01", "C0EMEA001", "C0WEST001"}, "api", now.Add(time.Hour), &intakeJobs); err != nil {
		t.Fatal(err)
	}
	var news int
	if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state = 'available' AND args ->> 'channel' IN ('C0SALES01', 'C0EMEA001', 'C0WEST001')`).Scan(&news); err != nil {
		t.Fatal(err)
	}
	if news != 4 { // C0WEST001's locked one, and one new for each channel
		t.Errorf("%d drain jobs available, want 4: C0WEST001's first and a new one for each of the three channels", news)
	}
	if err := fetching.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool().Exec(ctx, `DELETE FROM river_job`); err != nil {
		t.Fatal(err)
	}

	quiet, err := db.InsertLeads(ctx, []armistice.Lead{{ExternalID: "q1"}}, []string{"C0SALES01"}, "import", now.Add(time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, pending, _, err := db.AnnouncementState(ctx, quiet[0].ID); err != nil || pending {
		t.Errorf("a quiet lead queued = %v (%v), want not", pending, err)
	}
	if jobs := riverJobs(t, db); len(jobs) != 0 {
		t.Errorf("after a quiet intake, jobs %q, want none", jobs)
	}
}

// riverJobs lists River's jobs as "kind args queue max_attempts priority
// state", sorted.
func riverJobs(t *testing.T, db *storage.DB) []string {
	t.Helper()
	rows, err := db.Pool().Query(context.Background(), "SELECT kind || ' ' || args::text || ' ' || queue || ' ' || max_attempts || ' ' || priority || ' ' || state FROM river_job")
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(jobs)
	return jobs
}

// The intake wakes River's producers as River's own insert does — a
// notification on the schema's river_insert topic naming the queue — once
// in a while: a write right after one that notified does not.
func TestTheIntakeWakesRiversProducersOnceInAWhile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	conn, err := pgx.ConnectConfig(ctx, db.Pool().Config().ConnConfig.Copy())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{schema + ".river_insert"}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	take := func(id string, jobs storage.IntakeJobs) {
		t.Helper()
		if _, err := db.InsertLeads(ctx, []armistice.Lead{{ExternalID: id}}, []string{"C0SALES01"}, "api", time.Now().Add(time.Hour), &jobs); err != nil {
			t.Fatal(err)
		}
	}
	other := intakeJobs
	other.Channel.Queue = "other"
	take("a", intakeJobs)
	take("b", intakeJobs) // right after: no notification
	time.Sleep(60 * time.Millisecond)
	take("c", other)
	var queues []string
	for range 2 {
		wait, cancel := context.WithTimeout(ctx, 10*time.Second)
		n, err := conn.WaitForNotification(wait)
		cancel()
		if err != nil {
			t.Fatalf("notifications %q, then: %v", queues, err)
		}
		var payload struct{ Queue string }
		if err := json.Unmarshal([]byte(n.Payload), &payload); err != nil {
			t.Fatalf("payload %q: %v", n.Payload, err)
		}
		queues = append(queues, payload.Queue)
	}
	if want := []string{"default", "other"}; !slices.Equal(queues, want) {
		t.Errorf("notified queues %q, want %q: one for the first write, none for the second, one for the third", queues, want)
	}
}
