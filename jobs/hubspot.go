package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/hubspot"
	"github.com/armistice/armistice/storage"
)

// HubSpotWriteArgs is the job that writes a decision or an owner to a
// lead's HubSpot contact.
type HubSpotWriteArgs struct {
	handlers.HubSpotWrite
}

// Kind implements river.JobArgs.
func (HubSpotWriteArgs) Kind() string { return "hubspot_write" }

// InsertOpts retries a write for about half a day when HubSpot or the
// network fails (River's backoff over 12 attempts); rate limits snooze it
// without using an attempt.
func (HubSpotWriteArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 12} }

// HubSpotDealsArgs is the periodic job that reads the deals changed in
// HubSpot and moves their leads on.
type HubSpotDealsArgs struct{}

// Kind implements river.JobArgs.
func (HubSpotDealsArgs) Kind() string { return "hubspot_deals" }

// InsertOpts keeps one reading of deals at a time: the next minute's is not
// inserted while one waits, runs or is to be retried.
func (HubSpotDealsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}}}
}

// AddHubSpotWorkers registers the HubSpot workers, for a deployment with
// HUBSPOT_ACCESS_TOKEN.
func AddHubSpotWorkers(w *river.Workers, svc *handlers.Service, hs handlers.HubSpot) {
	river.AddWorker(w, &hubSpotWriteWorker{svc: svc, hs: hs})
	river.AddWorker(w, &hubSpotDealsWorker{svc: svc, hs: hs})
}

// HubSpotSchedule reads deals back every minute on the leader replica,
// starting at once; none without HubSpot.
func HubSpotSchedule(hs handlers.HubSpot) []*river.PeriodicJob {
	if hs.Client == nil {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return HubSpotDealsArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})}
}

type hubSpotWriteWorker struct {
	river.WorkerDefaults[HubSpotWriteArgs]
	svc *handlers.Service
	hs  handlers.HubSpot
}

// Work writes to the contact.
func (w *hubSpotWriteWorker) Work(ctx context.Context, job *river.Job[HubSpotWriteArgs]) error {
	return waitOutHubSpot(w.svc.WriteToHubSpot(ctx, w.hs, job.Args.HubSpotWrite))
}

type hubSpotDealsWorker struct {
	river.WorkerDefaults[HubSpotDealsArgs]
	svc *handlers.Service
	hs  handlers.HubSpot
}

// Work applies the deals changed since the last reading.
func (w *hubSpotDealsWorker) Work(ctx context.Context, _ *river.Job[HubSpotDealsArgs]) error {
	return waitOutHubSpot(w.svc.ApplyHubSpotDeals(ctx, w.hs))
}

// waitOutHubSpot snoozes a job that met HubSpot's rate limit for as long as
// HubSpot asks.
func waitOutHubSpot(err error) error {
	var limited *hubspot.RateLimitError
	if errors.As(err, &limited) {
		return river.JobSnooze(limited.After)
	}
	return err
}

// SetHubSpot says whether HubSpot is configured: without it, no HubSpot job
// is scheduled.
func (e *Enqueuer) SetHubSpot(on bool) { e.hubspot = on }

// WriteToHubSpot implements handlers.Enqueuer.
func (e *Enqueuer) WriteToHubSpot(ctx context.Context, tx *storage.Tx, w handlers.HubSpotWrite) error {
	if !e.hubspot {
		return nil
	}
	_, err := e.client.InsertTx(ctx, tx.PgxTx(), HubSpotWriteArgs{HubSpotWrite: w}, nil)
	return err
}
