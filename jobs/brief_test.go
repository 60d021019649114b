package jobs_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/jobs/jobstest"
	"github.com/armistice/armistice/llm"
	"github.com/armistice/armistice/llm/llmtest"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

const (
	briefRep      = "U0REP00001"
	olderInsight  = "Older: CFOs loved the October webinar"
	weekInsight   = "Budgets freeze in December"
	weeklyPeriod  = "2026-W47"
	briefWeekDate = "2026-11-16"
)

// logSink is a log destination that tests read while jobs write.
type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

type briefRig struct {
	emu    *slackemu.Server
	svc    *handlers.Service
	runner *jobs.Runner
	logs   *logSink
	db     *storage.DB
}

// startBriefRig runs the bot against slackemu and the jobs (with the brief
// schedule) over a database holding persona cfo with one insight in the
// week of 16 November and one before it; the service's clock stands at
// Monday 23 November, 10:00 UTC.
func startBriefRig(t *testing.T, model llm.Summarizer) *briefRig {
	t.Helper()
	ctx := context.Background()
	db := storagetest.DB(t)
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales", Members: []string{briefRep}})
	emu.AddUser(slackemu.User{ID: briefRep, Name: "rosa"})

	clock := time.Date(2026, 11, 13, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	db.SetClock(now)
	if err := db.SavePersona(ctx, armistice.Persona{Slug: "cfo", Name: "Chief Financial Officer"}); err != nil {
		t.Fatal(err)
	}
	for _, in := range []struct {
		at   time.Time
		body string
	}{{time.Date(2026, 11, 13, 12, 0, 0, 0, time.UTC), olderInsight}, {time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC), weekInsight}} {
		mu.Lock()
		clock = in.at
		mu.Unlock()
		if _, err := db.AddInsight(ctx, armistice.Insight{Persona: "cfo", Team: "sales", Author: briefRep, Body: in.body, Tags: []string{}}); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	clock = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	mu.Unlock()

	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	logs := &logSink{}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq, Chat: b, Now: now, LLM: model, Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Settings: handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours, DigestChannels: []string{sales}, DigestSchedule: "0 9 * * 1-5"}})
	b.SetService(svc)
	runner, err := jobs.NewRunner(db.Pool(), jobs.Config{Workers: jobs.NewWorkers(svc, jobs.CRMConfig{}), Periodic: jobs.BriefSchedule(svc), RetryPolicy: quickRetry{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(5 * time.Second) })
	return &briefRig{emu: emu, svc: svc, runner: runner, logs: logs, db: db}
}

// postWeekly inserts the weekly summary's job, as the digest tick does on
// Monday, and returns what the channel shows once it is posted.
func (r *briefRig) postWeekly(t *testing.T, onPost func()) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := r.runner.Client().Insert(ctx, jobs.DigestArgs{Digest: string(chat.DigestWeekly), Period: weeklyPeriod, Channel: sales}, nil); err != nil {
		t.Fatal(err)
	}
	if err := r.emu.Await(ctx, func() bool { return len(r.emu.Messages(sales)) > 0 }); err != nil {
		t.Fatalf("no weekly summary: %v", err)
	}
	if onPost != nil {
		onPost()
	}
	return strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(string(r.emu.Messages(sales)[0].Blocks))
}

// awaitSettled waits until the jobs of the given kinds have ended for good.
func (r *briefRig) awaitSettled(t *testing.T, kinds ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := jobstest.AwaitSettled(ctx, r.db.Pool(), kinds...); err != nil {
		t.Fatal(err)
	}
}

