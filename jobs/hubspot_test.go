package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/hubspot"
	"github.com/armistice/armistice/hubspotemu"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/jobs/jobstest"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// The reps of the HubSpot tests, their addresses in Slack and their owners
// in HubSpot.
const (
	hubRep      = "U0REP00001"
	hubRep2     = "U0REP00002"
	hubRepMail  = "rosa@armistice.example"
	hubRep2Mail = "sam@armistice.example"
	hubOwner    = "77"
	hubOwner2   = "78"
)

// hubRig is a service whose decisions go to hubspotemu, with River working
// the HubSpot jobs.
type hubRig struct {
	db     *storage.DB
	svc    *handlers.Service
	slack  *slackemu.Server
	hub    *hubspotemu.Server
	hs     handlers.HubSpot
	client *jobs.Client
	cards  int // lead cards posted so far
}

// startHubSpot starts the rig; hs's Client is set to one of hubspotemu
// unless off, when no HubSpot is configured at all.
func startHubSpot(t *testing.T, hs handlers.HubSpot, off bool, settings ...func(*handlers.Settings)) *hubRig {
	t.Helper()
	ctx := context.Background()
	r := &hubRig{db: storagetest.DB(t)}
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{hubRep, hubRep2}})
	emu.AddUser(slackemu.User{ID: hubRep, Name: "rosa", Email: hubRepMail})
	emu.AddUser(slackemu.User{ID: hubRep2, Name: "sam", Email: hubRep2Mail})
	r.slack = emu
	r.hub = hubspotemu.New(hubspotemu.Config{RateLimitInterval: 50 * time.Millisecond, Currency: "GBP"})
	srv := httptest.NewServer(r.hub)
	t.Cleanup(srv.Close)
	r.hub.AddOwner(hubspotemu.Owner{ID: hubOwner, Email: hubRepMail, FirstName: "Rosa"})
	r.hub.AddOwner(hubspotemu.Owner{ID: hubOwner2, Email: hubRep2Mail, FirstName: "Sam"})
	if !off {
		hs.Client = hubspot.New(hubspot.Config{Token: r.hub.Token(), BaseURL: srv.URL, PerTenSeconds: 10000})
	}
	r.hs = hs

	enq, err := jobs.NewEnqueuer(r.db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	enq.SetHubSpot(hs.Client != nil)
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	st := handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours}
	for _, set := range settings {
		set(&st)
	}
	r.svc = handlers.New(handlers.Config{DB: r.db, Jobs: enq, Chat: b, Settings: st})
	b.SetService(r.svc)
	workers := jobs.NewWorkers(r.svc, jobs.CRMConfig{})
	if hs.Client != nil {
		jobs.AddHubSpotWorkers(workers, r.svc, hs)
	}
	runner, err := jobs.NewRunner(r.db.Pool(), jobs.Config{Workers: workers, RetryPolicy: quickRetry{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })
	r.client = runner.Client()
	return r
}

