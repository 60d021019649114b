package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
)

func TestEscalationJobEscalatesOnlyAnUndecidedLeadAtTheEndOfTheWindowItWatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		decided   bool
		due       time.Duration // the job's window end, from the lead's
		escalates bool
	}{
		{"undecided", false, 0, true},
		{"decided", true, 0, false},
		{"given a later window since", false, -time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			r := newWorkRig(t, true)
			lead := r.announced(t, "esc-1")
			if tc.decided {
				if _, err := r.svc.Decide(ctx, lead.ID, armistice.Decision{Verdict: armistice.StatusAccepted, By: manager}); err != nil {
					t.Fatal(err)
				}
			}

			res, err := work(t, r.db, jobs.NewEscalateWorker(r.svc), jobs.EscalateArgs{LeadID: lead.ID, Due: lead.DueAt.Add(tc.due)})
			if err != nil || res.EventKind != river.EventKindJobCompleted {
				t.Fatalf("the job ended %s (%v), want completed", res.EventKind, err)
			}

			escalated := eventsOf(t, r.db, lead.ID, armistice.EventEscalated)
			card := r.slack.Messages(sales)[0]
			notices := len(r.slack.Replies(sales, card.TS)) + len(r.slack.Messages(marketing))
			after, err := r.db.Lead(ctx, lead.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.escalates {
				if len(escalated) != 0 || notices != 0 || after.Overdue {
					t.Errorf("%d escalations recorded, %d notices posted, overdue %v; want nothing done", len(escalated), notices, after.Overdue)
				}
				return
			}
			if len(escalated) != 1 || notices != 2 || !after.Overdue || !card.Edited {
				t.Fatalf("%d escalations recorded, %d notices posted (thread and marketing), overdue %v, card redrawn %v; want one each, overdue and redrawn",
					len(escalated), notices, after.Overdue, card.Edited)
			}
			// The CRM hears of it, in the escalation's own transaction.
			job := rivertest.RequireInserted(ctx, t, riverpgxv5.New(r.db.Pool()), jobs.CRMArgs{}, nil)
			sent, err := r.db.EventByID(ctx, job.Args.EventID)
			if err != nil {
				t.Fatal(err)
			}
			if sent.Kind != armistice.EventEscalated || sent.Lead.ID != lead.ID {
				t.Errorf("the CRM is sent the %s of lead %d, want the escalation of %d", sent.Kind, sent.Lead.ID, lead.ID)
			}
		})
	}
}

func TestReminderJobSnoozesThroughSlacksRateLimitAndRetriesItsFailures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault *slackemu.Fault
		ends  river.EventKind
		state rivertype.JobState
	}{
		{"posted", nil, river.EventKindJobCompleted, rivertype.JobStateCompleted},
		{"rate limited", &slackemu.Fault{Status: 429, RetryAfter: 30 * time.Second, Times: 1}, river.EventKindJobSnoozed, rivertype.JobStateScheduled},
		// River's first retry comes within seconds: the job is available
		// again at once.
		{"failing", &slackemu.Fault{Status: 500, Times: 1}, river.EventKindJobFailed, rivertype.JobStateAvailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newWorkRig(t, false)
			lead := r.announced(t, "rem-1")
			if tc.fault != nil {
				r.slack.SetFault("chat.postMessage", *tc.fault)
			}

			start := time.Now()
			res, err := work(t, r.db, jobs.NewRemindWorker(r.svc), jobs.RemindArgs{LeadID: lead.ID})
			if res.EventKind != tc.ends || res.Job.State != tc.state {
				t.Fatalf("the job ended %s in state %s (%v), want %s in %s", res.EventKind, res.Job.State, err, tc.ends, tc.state)
			}
			reminded := len(eventsOf(t, r.db, lead.ID, armistice.EventReminded))
			replies := len(r.slack.Replies(sales, r.slack.Messages(sales)[0].TS))
			switch tc.ends {
			case river.EventKindJobCompleted:
				if err != nil || reminded != 1 || replies != 1 {
					t.Errorf("error %v, %d reminders recorded, %d posted; want one of each", err, reminded, replies)
				}
			case river.EventKindJobSnoozed:
				// A snooze is no error and comes back when Slack said to.
				if at := res.Job.ScheduledAt.Sub(start); err != nil || at < 29*time.Second || at > 32*time.Second {
					t.Errorf("error %v, back in %s; want none and back in 30 s", err, at)
				}
			case river.EventKindJobFailed:
				if err == nil || len(res.Job.Errors) != 1 || res.Job.Errors[0].Error != err.Error() {
					t.Errorf("error %v, recorded %+v; want the failure, recorded", err, res.Job.Errors)
				}
			}
			if tc.ends != river.EventKindJobCompleted && (reminded != 0 || replies != 0) {
				t.Errorf("%d reminders recorded, %d posted; want none", reminded, replies)
			}
		})
	}
}

func TestReminderJobLeavesADecidedLeadAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newWorkRig(t, false)
	lead := r.announced(t, "rem-2")
	if _, err := r.svc.Decide(ctx, lead.ID, armistice.Decision{Verdict: armistice.StatusAccepted, By: manager}); err != nil {
		t.Fatal(err)
	}
	res, err := work(t, r.db, jobs.NewRemindWorker(r.svc), jobs.RemindArgs{LeadID: lead.ID})
	if err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("the job ended %s (%v), want completed", res.EventKind, err)
	}
	if n, replies := len(eventsOf(t, r.db, lead.ID, armistice.EventReminded)), len(r.slack.Replies(sales, r.slack.Messages(sales)[0].TS)); n != 0 || replies != 0 {
		t.Errorf("%d reminders recorded, %d posted; want none", n, replies)
	}
}
