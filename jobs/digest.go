package jobs

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
)

// DigestTickArgs is the periodic job that looks for digests due. It runs
// every minute on the leader replica only, and reads the schedule from the
// settings each time, so a changed schedule needs no restart.
type DigestTickArgs struct{}

// Kind implements river.JobArgs.
func (DigestTickArgs) Kind() string { return "digest_tick" }

// DigestArgs is the job that posts one digest in one channel.
type DigestArgs struct {
	Digest  string `json:"kind"`
	Period  string `json:"period"`
	Channel string `json:"channel"`
}

// Kind implements river.JobArgs.
func (DigestArgs) Kind() string { return "digest" }

// InsertOpts makes a digest job unique by its arguments: however often the
// tick finds it due, it is posted by one job.
func (DigestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// DigestSchedule is the periodic tick, starting at once when a replica
// becomes leader (so a digest missed while down is posted on start).
func DigestSchedule() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return DigestTickArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
}

type digestTickWorker struct {
	river.WorkerDefaults[DigestTickArgs]
	svc *handlers.Service
}

// Work schedules every digest that is due and not posted yet.
func (w *digestTickWorker) Work(ctx context.Context, _ *river.Job[DigestTickArgs]) error {
	due, err := w.svc.DigestsDue(ctx, w.svc.Now())
	if err != nil || len(due) == 0 {
		return err
	}
	client := river.ClientFromContext[pgx.Tx](ctx)
	params := make([]river.InsertManyParams, len(due))
	for i, d := range due {
		params[i] = river.InsertManyParams{Args: DigestArgs{Digest: string(d.Kind), Period: d.Period, Channel: d.Channel}}
	}
	_, err = client.InsertMany(ctx, params)
	return err
}

type digestWorker struct {
	river.WorkerDefaults[DigestArgs]
	svc *handlers.Service
}

// Work posts the digest; after a first attempt it looks for a digest that
// was posted but not recorded before posting again.
func (w *digestWorker) Work(ctx context.Context, job *river.Job[DigestArgs]) error {
	if wait := awaitBriefs(ctx, w.svc, job); wait > 0 {
		return river.JobSnooze(wait) // brief.go: the weekly summary waits a little for its AI section
	}
	d := handlers.DigestJob{Kind: chat.DigestKind(job.Args.Digest), Period: job.Args.Period, Channel: job.Args.Channel}
	return snoozeOnRateLimit(w.svc.PostDigest(ctx, d, job.Attempt > 1))
}