// lead hands over a lead and waits for its card.
func (r *hubRig) lead(t *testing.T, l armistice.Lead) int64 {
	t.Helper()
	ctx := context.Background()
	received, err := r.svc.TakeLeads(ctx, []armistice.Lead{l}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	r.cards++
	if err := r.slack.Await(wait, func() bool { return len(r.slack.Messages(sales)) >= r.cards }); err != nil {
		t.Fatalf("the card of %s: %v", l.ExternalID, err)
	}
	return received[0].ID
}

// settle waits until every job of the kinds has ended.
func (r *hubRig) settle(t *testing.T, kinds ...string) {
	t.Helper()
	wait, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := jobstest.AwaitSettled(wait, r.db.Pool(), kinds...); err != nil {
		t.Fatal(err)
	}
}

// patches returns the bodies of the PATCHes of a contact HubSpot took.
func (r *hubRig) patches(t *testing.T, contact string) []map[string]string {
	t.Helper()
	var out []map[string]string
	for _, req := range r.hub.Requests() {
		if req.Method != http.MethodPatch || req.Path != "/crm/v3/objects/contacts/"+contact || req.Status != http.StatusOK {
			continue
		}
		var body struct {
			Properties map[string]string `json:"properties"`
		}
		if err := json.Unmarshal(req.Body, &body); err != nil {
			t.Fatal(err)
		}
		out = append(out, body.Properties)
	}
	return out
}

func TestHubSpotAcceptWritesTheStageAndTheRepAsOwner(t *testing.T) {
	t.Parallel()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	contact := r.hub.AddContact(map[string]string{"email": "ana@acme.example", "lifecyclestage": "marketingqualifiedlead"})
	id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "ana@acme.example", Name: "Ana Ruiz"})

	if _, err := r.svc.Decide(context.Background(), id, armistice.Decision{Verdict: armistice.StatusAccepted, By: hubRep}); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "hubspot_write")

	got, _ := r.hub.Contact(contact)
	if got["lifecyclestage"] != "salesqualifiedlead" || got["hubspot_owner_id"] != hubOwner {
		t.Errorf("contact = %v, want lifecyclestage salesqualifiedlead and owner %s (the owner with the rep's email)", got, hubOwner)
	}
	if p := r.patches(t, contact); len(p) != 1 {
		t.Errorf("%d PATCHes of the contact, want 1", len(p))
	}
	written := eventsOf(t, r.db, id, armistice.EventHubSpotWritten)
	if len(written) != 1 || !strings.Contains(written[0].Data["hubspot"].(string), "written to HubSpot") ||
		!strings.Contains(written[0].Data["hubspot"].(string), "hubspot_owner_id="+hubOwner) {
		t.Errorf("hubspot_written events = %+v, want one saying what was written", written)
	}
}

func TestHubSpotRejectSetsTheLeadStatusAndANoteOnTheContactFoundByEmail(t *testing.T) {
	t.Parallel()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	contact := r.hub.AddContact(map[string]string{"email": "Bo@Beta.example"})
	id := r.lead(t, armistice.Lead{ExternalID: "form-77", Email: "bo@beta.example", Name: "Bo"})

	d := armistice.Decision{Verdict: armistice.StatusRejected, By: hubRep, Reason: "not our ICP", Comment: "Too small <b>for us</b> & no budget"}
	if _, err := r.svc.Decide(context.Background(), id, d); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "hubspot_write")

	if got, _ := r.hub.Contact(contact); got["hs_lead_status"] != "UNQUALIFIED" {
		t.Errorf("contact = %v, want hs_lead_status UNQUALIFIED", got)
	}
	notes := r.hub.Notes()
	if len(notes) != 1 || len(notes[0].Contacts) != 1 || notes[0].Contacts[0] != contact {
		t.Fatalf("notes = %+v, want one on contact %s", notes, contact)
	}
	body := notes[0].Properties["hs_note_body"]
	if !strings.Contains(body, "not our ICP") || !strings.Contains(body, "Too small &lt;b&gt;for us&lt;/b&gt; &amp; no budget") {
		t.Errorf("note = %q, want the reason and the comment, escaped", body)
	}
	if len(eventsOf(t, r.db, id, armistice.EventHubSpotWritten)) != 1 {
		t.Error("no hubspot_written event")
	}
}

func TestHubSpotRateLimitedOnceIsRetriedAndWrittenOnce(t *testing.T) {
	t.Parallel()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	contact := r.hub.AddContact(map[string]string{"email": "cy@gamma.example"})
	id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "cy@gamma.example"})

	r.hub.FailNext(hubspotemu.Fault{Status: http.StatusTooManyRequests})
	if _, err := r.svc.Decide(context.Background(), id, armistice.Decision{Verdict: armistice.StatusAccepted, By: hubRep}); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "hubspot_write")

	limited := 0
	for _, req := range r.hub.Requests() {
		if req.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited != 1 {
		t.Errorf("%d calls answered 429, want 1", limited)
	}
	var attempt int
	var errs string
	if err := r.db.Pool().QueryRow(context.Background(), `SELECT attempt, coalesce(errors::text, '') FROM river_job WHERE kind = 'hubspot_write'`).Scan(&attempt, &errs); err != nil {
		t.Fatal(err)
	}
	if attempt != 1 || errs != "" {
		t.Errorf("the write took %d attempts with errors %s; want it snoozed for HubSpot's interval, no attempt used", attempt, errs)
	}
	if p := r.patches(t, contact); len(p) != 1 || p[0]["hubspot_owner_id"] != hubOwner {
		t.Errorf("PATCHes taken = %v, want one, with the owner", p)
	}
	if n := len(eventsOf(t, r.db, id, armistice.EventHubSpotWritten)); n != 1 {
		t.Errorf("%d hubspot_written events, want 1", n)
	}
}

