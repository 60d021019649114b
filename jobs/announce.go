package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
)

// AnnounceArgs is the job that posts a lead's card.
type AnnounceArgs struct {
	LeadID int64 `json:"lead_id"`
}

// Kind implements river.JobArgs.
func (AnnounceArgs) Kind() string { return "announce" }

// InsertOpts keeps trying for about a day (River's backoff), long enough to
// ride out a chat platform's outage.
func (AnnounceArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 20} }

type announceWorker struct {
	river.WorkerDefaults[AnnounceArgs]
	svc *handlers.Service
}

// Work announces the lead, in its channel's order of arrival (see
// handlers.Service.Announce). A rate limit snoozes the job without using an
// attempt.
func (w *announceWorker) Work(ctx context.Context, job *river.Job[AnnounceArgs]) error {
	return snoozeOnRateLimit(w.svc.Announce(ctx, job.Args.LeadID, job.Attempt > 1))
}

// DrainArgs is the job that posts the cards queued in a channel: one per
// channel for a batch of new leads whose channel has no pool.
type DrainArgs struct {
	Channel string `json:"channel"`
}

// Kind implements river.JobArgs.
func (DrainArgs) Kind() string { return "announce_channel" }

// InsertOpts keeps trying for about a day, as AnnounceArgs.
func (DrainArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 20} }

type drainWorker struct {
	river.WorkerDefaults[DrainArgs]
	svc *handlers.Service
}

// Work drains the channel's queue (see handlers.Service.DrainChannel). A
// rate limit snoozes the job without using an attempt.
func (w *drainWorker) Work(ctx context.Context, job *river.Job[DrainArgs]) error {
	return snoozeOnRateLimit(w.svc.DrainChannel(ctx, job.Args.Channel))
}

// snoozeOnRateLimit turns a platform's "retry after" into a snooze, which
// uses no attempt; other errors are retried with River's backoff.
func snoozeOnRateLimit(err error) error {
	if ra, ok := errors.AsType[*chat.RetryAfterError](err); ok {
		return river.JobSnooze(ra.After)
	}
	return err
}

// AnnounceSweepArgs is the periodic job that restarts the announcement of
// every channel with queued leads, in case all their jobs gave up (a long
// outage of the chat platform).
type AnnounceSweepArgs struct{}

// Kind implements river.JobArgs.
func (AnnounceSweepArgs) Kind() string { return "announce_sweep" }

// AnnounceSweepSchedule runs the sweep every minute on the leader.
func AnnounceSweepSchedule() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return AnnounceSweepArgs{}, nil }, nil)
}

type announceSweepWorker struct {
	river.WorkerDefaults[AnnounceSweepArgs]
	svc *handlers.Service
}

// Work schedules a drain of each channel with queued leads.
func (w *announceSweepWorker) Work(ctx context.Context, _ *river.Job[AnnounceSweepArgs]) error {
	return w.svc.SweepAnnouncements(ctx)
}
