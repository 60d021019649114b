package storage_test

import (
	"context"
	"slices"
	"testing"

	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// Each channel's queue gives its leads oldest first; taking one out, or
// setting one aside, moves the queue on; the heads are one per channel.
func TestTheAnnouncementQueueGoesOldestFirstPerChannel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	chans := map[string]string{"a1": "C0SALES01", "b1": "C0EMEA001", "a2": "C0SALES01", "b2": "C0EMEA001", "a3": "C0SALES01"}
	ids := storeLeads(t, db, chans, "a1", "b1", "a2", "b2", "a3")
	a1, b1, a2, b2, a3 := ids[0], ids[1], ids[2], ids[3], ids[4]

	next := func(channel string) int64 {
		t.Helper()
		id, _, ok, err := db.NextQueued(ctx, channel)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return 0
		}
		return id
	}
	var heads []int64
	if err := db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		var err error
		heads, err = tx.PendingHeads(ctx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(heads)
	if !slices.Equal(heads, []int64{a1, b1}) {
		t.Errorf("heads = %v, want the oldest of each channel %v", heads, []int64{a1, b1})
	}
	if got := next("C0SALES01"); got != a1 {
		t.Fatalf("first of the sales channel = %d, want %d", got, a1)
	}
	if err := db.MarkQueuedAttempted(ctx, a1); err != nil {
		t.Fatal(err)
	}
	if _, attempted, _, _ := db.NextQueued(ctx, "C0SALES01"); !attempted {
		t.Error("a lead whose post was tried does not say so: a retry would post it again instead of searching for it")
	}
	if err := db.Dequeue(ctx, a1); err != nil {
		t.Fatal(err)
	}
	if got := next("C0SALES01"); got != a2 {
		t.Fatalf("after the first, the sales channel gives %d, want %d", got, a2)
	}
	if err := db.SetAside(ctx, a2, "invalid_blocks"); err != nil {
		t.Fatal(err)
	}
	if got := next("C0SALES01"); got != a3 {
		t.Fatalf("after a lead set aside, the sales channel gives %d, want %d", got, a3)
	}
	events, err := db.LeadEvents(ctx, a2)
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Kind != "announce_refused" || last.Data["reason"] != "invalid_blocks" {
		t.Errorf("the lead set aside ends with %+v, want announce_refused with its reason", last)
	}
	if got := next("C0EMEA001"); got != b1 {
		t.Fatalf("the other channel's queue moved: %d, want %d", got, b1)
	}
	for _, id := range []int64{a3, b1, b2} {
		if err := db.Dequeue(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if next("C0SALES01") != 0 || next("C0EMEA001") != 0 {
		t.Error("queues not empty after every lead was taken out")
	}
}

// A channel's lock is held by one holder at a time, across connections, and
// is free again once let go.
func TestAChannelLockHasOneHolder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	unlock, held, err := db.LockChannel(ctx, "C0SALES01")
	if err != nil || !held {
		t.Fatalf("first lock: held=%v err=%v", held, err)
	}
	if _, held, err := db.LockChannel(ctx, "C0SALES01"); err != nil || held {
		t.Fatalf("second lock while held: held=%v err=%v", held, err)
	}
	other, held, err := db.LockChannel(ctx, "C0EMEA001")
	if err != nil || !held {
		t.Fatalf("another channel's lock: held=%v err=%v", held, err)
	}
	other()
	unlock()
	again, held, err := db.LockChannel(ctx, "C0SALES01")
	if err != nil || !held {
		t.Fatalf("lock after unlock: held=%v err=%v", held, err)
	}
	again()
}