func TestHubSpotRefusedWriteIsAnEventNotARetryLoop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		hs      handlers.HubSpot
		deleted bool
		message string
	}{
		{name: "contact deleted", deleted: true, message: "resource not found"},
		{name: "value refused", hs: handlers.HubSpot{OnAccept: map[string]string{"lifecyclestage": "champion"}}, message: "champion was not one of the allowed options"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := startHubSpot(t, tc.hs, false)
			contact := r.hub.AddContact(map[string]string{"email": "dee@delta.example"})
			id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "dee@delta.example"})
			if tc.deleted {
				r.hub.DeleteContact(contact)
			}
			if _, err := r.svc.Decide(context.Background(), id, armistice.Decision{Verdict: armistice.StatusAccepted, By: hubRep}); err != nil {
				t.Fatal(err)
			}
			r.settle(t, "hubspot_write")

			var state, errs string
			if err := r.db.Pool().QueryRow(context.Background(), `SELECT state::text, coalesce(errors::text, '') FROM river_job WHERE kind = 'hubspot_write'`).Scan(&state, &errs); err != nil {
				t.Fatal(err)
			}
			if state != "completed" {
				t.Errorf("the write job is %s (%s), want completed: a refusal is not retried", state, errs)
			}
			if n := r.hub.Calls(http.MethodPatch, "/crm/v3/objects/contacts/{id}"); n != 1 {
				t.Errorf("%d PATCHes, want 1", n)
			}
			refused := eventsOf(t, r.db, id, armistice.EventHubSpotRefused)
			if len(refused) != 1 || !strings.Contains(refused[0].Data["hubspot"].(string), tc.message) {
				t.Errorf("hubspot_refused events = %+v, want one with HubSpot's message %q", refused, tc.message)
			}
			if n := len(eventsOf(t, r.db, id, armistice.EventHubSpotWritten)); n != 0 {
				t.Errorf("%d hubspot_written events, want none", n)
			}
		})
	}
}

func TestHubSpotWithoutATokenNothingCallsHubSpot(t *testing.T) {
	t.Parallel()
	r := startHubSpot(t, handlers.HubSpot{}, true)
	contact := r.hub.AddContact(map[string]string{"email": "eve@epsilon.example"})
	id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "eve@epsilon.example"})
	if _, err := r.svc.Decide(context.Background(), id, armistice.Decision{Verdict: armistice.StatusAccepted, By: hubRep}); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "publish_decision")

	var n int
	if err := r.db.Pool().QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind LIKE 'hubspot%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 || len(r.hub.Requests()) != 0 {
		t.Errorf("%d HubSpot jobs and %d calls to HubSpot, want none without a token", n, len(r.hub.Requests()))
	}
	if len(jobs.HubSpotSchedule(r.hs)) != 0 || hubspot.New(hubspot.Config{}) != nil {
		t.Error("without a token, deals are still read back")
	}
}

func TestHubSpotSetOwnerWritesTheOwnerAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	contact := r.hub.AddContact(map[string]string{"email": "fay@zeta.example"})
	id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "fay@zeta.example"})

	if err := r.db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		return r.svc.HubSpotSetOwner(ctx, tx, id, hubRep2)
	}); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "hubspot_write")

	p := r.patches(t, contact)
	if len(p) != 1 || len(p[0]) != 1 || p[0]["hubspot_owner_id"] != hubOwner2 {
		t.Errorf("PATCHes = %v, want one with hubspot_owner_id %s alone", p, hubOwner2)
	}
	if n := len(eventsOf(t, r.db, id, armistice.EventHubSpotWritten)); n != 1 {
		t.Errorf("%d hubspot_written events, want 1", n)
	}
}

