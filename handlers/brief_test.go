package handlers_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/llm"
	"github.com/armistice/armistice/llm/llmtest"
	"github.com/armistice/armistice/slackemu"
)

const marketing = "C0MARKET01"

// The week the briefs are about, and what was said in it and around it.
var (
	briefWeekStart = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	briefNow       = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // the Monday after
)

const (
	olderInsight = "Older: CFOs loved the October webinar"
	firstInsight = "Budgets freeze in December"
	lastInsight  = "They want the ROI in the first call"
	newerInsight = "Too new: procurement asks for SOC 2"
	weekComment  = "frozen until Q2"
	olderComment = "too old to count"
)

// syncBuffer is a log sink that tests read while jobs write.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// briefSetup seeds personas cfo (insights before, in, and after the week of
// 16 November) and ciso (one insight before it), a rejection in the week and
// one before it, and stops the clock at Monday 23 November, 10:00 UTC.
func briefSetup(t *testing.T, model llm.Summarizer, logs *syncBuffer) *testBundle {
	t.Helper()
	c := newClock(time.Date(2026, 11, 9, 10, 0, 0, 0, time.UTC))
	tb := setup(t, func(cfg *handlers.Config) {
		cfg.Now = c.now
		cfg.LLM = model
		cfg.Settings.MarketingChannel = marketing
		cfg.Settings.SalesManagers = []string{manager}
		cfg.Settings.DigestChannels = []string{sales, marketing}
		cfg.Settings.DigestSchedule = "0 9 * * 1-5"
		if logs != nil {
			cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
		}
	})
	tb.emu.AddChannel(slackemu.Channel{ID: marketing, Name: "marketing", Members: []string{tb.emu.Config().BotUserID}})
	ctx := context.Background()
	for _, p := range []armistice.Persona{{Slug: "cfo", Name: "Chief Financial Officer"}, {Slug: "ciso", Name: "CISO"}} {
		if err := tb.db.SavePersona(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range []struct {
		at      time.Time
		persona string
		team    string
		body    string
	}{
		{time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC), "ciso", "sales", "CISOs ask for the pen test"},
		{time.Date(2026, 11, 15, 23, 59, 0, 0, time.UTC), "cfo", "marketing", olderInsight},
		{briefWeekStart, "cfo", "sales", firstInsight},
		{time.Date(2026, 11, 22, 23, 59, 59, 0, time.UTC), "cfo", "marketing", lastInsight},
		{time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC), "cfo", "sales", newerInsight},
	} {
		c.set(in.at)
		if _, err := tb.db.AddInsight(ctx, armistice.Insight{Persona: in.persona, Team: in.team, Author: manager, Body: in.body, Tags: []string{}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []struct {
		id      string
		at      time.Time
		comment string
	}{
		{"old-1", time.Date(2026, 11, 12, 11, 0, 0, 0, time.UTC), olderComment},
		{"week-1", time.Date(2026, 11, 18, 11, 0, 0, 0, time.UTC), weekComment},
	} {
		c.set(r.at.Add(-time.Hour))
		got, err := tb.svc.TakeLeads(ctx, []armistice.Lead{{ExternalID: r.id, Email: r.id + "@example.com", Persona: "cfo"}}, handlers.TakeOptions{Actor: "test"})
		if err != nil {
			t.Fatal(err)
		}
		c.set(r.at)
		if _, err := tb.svc.Decide(ctx, got[0].ID, armistice.Decision{Verdict: armistice.StatusRejected, By: manager, Reason: "no budget", Comment: r.comment}); err != nil {
			t.Fatal(err)
		}
	}
	c.set(briefNow)
	return tb
}

// postWeekly posts the weekly summary to both digest channels and returns
// what each shows.
func postWeekly(t *testing.T, tb *testBundle) (inSales, inMarketing string) {
	t.Helper()
	ctx := context.Background()
	dg, err := tb.svc.ComposeDigest(ctx, chat.DigestWeekly, tb.svc.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{sales, marketing} {
		if err := tb.svc.PostDigest(ctx, handlers.DigestJob{Kind: chat.DigestWeekly, Period: dg.Period, Channel: ch}, false); err != nil {
			t.Fatalf("the weekly summary in %s: %v", ch, err)
		}
	}
	shown := func(ch string) string {
		msgs := tb.emu.Messages(ch)
		if len(msgs) != 1 {
			t.Fatalf("%d messages in %s, want the weekly summary", len(msgs), ch)
		}
		return strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(string(msgs[0].Blocks))
	}
	return shown(sales), shown(marketing)
}

func TestWeeklyBriefIsBuiltFromExactlyThatWeeksInsightsAndShown(t *testing.T) {
	t.Parallel()
	srv := llmtest.New(t, "Here is the brief:\n- CFOs freeze budgets in December <!channel>\n- Lead with the ROI <@U0REP00001>\n")
	tb := briefSetup(t, llm.New(llm.Config{APIKey: llmtest.APIKey, BaseURL: srv.BaseURL(), Model: "brief-model"}), nil)
	ctx := context.Background()

	week := tb.svc.BriefWeek()
	if week != "2026-11-16" {
		t.Fatalf("BriefWeek = %s, want 2026-11-16", week)
	}
	due, err := tb.svc.BriefsDue(ctx, week)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(due.Personas, ",") != "cfo" || !due.Rejections {
		t.Fatalf("due = %+v, want cfo and the rejections", due)
	}
	if err := tb.svc.BriefPersona(ctx, "cfo", week, false); err != nil {
		t.Fatal(err)
	}
	if err := tb.svc.BriefRejections(ctx, week, false); err != nil {
		t.Fatal(err)
	}

	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	brief := reqs[0]
	if brief.Model != "brief-model" {
		t.Errorf("model = %q", brief.Model)
	}
	for _, want := range []string{"[sales] " + firstInsight + "\n", "[marketing] " + lastInsight + "\n", "The 2 notes", "Chief Financial Officer (cfo)"} {
		if !strings.Contains(brief.User, want) {
			t.Errorf("the brief's prompt lacks %q:\n%s", want, brief.User)
		}
	}
	for _, other := range []string{olderInsight, newerInsight, "pen test"} {
		if strings.Contains(brief.User, other) {
			t.Errorf("the brief's prompt carries %q from outside the week or the persona", other)
		}
	}
	if r := reqs[1].User; !strings.Contains(r, "no budget | cfo | - | - | "+weekComment) || strings.Contains(r, olderComment) || strings.Contains(r, "example.com") {
		t.Errorf("the rejections prompt:\n%s", r)
	}

	due, err = tb.svc.BriefsDue(ctx, week)
	if err != nil || len(due.Personas) != 0 || due.Rejections {
		t.Errorf("after the briefs, due = %+v, %v", due, err)
	}
	b, ok, err := tb.svc.PersonaBrief(ctx, "CFO")
	if err != nil || !ok {
		t.Fatalf("PersonaBrief: %v, %v", ok, err)
	}
	if !b.Week.Equal(briefWeekStart) || b.Insights != 2 || b.Model != "brief-model" ||
		b.Body != "CFOs freeze budgets in December <!channel>\nLead with the ROI <@U0REP00001>" {
		t.Errorf("stored brief = %+v", b)
	}

	inSales, inMarketing := postWeekly(t, tb)
	for _, want := range []string{"AI brief", "*Chief Financial Officer* (`cfo`, from 2 insights)", "• CFOs freeze budgets in December &lt;!channel&gt;", "• Lead with the ROI &lt;@U0REP00001&gt;"} {
		if !strings.Contains(inSales, want) || !strings.Contains(inMarketing, want) {
			t.Errorf("a weekly summary lacks %q", want)
		}
	}
	if !strings.Contains(inMarketing, "why sales rejected leads last week* (from 1 rejection)") {
		t.Errorf("the marketing channel's summary lacks the rejections:\n%s", inMarketing)
	}
	if strings.Contains(inSales, "why sales rejected") {
		t.Error("the rejection summary went to the sales channel too")
	}
	for _, s := range []string{inSales, inMarketing} {
		if strings.Contains(s, "<!channel>") || strings.Contains(s, "<@U0REP00001>") {
			t.Errorf("model output pings someone:\n%s", s)
		}
	}
}

func TestModelFailureLeavesTheWeeklySummaryWithoutAISection(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		answer llmtest.Answer
	}{
		{"server error", llmtest.Answer{Status: http.StatusInternalServerError}},
		{"timeout", llmtest.Answer{Content: "- too late", Delay: 10 * time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.New(t, "")
			srv.Answer(func(llmtest.Request) llmtest.Answer { return tc.answer })
			logs := &syncBuffer{}
			tb := briefSetup(t, llm.New(llm.Config{APIKey: llmtest.APIKey, BaseURL: srv.BaseURL(), Timeout: 200 * time.Millisecond}), logs)
			ctx := context.Background()
			week := tb.svc.BriefWeek()
			start := time.Now()
			for attempt := 1; attempt <= 3; attempt++ {
				if err := tb.svc.BriefPersona(ctx, "cfo", week, attempt == 3); err == nil {
					t.Fatalf("attempt %d: no error", attempt)
				}
				if err := tb.svc.BriefRejections(ctx, week, attempt == 3); err == nil {
					t.Fatalf("attempt %d: no error", attempt)
				}
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("six failing calls took %s", took)
			}
			if n := strings.Count(logs.String(), "llm: no weekly brief"); n != 1 {
				t.Errorf("%d log lines about the brief, want 1:\n%s", n, logs)
			}
			if n := strings.Count(logs.String(), "llm: no weekly summary of rejections"); n != 1 {
				t.Errorf("%d log lines about the rejections, want 1:\n%s", n, logs)
			}
			if _, ok, _ := tb.svc.PersonaBrief(ctx, "cfo"); ok {
				t.Error("a brief was stored")
			}
			inSales, inMarketing := postWeekly(t, tb)
			for _, s := range []string{inSales, inMarketing} {
				if strings.Contains(s, "AI ") || strings.Contains(s, "language model") {
					t.Errorf("an AI section after failures:\n%s", s)
				}
				if !strings.Contains(s, "Weekly summary") {
					t.Errorf("not the weekly summary:\n%s", s)
				}
			}
		})
	}
}

func TestWithoutAKeyNoModelIsCalledAndNoAISectionShown(t *testing.T) {
	t.Parallel()
	srv := llmtest.New(t, "- should never be asked")
	tb := briefSetup(t, llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "brief-model"}), nil)
	ctx := context.Background()
	if tb.svc.LLMEnabled() {
		t.Fatal("a model without a key")
	}
	// A brief stored while a key was set is not shown once it is gone.
	if err := tb.db.AddPersonaBrief(ctx, armistice.PersonaBrief{Persona: "cfo", Week: briefWeekStart, Body: "from before", Insights: 2, Model: "m"}); err != nil {
		t.Fatal(err)
	}
	week := tb.svc.BriefWeek()
	if due, err := tb.svc.BriefsDue(ctx, week); err != nil || len(due.Personas) != 0 || due.Rejections {
		t.Errorf("due without a model = %+v, %v", due, err)
	}
	if err := tb.svc.BriefPersona(ctx, "cfo", week, true); err != nil {
		t.Error(err)
	}
	if err := tb.svc.BriefRejections(ctx, week, true); err != nil {
		t.Error(err)
	}
	if _, ok, err := tb.svc.PersonaBrief(ctx, "cfo"); ok || err != nil {
		t.Errorf("PersonaBrief without a model: %v, %v", ok, err)
	}
	inSales, inMarketing := postWeekly(t, tb)
	for _, s := range []string{inSales, inMarketing} {
		if strings.Contains(s, "AI ") || strings.Contains(s, "from before") {
			t.Errorf("an AI section without a key:\n%s", s)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the model server without a key", n)
	}
}

func TestBriefWeekIsTheLastWholeWeekInTheZone(t *testing.T) {
	t.Parallel()
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	c := newClock(time.Time{})
	tb := setup(t, func(cfg *handlers.Config) { cfg.Now = c.now; cfg.Settings.Location = madrid })
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 23, 0, 30, 0, 0, madrid), "2026-11-16"},    // Monday just after midnight there
		{time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), "2026-11-16"}, // Monday 00:30 in Madrid
		{time.Date(2026, 11, 22, 22, 30, 0, 0, time.UTC), "2026-11-09"}, // still Sunday there
		{time.Date(2026, 11, 29, 12, 0, 0, 0, madrid), "2026-11-16"},    // Sunday
		{time.Date(2026, 3, 30, 9, 0, 0, 0, madrid), "2026-03-23"},      // the week the clocks went forward
	} {
		c.set(tc.now)
		if got := tb.svc.BriefWeek(); got != tc.want {
			t.Errorf("at %s: BriefWeek = %s, want %s", tc.now, got, tc.want)
		}
	}
}
