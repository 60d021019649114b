package jobs

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/armistice/armistice/handlers"
)

// NewWorkers registers every worker over the use cases of svc.
func NewWorkers(svc *handlers.Service) *river.Workers {
	w := river.NewWorkers()
	river.AddWorker(w, &announceWorker{svc: svc})
	return w
}

// Enqueuer inserts jobs in the caller's transaction; it implements
// handlers.Enqueuer with an insert-only River client.
type Enqueuer struct {
	client *Client
}

// NewEnqueuer builds an Enqueuer over pool.
func NewEnqueuer(pool *pgxpool.Pool) (*Enqueuer, error) {
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Enqueuer{client: client}, nil
}

// Announce implements handlers.Enqueuer.
func (e *Enqueuer) Announce(ctx context.Context, tx pgx.Tx, leadIDs []int64) error {
	params := make([]river.InsertManyParams, len(leadIDs))
	for i, id := range leadIDs {
		params[i] = river.InsertManyParams{Args: AnnounceArgs{LeadID: id}}
	}
	if _, err := e.client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("scheduling announcements: %w", err)
	}
	return nil
}
