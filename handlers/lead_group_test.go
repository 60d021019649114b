package handlers_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

func TestConcurrentCallsAreCommittedTogetherEachWithItsOwnResults(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	ctx := context.Background()
	const calls = 64
	results := make([]string, calls)
	ids := make([]int64, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			// Calls i and i+32 hand over the same lead.
			ext := fmt.Sprintf("g-%d", i%32)
			got, err := tb.svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: ext, Email: ext + "@example.com"}}, handlers.TakeOptions{Actor: "api"})
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = fmt.Sprintf("%s:%v", got[0].ExternalID, got[0].Duplicate)
			ids[i] = got[0].ID
		})
	}
	wg.Wait()
	for i := range 32 {
		a, b := results[i], results[i+32]
		ext := fmt.Sprintf("g-%d", i)
		if ids[i] != ids[i+32] || (a != ext+":false" && b != ext+":false") || a == b {
			t.Errorf("lead %s: %s (id %d) and %s (id %d); want one new and one duplicate of it", ext, a, ids[i], b, ids[i+32])
		}
	}
	// Each write with new leads queues them and schedules one drain of
	// the sales channel (it has no pool).
	var leads, queued, own, drains int
	if err := tb.db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM leads WHERE announce_pending),
		(SELECT count(*) FROM river_job WHERE kind = 'announce'), (SELECT count(*) FROM river_job WHERE kind = 'announce_channel')`).Scan(&leads, &queued, &own, &drains); err != nil {
		t.Fatal(err)
	}
	if leads != 32 || queued != 32 || own != 0 || drains < 1 || drains > 32 {
		t.Errorf("%d leads, %d queued, %d announce and %d announce_channel jobs; want 32, 32, 0 and one per write (1 to 32)", leads, queued, own, drains)
	}
}