func TestBriefJobsFeedTheWeeklySummaryAndThePersonaCommand(t *testing.T) {
	t.Parallel()
	model := llmtest.New(t, "- CFOs freeze budgets in December <!channel>\n- Lead with the ROI")
	r := startBriefRig(t, llm.New(llm.Config{APIKey: llmtest.APIKey, BaseURL: model.BaseURL(), Model: "brief-model"}))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// The schedule plans the week when the runner starts; the brief follows.
	for {
		if _, ok, err := r.svc.PersonaBrief(ctx, "cfo"); err != nil {
			t.Fatal(err)
		} else if ok {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no brief; requests: %+v", model.Requests())
		case <-time.After(20 * time.Millisecond):
		}
	}
	reqs := model.Requests()
	if len(reqs) != 1 || reqs[0].Model != "brief-model" || !strings.Contains(reqs[0].User, "[sales] "+weekInsight+"\n") || strings.Contains(reqs[0].User, olderInsight) {
		t.Fatalf("requests = %+v", reqs)
	}

	shown := r.postWeekly(t, nil)
	for _, want := range []string{"*Chief Financial Officer* (`cfo`, from 1 insight)", "• CFOs freeze budgets in December &lt;!channel&gt;", "• Lead with the ROI"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the weekly summary lacks %q:\n%s", want, shown)
		}
	}

	ack, err := r.emu.SlashCommand(ctx, briefRep, sales, "/armistice", "persona cfo")
	if err != nil {
		t.Fatal(err)
	}
	answer := strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(string(ack.Payload))
	for _, want := range []string{`*AI brief, week of 16 Nov 2026* (from 1 insight)\n• CFOs freeze budgets in December &lt;!channel&gt;\n• Lead with the ROI`, weekInsight} {
		if !strings.Contains(answer, want) {
			t.Errorf("`persona cfo` lacks %q:\n%s", want, answer)
		}
	}
	for _, s := range []string{shown, answer} {
		if strings.Contains(s, "<!channel>") {
			t.Errorf("model output pings the channel:\n%s", s)
		}
	}
	if n := len(model.Requests()); n != 1 {
		t.Errorf("%d model calls, want the one brief", n)
	}
}

func TestFailingModelServerLogsOnceAndTheWeeklySummaryPostsWithoutAI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		answer llmtest.Answer
	}{
		{"server error", llmtest.Answer{Status: http.StatusInternalServerError}},
		{"timeout", llmtest.Answer{Content: "- too late", Delay: 10 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			model := llmtest.New(t, "")
			model.Answer(func(llmtest.Request) llmtest.Answer { return tc.answer })
			r := startBriefRig(t, llm.New(llm.Config{APIKey: llmtest.APIKey, BaseURL: model.BaseURL(), Timeout: 200 * time.Millisecond}))

			// The summary is due at once: it waits for the brief's three
			// attempts, then goes without it.
			var callsAtPost int
			shown := r.postWeekly(t, func() { callsAtPost = len(model.Requests()) })
			if callsAtPost != 3 {
				t.Errorf("the summary was posted after %d model calls, want after all 3 attempts", callsAtPost)
			}
			if strings.Contains(shown, "AI ") || strings.Contains(shown, "language model") || !strings.Contains(shown, "Weekly summary") {
				t.Errorf("the weekly summary after failures:\n%s", shown)
			}
			r.awaitSettled(t, "persona_brief", "rejection_brief")
			if n := len(model.Requests()); n != 3 {
				t.Errorf("%d model calls, want 3 (MaxAttempts)", n)
			}
			if n := strings.Count(r.logs.String(), "llm: no weekly brief"); n != 1 {
				t.Errorf("%d log lines about the failed brief, want 1:\n%s", n, r.logs)
			}
		})
	}
}

func TestWithoutAKeyNoJobCallsTheModel(t *testing.T) {
	t.Parallel()
	model := llmtest.New(t, "- never asked")
	r := startBriefRig(t, llm.New(llm.Config{BaseURL: model.BaseURL()}))
	if jobs.BriefSchedule(r.svc) != nil {
		t.Error("a brief schedule without a key")
	}
	// Jobs left over from when a key was set do nothing.
	ctx := context.Background()
	for _, args := range []river.JobArgs{jobs.BriefPlanArgs{Week: briefWeekDate}, jobs.PersonaBriefArgs{Persona: "cfo", Week: briefWeekDate}, jobs.RejectionBriefArgs{Week: briefWeekDate}} {
		if _, err := r.runner.Client().Insert(ctx, args, nil); err != nil {
			t.Fatal(err)
		}
	}
	shown := r.postWeekly(t, nil)
	if strings.Contains(shown, "AI ") {
		t.Errorf("an AI section without a key:\n%s", shown)
	}
	r.awaitSettled(t, "brief_plan", "persona_brief", "rejection_brief")
	if n := len(model.Requests()); n != 0 {
		t.Errorf("%d requests reached the model server without a key", n)
	}
}
