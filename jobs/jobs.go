// Package jobs is Armistice's durable work on River: the workers (announce a
// lead, remind, escalate, post a digest, sync the CRM, ask the language
// model for the weekly briefs) and the schedules
// (cron specs parsed by robfig/cron). Jobs are inserted in the same
// transaction as the write that causes them, so none is lost and none runs
// for a write that rolled back; the intake writes the jobs that announce
// its leads in its own statement, as Enqueuer.IntakeJobs names them. Workers reach the chat only through the
// handlers and their Chat interface.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Client is the River client over Armistice's pool.
type Client = river.Client[pgx.Tx]

// Config is what the job runner needs.
type Config struct {
	Workers    *river.Workers
	Periodic   []*river.PeriodicJob
	MaxWorkers int // jobs run at once by this replica; zero means 20
	// RescueAfter is how long a job may stay running before another replica
	// takes it over (its worker died); zero means 30 s. A job that runs
	// longer than half of it is cancelled and retried.
	RescueAfter time.Duration
	// RetryPolicy spaces the attempts of failed jobs; nil is River's
	// (attempt⁴ seconds).
	RetryPolicy river.ClientRetryPolicy
	Logger      *slog.Logger
	Registerer  prometheus.Registerer // nil: metrics are not registered
}

// Runner works jobs until stopped.
type Runner struct {
	client  *Client
	log     *slog.Logger
	metrics *metrics
}

// NewRunner builds a River client that works the given workers on pool.
func NewRunner(pool *pgxpool.Pool, cfg Config) (*Runner, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxWorkers == 0 {
		cfg.MaxWorkers = 20
	}
	if cfg.RescueAfter == 0 {
		cfg.RescueAfter = 30 * time.Second
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.MaxWorkers}},
		Workers:              cfg.Workers,
		PeriodicJobs:         cfg.Periodic,
		JobTimeout:           cfg.RescueAfter / 2,
		RescueStuckJobsAfter: cfg.RescueAfter,
		RetryPolicy:          cfg.RetryPolicy,
		// A lead's card should follow its hand-over within a second, even
		// when an insert's notification is missed.
		FetchCooldown:     50 * time.Millisecond,
		FetchPollInterval: 250 * time.Millisecond,
		Logger:            cfg.Logger.With("component", "river"),
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Runner{client: client, log: cfg.Logger, metrics: newMetrics(cfg.Registerer)}, nil
}

// Client is the River client, for inserting jobs in a transaction.
func (r *Runner) Client() *Client { return r.client }

// Start begins working jobs.
func (r *Runner) Start(ctx context.Context) error {
	events, cancel := r.client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled, river.EventKindJobSnoozed)
	go func() {
		defer cancel()
		for e := range events {
			r.metrics.observe(e)
		}
	}()
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: starting: %w", err)
	}
	return nil
}

// Stop lets running jobs finish within grace, then cancels the ones still
// running; River makes those available again for this or another replica.
func (r *Runner) Stop(grace time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := r.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		r.log.Warn("jobs: still running after the grace period; cancelling them")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = r.client.StopAndCancel(ctx)
	}
	return err
}
