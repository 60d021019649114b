package jobs_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// beginTx opens the transaction that jobs are inserted into, and worked in
// by rivertest; it is rolled back when t ends, unless the test ends it
// first.
func beginTx(t *testing.T, db *storage.DB) pgx.Tx {
	t.Helper()
	tx, err := db.Pool().Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback(context.Background()) })
	return tx
}

// enqueueTx is a transaction as a use case has it inside storage.DB.InTx,
// held open for the test, with the driver's transaction under it (for
// rivertest). end commits it (true) or rolls it back; it is rolled back
// when t ends otherwise.
func enqueueTx(t *testing.T, db *storage.DB) (tx *storage.Tx, ptx pgx.Tx, end func(commit bool)) {
	t.Helper()
	got := make(chan *storage.Tx)
	verdict := make(chan bool)
	done := make(chan error, 1)
	go func() {
		done <- db.InTx(context.Background(), func(_ context.Context, tx *storage.Tx) error {
			got <- tx
			if <-verdict {
				return nil
			}
			return errRolledBack
		})
	}()
	select {
	case tx = <-got:
	case err := <-done:
		t.Fatal(err)
	}
	ended := false
	end = func(commit bool) {
		t.Helper()
		ended = true
		verdict <- commit
		if err := <-done; err != nil && (commit || !errors.Is(err, errRolledBack)) {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		if !ended {
			end(false)
		}
	})
	return tx, tx.PgxTx(), end
}

// errRolledBack ends an enqueueTx without committing.
var errRolledBack = errors.New("rolled back by the test")

// The channels and people of the tests that work one job at a time.
const (
	marketing = "C0MKTG0001"
	manager   = "U0MGR00001"
)

// workRig is a service over a fresh database whose chat is slackemu, with
// no River client running: a test works the jobs it wants with rivertest,
// and the jobs the service schedules stay in river_job for it to read.
type workRig struct {
	db    *storage.DB
	svc   *handlers.Service
	slack *slackemu.Server
	// ago sets the clock of the service and its database back; zero is
	// the real time.
	ago atomic.Int64
}

// now is the time on the rig's clock.
func (r *workRig) now() time.Time { return time.Now().Add(-time.Duration(r.ago.Load())) }

// newWorkRig starts the rig; crm says whether a CRM webhook is configured.
func newWorkRig(t *testing.T, crm bool) *workRig {
	t.Helper()
	emu := slackemu.New(slackemu.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { srv.Close(); emu.Close() })
	emu.AddChannel(slackemu.Channel{ID: sales, Name: "sales", Members: []string{emu.Config().BotUserID}})
	emu.AddChannel(slackemu.Channel{ID: marketing, Name: "marketing", Members: []string{emu.Config().BotUserID}})
	emu.AddUser(slackemu.User{ID: manager, Name: "mia"})
	// The jobs only call the Web API: the bot need not connect.
	b := bot.New(bot.Config{BotToken: emu.Config().BotToken, AppToken: emu.Config().AppToken, APIURL: srv.URL + "/api/", ChannelRate: 100, ChannelBurst: 10})

	r := &workRig{db: storagetest.DB(t), slack: emu}
	r.db.SetClock(r.now)
	enq, err := jobs.NewEnqueuer(r.db.Pool(), crm)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	r.svc = handlers.New(handlers.Config{DB: r.db, Jobs: enq, Chat: b, Now: r.now, Settings: handlers.Settings{
		SalesChannel: sales, MarketingChannel: marketing, SalesManagers: []string{manager}, SLA: 4 * time.Hour, BusinessHours: hours,
	}})
	b.SetService(r.svc)
	return r
}

// lead stores a lead quietly, received age ago, and returns its ID.
func (r *workRig) lead(t *testing.T, externalID string, age time.Duration) int64 {
	t.Helper()
	r.ago.Store(int64(age))
	defer r.ago.Store(0)
	got, err := r.svc.TakeLeads(context.Background(), []armistice.Lead{{
		ExternalID: externalID, Email: externalID + "@example.com", Name: "Person " + externalID, Company: "Acme",
	}}, handlers.TakeOptions{Actor: "test", Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	return got[0].ID
}

// announced stores a lead and posts its card, which schedules its SLA.
func (r *workRig) announced(t *testing.T, externalID string) armistice.Lead {
	t.Helper()
	ctx := context.Background()
	id := r.lead(t, externalID, 0)
	if err := r.svc.AnnounceLead(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	lead, err := r.db.Lead(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if lead.DueAt == nil {
		t.Fatalf("lead %s has no SLA window after its announcement", externalID)
	}
	return lead
}

// work works one job of args with worker, in its own transaction, and
// returns how it ended.
func work[T river.JobArgs](t *testing.T, db *storage.DB, worker river.Worker[T], args T) (*rivertest.WorkResult, error) {
	t.Helper()
	w := rivertest.NewWorker(t, riverpgxv5.New(nil), &river.Config{}, worker)
	return w.Work(context.Background(), t, beginTx(t, db), args, nil)
}