// A lead a sales manager moves to another rep of its pool gets that rep as
// its contact's owner in HubSpot.
func TestHubSpotReassignWritesTheNewOwner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const admin, manager = "U0ADM00001", "U0MGR00001"
	r := startHubSpot(t, handlers.HubSpot{}, false, func(st *handlers.Settings) {
		st.Admins, st.SalesManagers = []string{admin}, []string{manager}
	})
	for _, rep := range []string{hubRep, hubRep2} {
		if _, err := r.svc.PoolAdd(ctx, admin, sales, chat.PoolRepArgs{Rep: rep}); err != nil {
			t.Fatal(err)
		}
	}
	contact := r.hub.AddContact(map[string]string{"email": "gil@zeta.example"})
	id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "gil@zeta.example"})
	lead, err := r.db.Lead(ctx, id)
	if err != nil || lead.Assignee == "" {
		t.Fatalf("the lead was not assigned: %+v %v", lead, err)
	}
	to, owner := hubRep2, hubOwner2
	if lead.Assignee == hubRep2 {
		to, owner = hubRep, hubOwner
	}
	if _, err := r.svc.Reassign(ctx, manager, id, to); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "hubspot_write")
	p := r.patches(t, contact)
	if len(p) == 0 || p[len(p)-1]["hubspot_owner_id"] != owner {
		t.Errorf("PATCHes = %v, want the last with hubspot_owner_id %s (the rep it went to)", p, owner)
	}
}

