package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/bot"
	"github.com/armistice/armistice/bot/bottest"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/slackemu"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

const sales = "C0SALES001"

type testBundle struct {
	db  *storage.DB
	emu *slackemu.Server
	bot *bot.Bot
	svc *handlers.Service
}

// setup builds a Service over a fresh database and a bot connected to
// slackemu; opts adjust its configuration (settings, clock).
func setup(t testing.TB, opts ...func(*handlers.Config)) *testBundle {
	t.Helper()
	db := storagetest.DB(t)
	b, emu := bottest.Start(t, slackemu.Channel{ID: sales, Name: "sales"})
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	cfg := handlers.Config{DB: db, Jobs: enq, Chat: b, Settings: handlers.Settings{SalesChannel: sales, SLA: 4 * time.Hour, BusinessHours: hours}}
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.Now != nil {
		db.SetClock(cfg.Now)
	}
	return &testBundle{db: db, emu: emu, bot: b, svc: handlers.New(cfg)}
}

func (tb *testBundle) take(t *testing.T, externalID string) int64 {
	t.Helper()
	got, err := tb.svc.TakeLeads(context.Background(), []armistice.Lead{{ExternalID: externalID, Email: externalID + "@example.com"}}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return got[0].ID
}

func TestAnnounceAfterACrashFindsTheCardInsteadOfPostingTwice(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	ctx := context.Background()
	id := tb.take(t, "crash-1")
	lead, err := tb.db.Lead(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// An earlier attempt posted the card and died before recording it.
	posted, err := tb.bot.PostLeadCard(ctx, sales, chat.LeadCard{Lead: lead, DueAt: time.Now(), Zone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}

	if err := tb.svc.AnnounceLead(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if err := tb.svc.AnnounceLead(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if n := len(tb.emu.Messages(sales)); n != 1 {
		t.Fatalf("%d cards for one lead", n)
	}
	card, err := tb.db.LeadCard(ctx, id)
	if err != nil || card.MessageID != posted.ID {
		t.Errorf("recorded card %+v (%v), want message %s", card, err, posted.ID)
	}
	if lead, _ := tb.db.Lead(ctx, id); lead.Status != armistice.StatusAnnounced {
		t.Errorf("status = %s, want announced", lead.Status)
	}
}

func TestAnnounceTwicePostsOneCard(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	ctx := context.Background()
	id := tb.take(t, "once-1")
	for range 3 {
		if err := tb.svc.AnnounceLead(ctx, id, false); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(tb.emu.Messages(sales)); n != 1 {
		t.Errorf("%d cards, want 1", n)
	}
	var events int
	if err := tb.db.Pool().QueryRow(ctx, `SELECT count(*) FROM lead_events WHERE lead_id = $1 AND kind = 'announced'`, id).Scan(&events); err != nil || events != 1 {
		t.Errorf("announced events = %d (%v), want 1", events, err)
	}
}

func TestRoutingRuleSendsTheCardToItsChannel(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	ctx := context.Background()
	const emea = "C0EMEA0001"
	tb.emu.AddChannel(slackemu.Channel{ID: emea, Name: "sales-emea", Members: []string{tb.emu.Config().BotUserID}})
	if _, err := tb.svc.AddRoute(ctx, "region", "EMEA", emea, "U0ADMIN001"); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.svc.AddRoute(ctx, "region", "emea", sales, "U0ADMIN001"); armistice.ErrorCode(err) != armistice.ECONFLICT {
		t.Errorf("a second rule for region=emea: %v, want a conflict", err)
	}
	if _, err := tb.svc.AddRoute(ctx, "country", "ES", emea, "U0ADMIN001"); armistice.ErrorCode(err) != armistice.EINVALID {
		t.Errorf("routing by country: %v, want invalid", err)
	}
	got, err := tb.svc.TakeLeads(ctx, []armistice.Lead{
		{ExternalID: "eu-1", Email: "eu@example.com", Region: "emea"},
		{ExternalID: "us-1", Email: "us@example.com", Region: "AMER"},
	}, handlers.TakeOptions{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if err := tb.svc.AnnounceLead(ctx, r.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	if n, m := len(tb.emu.Messages(emea)), len(tb.emu.Messages(sales)); n != 1 || m != 1 {
		t.Errorf("cards: %d in #sales-emea, %d in #sales; want one each", n, m)
	}
}

// cardLeads are the lead IDs of the cards in the sales channel, in order.
func (tb *testBundle) cardLeads() []int64 {
	var ids []int64
	for _, m := range tb.emu.Messages(sales) {
		if m.Metadata != nil {
			ids = append(ids, int64(m.Metadata.EventPayload["lead_id"].(float64)))
		}
	}
	return ids
}

func TestALeadWhoseMinimalCardIsRefusedTooIsSetAsideAndTheChannelGoesOnInOrder(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	ctx := context.Background()
	a, b, c := tb.take(t, "q-1"), tb.take(t, "q-2"), tb.take(t, "q-3")
	// The card and then the minimal card of the first lead are refused.
	tb.emu.SetFault("chat.postMessage", slackemu.Fault{Error: "msg_too_long", Times: 2})
	if err := tb.svc.Announce(ctx, c, false); err != nil { // the last lead's job drains the channel
		t.Fatal(err)
	}
	if got := tb.cardLeads(); fmt.Sprint(got) != fmt.Sprint([]int64{b, c}) {
		t.Errorf("cards for leads %v, want %v", got, []int64{b, c})
	}
	events, err := tb.db.LeadEvents(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Kind != "announce_refused" || !strings.Contains(fmt.Sprint(last.Data), "msg_too_long") {
		t.Errorf("lead %d's last event: %s %s", a, last.Kind, last.Data)
	}
	if _, _, more, err := tb.db.NextQueued(ctx, sales); err != nil || more {
		t.Errorf("the queue is not empty: %v %v", more, err)
	}
}

func TestTheSweepRestartsAQueueWhoseJobsGaveUp(t *testing.T) {
	t.Parallel()
	tb := setup(t)
	ctx := context.Background()
	a, b := tb.take(t, "s-1"), tb.take(t, "s-2")
	if _, err := tb.db.Pool().Exec(ctx, `DELETE FROM river_job`); err != nil { // the jobs gave up
		t.Fatal(err)
	}
	if err := tb.svc.SweepAnnouncements(ctx); err != nil {
		t.Fatal(err)
	}
	var scheduled []int64
	if err := tb.db.Pool().QueryRow(ctx, `SELECT array_agg((args->>'lead_id')::bigint) FROM river_job WHERE kind = 'announce'`).Scan(&scheduled); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(scheduled) != fmt.Sprint([]int64{a}) {
		t.Fatalf("the sweep scheduled %v, want the channel's oldest lead %d", scheduled, a)
	}
	if err := tb.svc.Announce(ctx, a, false); err != nil {
		t.Fatal(err)
	}
	if got := tb.cardLeads(); fmt.Sprint(got) != fmt.Sprint([]int64{a, b}) {
		t.Errorf("cards for leads %v, want %v", got, []int64{a, b})
	}
}
