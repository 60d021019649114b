// Package jobstest helps tests wait for River's jobs instead of sleeping:
// a test that checks that nothing more happens waits until the jobs that
// could make it happen have ended.
package jobstest

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// AwaitSettled waits until every job of the given kinds has ended for good —
// completed, discarded after its last attempt, or cancelled — and at least
// one exists, so that what they do has all been done. It fails when ctx
// ends first, naming the jobs still going.
func AwaitSettled(ctx context.Context, pool *pgxpool.Pool, kinds ...string) error {
	const q = `SELECT count(*), count(*) FILTER (WHERE state NOT IN ('completed', 'discarded', 'cancelled')),
		coalesce(string_agg(kind || ' ' || state::text, ', ') FILTER (WHERE state NOT IN ('completed', 'discarded', 'cancelled')), '')
		FROM river_job WHERE kind = ANY($1)`
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		var all, going int
		var which string
		if err := pool.QueryRow(ctx, q, kinds).Scan(&all, &going, &which); err != nil {
			return fmt.Errorf("reading the jobs: %w", err)
		}
		if all > 0 && going == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			if all == 0 {
				return fmt.Errorf("no job of kind %v: %w", kinds, ctx.Err())
			}
			return fmt.Errorf("jobs still going (%s): %w", which, ctx.Err())
		case <-tick.C:
		}
	}
}
