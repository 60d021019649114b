package jobs_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// newEnqueuer builds an Enqueuer over db, with or without a CRM webhook and
// HubSpot.
func newEnqueuer(t *testing.T, db *storage.DB, crm, hubspot bool) *jobs.Enqueuer {
	t.Helper()
	enq, err := jobs.NewEnqueuer(db.Pool(), crm)
	if err != nil {
		t.Fatal(err)
	}
	enq.SetHubSpot(hubspot)
	return enq
}

// argsOf decodes the arguments of inserted jobs.
func argsOf[T any](t *testing.T, rows []*rivertype.JobRow) []T {
	t.Helper()
	out := make([]T, len(rows))
	for i, r := range rows {
		if err := json.Unmarshal(r.EncodedArgs, &out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The jobs the intake writes with its leads (IntakeJobs) are River's own:
// River reads them as AnnounceArgs and DrainArgs, with the options River
// inserts those with.
func TestTheIntakesJobsAreTheOnesRiverInserts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, false, false)
	intake := enq.IntakeJobs()
	now := time.Now()
	today := storage.Today{Day: armistice.DateOf(now), DayStart: now.Truncate(24 * time.Hour), MonthStart: now.AddDate(0, 0, 1-now.Day()), Month: now.Format("2006-01")}
	if err := db.AddPoolRep(ctx, "C0POOL0001", "U0REP00001", 1, 0, "U0ADMIN001", today); err != nil {
		t.Fatal(err)
	}
	got, err := db.InsertLeads(ctx, []armistice.Lead{{ExternalID: "pooled"}, {ExternalID: "queued"}}, []string{"C0POOL0001", "C0SALES001"}, "api", now.Add(time.Hour), &intake)
	if err != nil {
		t.Fatal(err)
	}
	driver := riverpgxv5.New(db.Pool())
	opts := &rivertest.RequireInsertedOpts{MaxAttempts: 20, Priority: 1, Queue: "default", State: rivertype.JobStateAvailable}
	announce := rivertest.RequireManyInserted(ctx, t, driver, []rivertest.ExpectedJob{{Args: jobs.AnnounceArgs{}, Opts: opts}})
	if a := argsOf[jobs.AnnounceArgs](t, announce); a[0].LeadID != got[0].ID {
		t.Errorf("announce job for lead %d, want %d", a[0].LeadID, got[0].ID)
	}
	drain := rivertest.RequireManyInserted(ctx, t, driver, []rivertest.ExpectedJob{{Args: jobs.DrainArgs{}, Opts: opts}})
	if d := argsOf[jobs.DrainArgs](t, drain); d[0].Channel != "C0SALES001" {
		t.Errorf("drain job for channel %q, want C0SALES001", d[0].Channel)
	}
}

func TestEnqueuerAnnouncesEachLeadOnceBothByInsertAndByCopy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, false, false)
	// Three leads go by INSERT, a hundred by COPY.
	for _, n := range []int{3, 100} {
		tx, ptx, end := enqueueTx(t, db)
		ids := make([]int64, n)
		want := make([]rivertest.ExpectedJob, n)
		for i := range ids {
			ids[i] = int64(1000 + i)
			want[i] = rivertest.ExpectedJob{Args: jobs.AnnounceArgs{}, Opts: &rivertest.RequireInsertedOpts{MaxAttempts: 20, State: rivertype.JobStateAvailable}}
		}
		if err := enq.Announce(ctx, tx, ids); err != nil {
			t.Fatal(err)
		}
		rows := rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, want)
		for i, a := range argsOf[jobs.AnnounceArgs](t, rows) {
			if a.LeadID != ids[i] {
				t.Errorf("%d leads: job %d announces lead %d, want %d", n, i, a.LeadID, ids[i])
			}
		}
		end(false)
	}
}

