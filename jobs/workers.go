package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/storage"
)

// NewWorkers registers every worker over the use cases of svc.
func NewWorkers(svc *handlers.Service, crm CRMConfig) *river.Workers {
	if crm.Client == nil {
		crm.Client = &http.Client{Timeout: 15 * time.Second}
	}
	if crm.Now == nil {
		crm.Now = time.Now
	}
	w := river.NewWorkers()
	river.AddWorker(w, &announceWorker{svc: svc})
	river.AddWorker(w, &drainWorker{svc: svc})
	river.AddWorker(w, &announceSweepWorker{svc: svc})
	river.AddWorker(w, &remindWorker{svc: svc})
	river.AddWorker(w, &escalateWorker{svc: svc})
	river.AddWorker(w, &publishDecisionWorker{svc: svc})
	river.AddWorker(w, &crmWorker{svc: svc, cfg: crm})
	river.AddWorker(w, &redrawErasedWorker{svc: svc})
	river.AddWorker(w, &retentionWorker{svc: svc})
	river.AddWorker(w, &digestTickWorker{svc: svc})
	river.AddWorker(w, &digestWorker{svc: svc})
	addBriefWorkers(w, svc) // brief.go
	return w
}

// Enqueuer inserts jobs in the caller's transaction; it implements
// handlers.Enqueuer with an insert-only River client.
type Enqueuer struct {
	client  *Client
	crm     bool
	hubspot bool // hubspot.go
}

// NewEnqueuer builds an Enqueuer over pool. crm says whether a CRM webhook
// is configured: without one, no CRM job is scheduled.
func NewEnqueuer(pool *pgxpool.Pool, crm bool) (*Enqueuer, error) {
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Enqueuer{client: client, crm: crm}, nil
}

// Announce implements handlers.Enqueuer.
func (e *Enqueuer) Announce(ctx context.Context, tx *storage.Tx, leadIDs []int64) error {
	params := make([]river.InsertManyParams, len(leadIDs))
	for i, id := range leadIDs {
		params[i] = river.InsertManyParams{Args: AnnounceArgs{LeadID: id}}
	}
	// A large batch goes by COPY, a fraction of an INSERT's time; a small
	// one by INSERT, fewer round trips than COPY's.
	var err error
	if len(params) >= copyFrom {
		_, err = e.client.InsertManyFastTx(ctx, tx.PgxTx(), params)
	} else {
		_, err = e.client.InsertManyTx(ctx, tx.PgxTx(), params)
	}
	if err != nil {
		return fmt.Errorf("scheduling announcements: %w", err)
	}
	return nil
}

// IntakeJobs implements handlers.Enqueuer: AnnounceArgs and DrainArgs, with
// the options River would insert them with.
func (e *Enqueuer) IntakeJobs() storage.IntakeJobs {
	return storage.IntakeJobs{Lead: jobKind(AnnounceArgs{}), Channel: jobKind(DrainArgs{})}
}

// jobKind is how River inserts a job of args' kind.
func jobKind(args interface {
	river.JobArgs
	river.JobArgsWithInsertOpts
}) storage.JobKind {
	opts := args.InsertOpts()
	k := storage.JobKind{Kind: args.Kind(), Queue: opts.Queue, MaxAttempts: opts.MaxAttempts, Priority: opts.Priority}
	if k.Queue == "" {
		k.Queue = river.QueueDefault
	}
	if k.MaxAttempts == 0 {
		k.MaxAttempts = river.MaxAttemptsDefault
	}
	if k.Priority == 0 {
		k.Priority = river.PriorityDefault
	}
	return k
}

// copyFrom is the batch size from which announcements are inserted by COPY.
const copyFrom = 50

// ScheduleSLA implements handlers.Enqueuer.
func (e *Enqueuer) ScheduleSLA(ctx context.Context, tx *storage.Tx, leadID int64, remindAt, escalateAt time.Time) ([]int64, error) {
	res, err := e.client.InsertManyTx(ctx, tx.PgxTx(), []river.InsertManyParams{
		{Args: RemindArgs{LeadID: leadID}, InsertOpts: &river.InsertOpts{ScheduledAt: remindAt}},
		{Args: EscalateArgs{LeadID: leadID, Due: escalateAt}, InsertOpts: &river.InsertOpts{ScheduledAt: escalateAt}},
	})
	if err != nil {
		return nil, fmt.Errorf("scheduling the SLA of lead %d: %w", leadID, err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.Job.ID
	}
	return ids, nil
}

// Cancel implements handlers.Enqueuer.
func (e *Enqueuer) Cancel(ctx context.Context, tx *storage.Tx, jobIDs []int64) error {
	for _, id := range jobIDs {
		if _, err := e.client.JobCancelTx(ctx, tx.PgxTx(), id); err != nil && !errors.Is(err, river.ErrNotFound) {
			return fmt.Errorf("cancelling job %d: %w", id, err)
		}
	}
	return nil
}

// PublishDecision implements handlers.Enqueuer.
func (e *Enqueuer) PublishDecision(ctx context.Context, tx *storage.Tx, leadID int64) error {
	_, err := e.client.InsertTx(ctx, tx.PgxTx(), PublishDecisionArgs{LeadID: leadID}, nil)
	return err
}

// NotifyCRM implements handlers.Enqueuer.
func (e *Enqueuer) NotifyCRM(ctx context.Context, tx *storage.Tx, eventID int64) error {
	if !e.crm {
		return nil
	}
	_, err := e.client.InsertTx(ctx, tx.PgxTx(), CRMArgs{EventID: eventID}, nil)
	return err
}
