package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/armistice/armistice/handlers"
)

// RemindArgs is the job that nudges the sales team at 75% of a lead's SLA.
type RemindArgs struct {
	LeadID int64 `json:"lead_id"`
}

// Kind implements river.JobArgs.
func (RemindArgs) Kind() string { return "remind" }

// EscalateArgs is the job that escalates a lead at the end of its SLA.
type EscalateArgs struct {
	LeadID int64 `json:"lead_id"`
	// Due is the end of the SLA window the job watches; zero in jobs
	// scheduled before it was recorded.
	Due time.Time `json:"due,omitzero"`
}

// Kind implements river.JobArgs.
func (EscalateArgs) Kind() string { return "escalate" }

// PublishDecisionArgs is the job that shows a decision in the chat.
type PublishDecisionArgs struct {
	LeadID int64 `json:"lead_id"`
}

// Kind implements river.JobArgs.
func (PublishDecisionArgs) Kind() string { return "publish_decision" }

type remindWorker struct {
	river.WorkerDefaults[RemindArgs]
	svc *handlers.Service
}

func (w *remindWorker) Work(ctx context.Context, job *river.Job[RemindArgs]) error {
	return snoozeOnRateLimit(w.svc.Remind(ctx, job.Args.LeadID))
}

type escalateWorker struct {
	river.WorkerDefaults[EscalateArgs]
	svc *handlers.Service
}

func (w *escalateWorker) Work(ctx context.Context, job *river.Job[EscalateArgs]) error {
	return snoozeOnRateLimit(w.svc.Escalate(ctx, job.Args.LeadID, job.Args.Due))
}

type publishDecisionWorker struct {
	river.WorkerDefaults[PublishDecisionArgs]
	svc *handlers.Service
}

func (w *publishDecisionWorker) Work(ctx context.Context, job *river.Job[PublishDecisionArgs]) error {
	return snoozeOnRateLimit(w.svc.PublishDecision(ctx, job.Args.LeadID))
}