func TestEnqueuerSchedulesTheReminderAndTheEscalationOfALeadAtTheirTimes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, false, false)
	tx, ptx, _ := enqueueTx(t, db)
	remindAt := time.Now().Add(3 * time.Hour).Round(time.Microsecond)
	escalateAt := remindAt.Add(time.Hour)
	ids, err := enq.ScheduleSLA(ctx, tx, 42, remindAt, escalateAt)
	if err != nil {
		t.Fatal(err)
	}
	rows := rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, []rivertest.ExpectedJob{
		{Args: jobs.RemindArgs{}, Opts: &rivertest.RequireInsertedOpts{ScheduledAt: remindAt, State: rivertype.JobStateScheduled}},
		{Args: jobs.EscalateArgs{}, Opts: &rivertest.RequireInsertedOpts{ScheduledAt: escalateAt, State: rivertype.JobStateScheduled}},
	})
	if len(ids) != 2 || ids[0] != rows[0].ID || ids[1] != rows[1].ID {
		t.Errorf("ScheduleSLA returned job IDs %v, want the reminder's and the escalation's, %d and %d", ids, rows[0].ID, rows[1].ID)
	}
	if r := argsOf[jobs.RemindArgs](t, rows[:1])[0]; r.LeadID != 42 {
		t.Errorf("the reminder is for lead %d, want 42", r.LeadID)
	}
	if e := argsOf[jobs.EscalateArgs](t, rows[1:])[0]; e.LeadID != 42 || !e.Due.Equal(escalateAt) {
		t.Errorf("the escalation = %+v, want lead 42 due %s", e, escalateAt)
	}
}

func TestEnqueuerCancelsScheduledJobsAndLeavesFinishedOnesAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, false, false)
	tx, ptx, _ := enqueueTx(t, db)
	ids, err := enq.ScheduleSLA(ctx, tx, 7, time.Now().Add(time.Hour), time.Now().Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// The reminder has run already.
	if _, err := ptx.Exec(ctx, `UPDATE river_job SET state = 'completed', finalized_at = now() WHERE id = $1`, ids[0]); err != nil {
		t.Fatal(err)
	}
	// A job that is gone (River deletes finished jobs after a while) is no
	// error.
	if err := enq.Cancel(ctx, tx, append(ids, 1<<40)); err != nil {
		t.Fatal(err)
	}
	rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, []rivertest.ExpectedJob{
		{Args: jobs.RemindArgs{}, Opts: &rivertest.RequireInsertedOpts{State: rivertype.JobStateCompleted}},
		{Args: jobs.EscalateArgs{}, Opts: &rivertest.RequireInsertedOpts{State: rivertype.JobStateCancelled}},
	})
}

func TestEnqueuerPublishesADecision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, false, false)
	tx, ptx, _ := enqueueTx(t, db)
	if err := enq.PublishDecision(ctx, tx, 9); err != nil {
		t.Fatal(err)
	}
	job := rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, jobs.PublishDecisionArgs{}, &rivertest.RequireInsertedOpts{State: rivertype.JobStateAvailable})
	if job.Args.LeadID != 9 {
		t.Errorf("the decision published is lead %d's, want 9's", job.Args.LeadID)
	}
}

func TestEnqueuerNotifiesTheCRMOnlyWhenAWebhookIsConfigured(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	for _, configured := range []bool{false, true} {
		enq := newEnqueuer(t, db, configured, false)
		tx, ptx, _ := enqueueTx(t, db)
		if err := enq.NotifyCRM(ctx, tx, 31); err != nil {
			t.Fatal(err)
		}
		if !configured {
			rivertest.RequireNotInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, jobs.CRMArgs{}, nil)
			continue
		}
		job := rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, jobs.CRMArgs{}, &rivertest.RequireInsertedOpts{MaxAttempts: 25})
		if job.Args.EventID != 31 {
			t.Errorf("the CRM is sent event %d, want 31", job.Args.EventID)
		}
	}
}

