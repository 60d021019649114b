package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/storage"
)

// RedrawErasedArgs is the job that redraws the messages of a lead whose
// personal data was erased. It carries the lead's ID only.
type RedrawErasedArgs struct {
	LeadID int64 `json:"lead_id"`
}

// Kind implements river.JobArgs.
func (RedrawErasedArgs) Kind() string { return "redraw_erased" }

// InsertOpts keeps trying for about a day, as announcing does.
func (RedrawErasedArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 20} }

// RetentionArgs is the daily job that erases the personal data of leads
// received longer ago than the window (ARMISTICE_RETENTION).
type RetentionArgs struct {
	WindowSeconds int64 `json:"window_seconds"`
}

// Kind implements river.JobArgs.
func (RetentionArgs) Kind() string { return "retention" }

// RetentionSchedule is the periodic retention job: daily, and once when a
// replica becomes the leader (River runs periodic jobs there only, so once
// across replicas). A zero window (retention off) gives none.
func RetentionSchedule(window time.Duration) []*river.PeriodicJob {
	if window <= 0 {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) {
			return RetentionArgs{WindowSeconds: int64(window / time.Second)}, nil
		},
		&river.PeriodicJobOpts{RunOnStart: true})}
}

// RedrawErased implements handlers.Enqueuer.
func (e *Enqueuer) RedrawErased(ctx context.Context, tx *storage.Tx, leadIDs []int64) error {
	if len(leadIDs) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(leadIDs))
	for i, id := range leadIDs {
		params[i] = river.InsertManyParams{Args: RedrawErasedArgs{LeadID: id}}
	}
	if _, err := e.client.InsertManyTx(ctx, tx.PgxTx(), params); err != nil {
		return fmt.Errorf("scheduling the redrawing of erased leads: %w", err)
	}
	return nil
}

type redrawErasedWorker struct {
	river.WorkerDefaults[RedrawErasedArgs]
	svc *handlers.Service
}

func (w *redrawErasedWorker) Work(ctx context.Context, job *river.Job[RedrawErasedArgs]) error {
	return snoozeOnRateLimit(w.svc.RedrawErased(ctx, job.Args.LeadID))
}

type retentionWorker struct {
	river.WorkerDefaults[RetentionArgs]
	svc *handlers.Service
}

// retentionSlice bounds one run of the retention job, well within the job
// timeout; a run with more to erase comes back at once (a snooze) and goes
// on where it stopped, since what it erased is committed batch by batch.
const retentionSlice = 5 * time.Second

// Work erases in batches for up to retentionSlice.
func (w *retentionWorker) Work(ctx context.Context, job *river.Job[RetentionArgs]) error {
	slice, cancel := context.WithTimeout(ctx, retentionSlice)
	defer cancel()
	_, err := w.svc.EraseExpired(slice, time.Duration(job.Args.WindowSeconds)*time.Second)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return river.JobSnooze(time.Second)
	}
	return err
}
