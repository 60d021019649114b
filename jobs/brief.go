package jobs

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/llm"
)

// The weekly AI briefs, with a language model configured. A periodic job
// plans each finished week once (BriefPlanArgs); the plan inserts one job
// per model call: a brief per persona that had insights that week
// (PersonaBriefArgs), and the summary of the week's rejections
// (RejectionBriefArgs). Each of those runs under a timeout with at most
// three attempts and is logged once when it gives up; the weekly summary
// waits a little for them (awaitBriefs) and goes without its AI section
// when they fail. All are unique by their arguments in every state, so a
// week is planned once and a failed brief is not tried again and again.

// briefAttempts is how often a model call is tried before the week goes
// without that brief.
const briefAttempts = 3

// briefJobTimeout bounds a brief job: one model call (llm.DefaultTimeout)
// and two queries, within River's 30 s rescue window.
const briefJobTimeout = 25 * time.Second

// briefWait is how long a weekly summary waits, after its job was inserted,
// for the briefs of its week.
const briefWait = 3 * time.Minute

// briefPoll is how often a waiting weekly summary looks again (a variable
// for tests).
var briefPoll = 10 * time.Second

// onceEver makes a job unique by its arguments across every state.
func onceEver() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: briefAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: rivertype.JobStates()}}
}

// BriefPlanArgs is the job that plans the AI briefs of one week.
type BriefPlanArgs struct {
	Week string `json:"week"` // its Monday: 2026-11-16
}

// Kind implements river.JobArgs.
func (BriefPlanArgs) Kind() string { return "brief_plan" }

// InsertOpts makes a week's plan unique, whatever became of it.
func (BriefPlanArgs) InsertOpts() river.InsertOpts { return onceEver() }

// PersonaBriefArgs is the job that asks the model for one persona's brief of
// one week.
type PersonaBriefArgs struct {
	Persona string `json:"persona"`
	Week    string `json:"week"`
}

// Kind implements river.JobArgs.
func (PersonaBriefArgs) Kind() string { return "persona_brief" }

// InsertOpts allows three attempts, once per persona and week.
func (PersonaBriefArgs) InsertOpts() river.InsertOpts { return onceEver() }

// RejectionBriefArgs is the job that asks the model why sales rejected one
// week's leads.
type RejectionBriefArgs struct {
	Week string `json:"week"`
}

// Kind implements river.JobArgs.
func (RejectionBriefArgs) Kind() string { return "rejection_brief" }

// InsertOpts allows three attempts, once per week.
func (RejectionBriefArgs) InsertOpts() river.InsertOpts { return onceEver() }

// BriefSchedule plans the last finished week's briefs: hourly and when a
// replica becomes the leader, each week once. Without a model there is no
// schedule, and no job ever calls one.
func BriefSchedule(svc *handlers.Service) []*river.PeriodicJob {
	if !svc.LLMEnabled() {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return BriefPlanArgs{Week: svc.BriefWeek()}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})}
}

// addBriefWorkers registers the brief workers.
func addBriefWorkers(w *river.Workers, svc *handlers.Service) {
	river.AddWorker(w, &briefPlanWorker{svc: svc})
	river.AddWorker(w, &personaBriefWorker{svc: svc})
	river.AddWorker(w, &rejectionBriefWorker{svc: svc})
}

type briefPlanWorker struct {
	river.WorkerDefaults[BriefPlanArgs]
	svc *handlers.Service
}

// Work inserts a job for each brief the week still needs.
func (w *briefPlanWorker) Work(ctx context.Context, job *river.Job[BriefPlanArgs]) error {
	due, err := w.svc.BriefsDue(ctx, job.Args.Week)
	if err != nil {
		return err
	}
	var params []river.InsertManyParams
	for _, p := range due.Personas {
		params = append(params, river.InsertManyParams{Args: PersonaBriefArgs{Persona: p, Week: job.Args.Week}})
	}
	if due.Rejections {
		params = append(params, river.InsertManyParams{Args: RejectionBriefArgs{Week: job.Args.Week}})
	}
	if len(params) == 0 {
		return nil
	}
	_, err = river.ClientFromContext[pgx.Tx](ctx).InsertMany(ctx, params)
	return err
}

type personaBriefWorker struct {
	river.WorkerDefaults[PersonaBriefArgs]
	svc *handlers.Service
}

// Timeout implements river.Worker: a model call takes longer than most jobs.
func (w *personaBriefWorker) Timeout(*river.Job[PersonaBriefArgs]) time.Duration {
	return briefJobTimeout
}

// Work makes the brief; the last attempt's failure is logged once.
func (w *personaBriefWorker) Work(ctx context.Context, job *river.Job[PersonaBriefArgs]) error {
	return giveUpOnRefusal(w.svc.BriefPersona(ctx, job.Args.Persona, job.Args.Week, job.Attempt >= job.MaxAttempts))
}

type rejectionBriefWorker struct {
	river.WorkerDefaults[RejectionBriefArgs]
	svc *handlers.Service
}

// Timeout implements river.Worker, as for persona briefs.
func (w *rejectionBriefWorker) Timeout(*river.Job[RejectionBriefArgs]) time.Duration {
	return briefJobTimeout
}

// Work makes the summary; the last attempt's failure is logged once.
func (w *rejectionBriefWorker) Work(ctx context.Context, job *river.Job[RejectionBriefArgs]) error {
	return giveUpOnRefusal(w.svc.BriefRejections(ctx, job.Args.Week, job.Attempt >= job.MaxAttempts))
}

// giveUpOnRefusal cancels a job that the model server refused (a wrong key,
// an unknown model): asking again cannot help.
func giveUpOnRefusal(err error) error {
	if err != nil && llm.Permanent(err) {
		return river.JobCancel(err)
	}
	return err
}

// awaitBriefs says how long a weekly summary should wait before looking
// again for the AI briefs of its week: while they are planned but not all
// made or given up, for at most briefWait after the digest job was
// inserted. A week not planned yet is planned now. Zero: post now.
func awaitBriefs(ctx context.Context, svc *handlers.Service, job *river.Job[DigestArgs]) time.Duration {
	if job.Args.Digest != string(chat.DigestWeekly) || !svc.LLMEnabled() || time.Since(job.CreatedAt) > briefWait {
		return 0
	}
	client := river.ClientFromContext[pgx.Tx](ctx)
	week := svc.BriefWeek()
	found, err := client.JobList(ctx, river.NewJobListParams().
		Kinds(BriefPlanArgs{}.Kind(), PersonaBriefArgs{}.Kind(), RejectionBriefArgs{}.Kind()).
		Where("args ->> 'week' = @week", river.NamedArgs{"week": week}).First(1000))
	if err != nil {
		return 0 // the summary matters more than its AI section
	}
	planned := false
	for _, j := range found.Jobs {
		planned = planned || j.Kind == BriefPlanArgs{}.Kind()
		if j.FinalizedAt == nil {
			return briefPoll
		}
	}
	if !planned {
		if _, err := client.Insert(ctx, BriefPlanArgs{Week: week}, nil); err != nil {
			return 0
		}
		return briefPoll
	}
	return 0
}
