package storage_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// intakeJobs are the jobs River's Enqueuer names (jobs.Enqueuer.IntakeJobs).
var intakeJobs = storage.IntakeJobs{
	Lead:    storage.JobKind{Kind: "announce", Queue: "default", MaxAttempts: 20, Priority: 1},
	Channel: storage.JobKind{Kind: "announce_channel", Queue: "default", MaxAttempts: 20, Priority: 1},
}

// storeLeads stores leads with the given external IDs, each queued for
// announcement in its channel, and returns their IDs in order.
func storeLeads(t *testing.T, db *storage.DB, channels map[string]string, externalIDs ...string) []int64 {
	t.Helper()
	leads := make([]armistice.Lead, len(externalIDs))
	chans := make([]string, len(externalIDs))
	for i, x := range externalIDs {
		leads[i] = armistice.Lead{ExternalID: x, Email: x + "@example.com", Name: "Ana " + x, Company: "Acme"}
		chans[i] = channels[x]
		if chans[i] == "" {
			chans[i] = "C0SALES01"
		}
	}
	got, err := db.InsertLeads(context.Background(), leads, chans, "api", time.Now().Add(4*time.Hour), &intakeJobs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(got))
	for i, r := range got {
		ids[i] = r.ID
	}
	return ids
}

// Two reps clicking at once: the first decision wins, the other is told the
// lead as it stands, and only one decision event and one follow-up exist.
func TestTheFirstDecisionWins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	id := storeLeads(t, db, nil, "hs-1")[0]

	const reps = 8
	var wins, followUps atomic.Int32
	leads := make([]armistice.Lead, reps)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range reps {
		wg.Go(func() {
			<-start
			d := armistice.Decision{Verdict: armistice.StatusAccepted, By: "U0REP000" + string(rune('A'+i)), At: time.Now()}
			if i%2 == 1 {
				d.Verdict, d.Reason = armistice.StatusRejected, "no budget"
			}
			var dec storage.Decided
			err := db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
				var err error
				if dec, err = tx.Decide(ctx, id, d); err != nil || !dec.Recorded {
					return err
				}
				followUps.Add(1)
				return nil
			})
			if err != nil {
				t.Error(err)
				return
			}
			if dec.Recorded {
				wins.Add(1)
			}
			leads[i] = dec.Lead
		})
	}
	close(start)
	wg.Wait()
	if wins.Load() != 1 || followUps.Load() != 1 {
		t.Fatalf("%d decisions won and %d follow-ups ran, want 1 and 1", wins.Load(), followUps.Load())
	}
	stored, err := db.Lead(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range leads {
		if l.Status != stored.Status || l.DecidedBy != stored.DecidedBy {
			t.Errorf("rep %d was told %s by %s; the lead is %s by %s", i, l.Status, l.DecidedBy, stored.Status, stored.DecidedBy)
		}
	}
	events, err := db.LeadEvents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	verdicts := 0
	for _, e := range events {
		if e.Kind == armistice.EventAccepted || e.Kind == armistice.EventRejected {
			verdicts++
		}
	}
	if verdicts != 1 {
		t.Errorf("%d decision events, want 1: %+v", verdicts, events)
	}
}

// A follow-up that fails undoes the decision: nothing of it is stored, and
// the lead may be decided again.
func TestADecisionWhoseFollowUpFailsIsNotStored(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	id := storeLeads(t, db, nil, "hs-2")[0]
	d := armistice.Decision{Verdict: armistice.StatusAccepted, By: "U0REP0001", At: time.Now()}
	if err := db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		if _, err := tx.Decide(ctx, id, d); err != nil {
			return err
		}
		return context.DeadlineExceeded
	}); err == nil {
		t.Fatal("a failed follow-up was not reported")
	}
	if l, err := db.Lead(ctx, id); err != nil || !armistice.Undecided(l.Status) {
		t.Fatalf("after a failed follow-up the lead is %s (%v), want undecided", l.Status, err)
	}
	if dec := decide(t, db, id, d); !dec.Recorded {
		t.Fatalf("deciding again: %+v", dec)
	}
}

// A decision on a lead that is not there is ErrNotFound, told once, through
// InTx as from the step.
func TestDecidingAMissingLeadIsNotFound(t *testing.T) {
	t.Parallel()
	db := storagetest.DB(t)
	err := db.InTx(context.Background(), func(ctx context.Context, tx *storage.Tx) error {
		_, err := tx.Decide(ctx, 1<<40, armistice.Decision{Verdict: armistice.StatusAccepted, By: "U0REP0001", At: time.Now()})
		return err
	})
	if !errors.Is(err, storage.ErrNotFound) || strings.Count(err.Error(), storage.ErrNotFound.Error()) != 1 {
		t.Fatalf("err = %v, want ErrNotFound once", err)
	}
}

// decide records d on a lead in a transaction of its own.
func decide(t *testing.T, db *storage.DB, leadID int64, d armistice.Decision) storage.Decided {
	t.Helper()
	var dec storage.Decided
	if err := db.InTx(context.Background(), func(ctx context.Context, tx *storage.Tx) error {
		var err error
		dec, err = tx.Decide(ctx, leadID, d)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return dec
}