// poll reads deals back once and waits for it to end.
func (r *hubRig) poll(t *testing.T) {
	t.Helper()
	if _, err := r.client.Insert(context.Background(), jobs.HubSpotDealsArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	r.settle(t, "hubspot_deals")
}

func TestHubSpotDealsMoveTheirContactsLeadsForward(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	c1 := r.hub.AddContact(map[string]string{"email": "gil@eta.example"})
	c2 := r.hub.AddContact(map[string]string{"email": "Hal@Theta.example"})
	c3 := r.hub.AddContact(map[string]string{"email": "ida@iota.example"})
	won := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c1, Email: "gil@eta.example"})
	lost := r.lead(t, armistice.Lead{ExternalID: "web-2", Email: "hal@theta.example"}) // matched by email
	plain := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c3, Email: "ida@iota.example"})

	deal := r.hub.SetDeal(hubspotemu.Deal{Stage: "appointmentscheduled", Contacts: []string{c1}})
	r.hub.SetDeal(hubspotemu.Deal{Stage: "closedlost", Contacts: []string{c2}})
	for range 150 { // deals of no lead's contact: the search runs over two pages
		r.hub.SetDeal(hubspotemu.Deal{Stage: "qualifiedtobuy"})
	}
	r.hub.SetDeal(hubspotemu.Deal{Stage: "closedwon", Amount: "900", Contacts: []string{c3}}) // no currency: the account's
	r.poll(t)
	status := func(id int64) armistice.Lead {
		l, err := r.db.Lead(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	if l := status(won); l.Status != armistice.StatusOpportunity {
		t.Errorf("lead of an open deal is %s, want opportunity", l.Status)
	}
	if l := status(lost); l.Status != armistice.StatusLost {
		t.Errorf("lead of a lost deal is %s, want lost", l.Status)
	}
	if l := status(plain); l.Status != armistice.StatusWon || l.Amount == nil || *l.Amount != 900 || l.Currency != "GBP" {
		t.Errorf("lead of a won deal without a currency = %s %v %s, want won 900 GBP", l.Status, l.Amount, l.Currency)
	}

	r.hub.SetDeal(hubspotemu.Deal{ID: deal, Stage: "closedwon", Amount: "12500", Currency: "EUR", Contacts: []string{c1}})
	r.poll(t)
	if l := status(won); l.Status != armistice.StatusWon || l.Amount == nil || *l.Amount != 12500 || l.Currency != "EUR" {
		t.Errorf("lead of a deal moved to closed-won = %s %v %s, want won 12500 EUR within one poll", l.Status, l.Amount, l.Currency)
	}
	stats, err := r.svc.Stats(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if stats.Counts.Won != 2 || stats.Counts.Lost != 1 {
		t.Errorf("stats count %d won and %d lost, want 2 and 1", stats.Counts.Won, stats.Counts.Lost)
	}

	// Read again with nothing changed: no deal is applied twice.
	r.hub.SetDeal(hubspotemu.Deal{ID: deal, Stage: "appointmentscheduled", Contacts: []string{c1}}) // backwards: ignored
	r.poll(t)
	if l := status(won); l.Status != armistice.StatusWon {
		t.Errorf("a won lead went back to %s", l.Status)
	}
	for _, id := range []int64{won, lost, plain} {
		seen := map[any]int{}
		for _, e := range eventsOf(t, r.db, id, armistice.EventStage) {
			seen[e.Data["stage"]]++
		}
		for stage, n := range seen {
			if n != 1 {
				t.Errorf("lead %d moved to %v %d times, want once", id, stage, n)
			}
		}
	}
}

func TestHubSpotDealsTwoReplicasApplyEachDealOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	contact := r.hub.AddContact(map[string]string{"email": "jo@kappa.example"})
	id := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + contact, Email: "jo@kappa.example"})
	r.hub.SetDeal(hubspotemu.Deal{Stage: "closedwon", Amount: "4000", Currency: "EUR", Contacts: []string{contact}})

	// Two replicas reading deals back each minute on one database; both
	// are asked to read them now besides.
	var clients []*jobs.Client
	for range 2 {
		workers := jobs.NewWorkers(r.svc, jobs.CRMConfig{})
		jobs.AddHubSpotWorkers(workers, r.svc, r.hs)
		runner, err := jobs.NewRunner(r.db.Pool(), jobs.Config{Workers: workers, Periodic: jobs.HubSpotSchedule(r.hs), RetryPolicy: quickRetry{}})
		if err != nil {
			t.Fatal(err)
		}
		if err := runner.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })
		clients = append(clients, runner.Client())
	}
	for range 3 {
		for _, c := range clients {
			if _, err := c.InsertMany(ctx, []river.InsertManyParams{{Args: jobs.HubSpotDealsArgs{}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	r.settle(t, "hubspot_deals")
	if l, err := r.db.Lead(ctx, id); err != nil || l.Status != armistice.StatusWon {
		t.Fatalf("the lead of the won deal is %s (%v), want won", l.Status, err)
	}
	if n := len(eventsOf(t, r.db, id, armistice.EventStage)); n != 1 {
		t.Errorf("%d stage events, want 1: the deal applied once", n)
	}
}

func TestHubSpotDealsCursorMovesOnlyOnceAPageIsApplied(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	c1 := r.hub.AddContact(map[string]string{"email": "kim@lambda.example"})
	c2 := r.hub.AddContact(map[string]string{"email": "lou@mu.example"})
	lost := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c1, Email: "kim@lambda.example"})
	won := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c2, Email: "lou@mu.example"})
	r.hub.SetDeal(hubspotemu.Deal{Stage: "closedlost", Contacts: []string{c1}})
	d2 := r.hub.SetDeal(hubspotemu.Deal{Stage: "closedwon", Amount: "300", Currency: "EUR", Contacts: []string{c2}})

	// HubSpot fails in the middle of the page: the first deal is applied,
	// the second not; the retry starts from the same cursor.
	assoc := "/crm/v4/objects/deals/" + d2 + "/associations/contacts"
	r.hub.FailNext(hubspotemu.Fault{Status: http.StatusBadGateway, Path: assoc})
	r.poll(t)

	if n := r.hub.Calls(http.MethodGet, assoc); n != 2 {
		t.Errorf("the second deal's contacts were read %d times, want 2 (a 502, then the retry)", n)
	}
	for id, want := range map[int64]armistice.Status{lost: armistice.StatusLost, won: armistice.StatusWon} {
		if l, err := r.db.Lead(ctx, id); err != nil || l.Status != want {
			t.Errorf("lead %d is %s (%v), want %s", id, l.Status, err, want)
		}
		if n := len(eventsOf(t, r.db, id, armistice.EventStage)); n != 1 {
			t.Errorf("lead %d has %d stage events, want 1", id, n)
		}
	}
	cursor, err := r.db.HubSpotDealCursor(ctx)
	if err != nil || len(cursor.DealIDs) != 1 || cursor.DealIDs[0] != d2 {
		t.Errorf("cursor = %+v (%v), want it at deal %s, the page's last", cursor, err, d2)
	}
}

