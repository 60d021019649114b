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
	var leads, jobs int
	if err := tb.db.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM river_job WHERE kind = 'announce')`).Scan(&leads, &jobs); err != nil {
		t.Fatal(err)
	}
	if leads != 32 || jobs != 32 {
		t.Errorf("%d leads and %d announce jobs, want 32 and 32", leads, jobs)
	}
}