func TestEnqueuerRedrawsEachErasedLead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, false, false)
	tx, ptx, _ := enqueueTx(t, db)
	if err := enq.RedrawErased(ctx, tx, nil); err != nil {
		t.Fatal(err)
	}
	rivertest.RequireNotInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, jobs.RedrawErasedArgs{}, nil)
	if err := enq.RedrawErased(ctx, tx, []int64{5, 6}); err != nil {
		t.Fatal(err)
	}
	opts := &rivertest.RequireInsertedOpts{MaxAttempts: 20}
	rows := rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, []rivertest.ExpectedJob{{Args: jobs.RedrawErasedArgs{}, Opts: opts}, {Args: jobs.RedrawErasedArgs{}, Opts: opts}})
	if a := argsOf[jobs.RedrawErasedArgs](t, rows); a[0].LeadID != 5 || a[1].LeadID != 6 {
		t.Errorf("redrawn leads %+v, want 5 and 6", a)
	}
}

func TestEnqueuerWritesToHubSpotOnlyWhenItIsConfigured(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	write := handlers.HubSpotWrite{LeadID: 12, Kind: handlers.HubSpotOwner, User: "U0REP00001"}
	db := storagetest.DB(t)
	for _, configured := range []bool{false, true} {
		enq := newEnqueuer(t, db, false, configured)
		tx, ptx, _ := enqueueTx(t, db)
		if err := enq.WriteToHubSpot(ctx, tx, write); err != nil {
			t.Fatal(err)
		}
		if !configured {
			rivertest.RequireNotInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, jobs.HubSpotWriteArgs{}, nil)
			continue
		}
		job := rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, jobs.HubSpotWriteArgs{}, &rivertest.RequireInsertedOpts{MaxAttempts: 12})
		if job.Args.HubSpotWrite != write {
			t.Errorf("HubSpot is written %+v, want %+v", job.Args.HubSpotWrite, write)
		}
	}
}

// TestEnqueuedJobsLiveAndDieWithTheirTransaction: a write that rolls back
// leaves no job to run; one that commits leaves them all.
func TestEnqueuedJobsLiveAndDieWithTheirTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	enq := newEnqueuer(t, db, true, true)
	enqueueAll := func(tx *storage.Tx) {
		t.Helper()
		if err := enq.Announce(ctx, tx, []int64{1}); err != nil {
			t.Fatal(err)
		}
		if _, err := enq.ScheduleSLA(ctx, tx, 1, time.Now().Add(time.Hour), time.Now().Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := enq.PublishDecision(ctx, tx, 1); err != nil {
			t.Fatal(err)
		}
		if err := enq.NotifyCRM(ctx, tx, 1); err != nil {
			t.Fatal(err)
		}
		if err := enq.RedrawErased(ctx, tx, []int64{1}); err != nil {
			t.Fatal(err)
		}
		if err := enq.WriteToHubSpot(ctx, tx, handlers.HubSpotWrite{LeadID: 1, Kind: handlers.HubSpotOwner, User: "U0REP00001"}); err != nil {
			t.Fatal(err)
		}
	}
	all := []rivertest.ExpectedJob{
		{Args: jobs.AnnounceArgs{}}, {Args: jobs.RemindArgs{}}, {Args: jobs.EscalateArgs{}}, {Args: jobs.PublishDecisionArgs{}},
		{Args: jobs.CRMArgs{}}, {Args: jobs.RedrawErasedArgs{}}, {Args: jobs.HubSpotWriteArgs{}},
	}
	driver := riverpgxv5.New(db.Pool())

	tx, ptx, end := enqueueTx(t, db)
	enqueueAll(tx)
	rivertest.RequireManyInsertedTx[*riverpgxv5.Driver](ctx, t, ptx, all)
	end(false)
	for _, j := range all {
		rivertest.RequireNotInserted(ctx, t, driver, j.Args, nil)
	}

	tx, _, end = enqueueTx(t, db)
	enqueueAll(tx)
	end(true)
	rivertest.RequireManyInserted(ctx, t, driver, all)
}