func TestHubSpotDealsADealHubSpotRefusesIsPassedOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	c1 := r.hub.AddContact(map[string]string{"email": "max@nu.example"})
	c2 := r.hub.AddContact(map[string]string{"email": "ned@xi.example"})
	r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c1, Email: "max@nu.example"})
	won := r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c2, Email: "ned@xi.example"})
	d1 := r.hub.SetDeal(hubspotemu.Deal{Stage: "closedlost", Contacts: []string{c1}})
	d2 := r.hub.SetDeal(hubspotemu.Deal{Stage: "closedwon", Amount: "10", Currency: "EUR", Contacts: []string{c2}})

	// HubSpot refuses the first deal's contacts each time it is asked.
	refused := hubspotemu.Fault{Status: http.StatusForbidden, Path: "/crm/v4/objects/deals/" + d1 + "/associations/contacts"}
	r.hub.FailNext(refused, refused, refused, refused, refused, refused)
	r.poll(t)

	if l, err := r.db.Lead(ctx, won); err != nil || l.Status != armistice.StatusWon {
		t.Errorf("the lead of the deal after the refused one is %s (%v), want won", l.Status, err)
	}
	if cursor, err := r.db.HubSpotDealCursor(ctx); err != nil || len(cursor.DealIDs) != 1 || cursor.DealIDs[0] != d2 {
		t.Errorf("cursor = %+v (%v), want it past both deals", cursor, err)
	}
}

func TestHubSpotDealsARunStopsWhenItsTimeIsUpAndTheNextGoesOn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := startHubSpot(t, handlers.HubSpot{}, false)
	var ids []int64
	for i := range 5 {
		email := fmt.Sprintf("lead%d@omicron.example", i)
		c := r.hub.AddContact(map[string]string{"email": email})
		ids = append(ids, r.lead(t, armistice.Lead{ExternalID: "hubspot-" + c, Email: email}))
		r.hub.SetDeal(hubspotemu.Deal{Stage: "closedlost", Contacts: []string{c}})
	}
	// A clock that moves 3 s each time it is read: a run has time for two
	// deals before its 8 s are up.
	var mu sync.Mutex
	at := time.Now()
	svc := handlers.New(handlers.Config{DB: r.db, Now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(3 * time.Second)
		return at
	}})
	lost := func() int {
		n := 0
		for _, id := range ids {
			if l, err := r.db.Lead(ctx, id); err == nil && l.Status == armistice.StatusLost {
				n++
			}
		}
		return n
	}
	for run, want := range []int{2, 4, 5} {
		if err := svc.ApplyHubSpotDeals(ctx, r.hs); err != nil {
			t.Fatal(err)
		}
		if got := lost(); got != want {
			t.Errorf("after run %d, %d leads lost, want %d", run+1, got, want)
		}
	}
}

func TestHubSpotDealsAreReadOneAtATime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	client, err := river.NewClient(riverpgxv5.New(db.Pool()), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	tx := beginTx(t, db)
	insert := func() *rivertype.JobInsertResult {
		t.Helper()
		res, err := client.InsertTx(ctx, tx, jobs.HubSpotDealsArgs{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	// The next minute's reading is not inserted while one waits.
	first, second := insert(), insert()
	if first.UniqueSkippedAsDuplicate || !second.UniqueSkippedAsDuplicate || second.Job.ID != first.Job.ID {
		t.Fatalf("the second reading: skipped %v, job %d; want skipped as the first, job %d", second.UniqueSkippedAsDuplicate, second.Job.ID, first.Job.ID)
	}
	rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, tx, jobs.HubSpotDealsArgs{}, &rivertest.RequireInsertedOpts{MaxAttempts: 5})

	// Once it is done, the next one is.
	if _, err := tx.Exec(ctx, `UPDATE river_job SET state = 'completed', finalized_at = now() WHERE id = $1`, first.Job.ID); err != nil {
		t.Fatal(err)
	}
	if next := insert(); next.UniqueSkippedAsDuplicate {
		t.Fatal("the reading after a completed one was skipped")
	}
	rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, tx, []rivertest.ExpectedJob{
		{Args: jobs.HubSpotDealsArgs{}, Opts: &rivertest.RequireInsertedOpts{State: rivertype.JobStateCompleted}},
		{Args: jobs.HubSpotDealsArgs{}, Opts: &rivertest.RequireInsertedOpts{State: rivertype.JobStateAvailable}},
	})
}

// eventsOf returns a lead's events of a kind.
func eventsOf(t *testing.T, db *storage.DB, leadID int64, kind armistice.EventKind) []armistice.Event {
	t.Helper()
	all, err := db.LeadEvents(context.Background(), leadID)
	if err != nil {
		t.Fatal(err)
	}
	var out []armistice.Event
	for _, e := range all {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}
