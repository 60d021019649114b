package handlers_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// recorder is a chat in memory: it keeps what the use cases post and
// redraw, and answers membership from its own lists, so that the use cases
// are tested without a chat platform.
type recorder struct {
	mu      sync.Mutex
	members map[string][]string // channel → users
	names   map[string]string
	next    int
	posts   []posted // cards, notices and digests, in order
	updates map[string][]chat.LeadCard
	// afterCardPost, if set, runs once a card is posted, before the use
	// case goes on: what happens meanwhile elsewhere.
	afterCardPost func()
}

// posted is one message the recorder received.
type posted struct {
	ref    chat.MessageRef
	card   *chat.LeadCard
	notice *chat.Notice
	digest *chat.Digest
}

func newRecorder() *recorder {
	return &recorder{members: map[string][]string{}, names: map[string]string{}, updates: map[string][]chat.LeadCard{}}
}

func (r *recorder) add(channel string, p posted) chat.MessageRef {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next++
	p.ref = chat.MessageRef{Platform: armistice.Slack, Channel: channel, ID: fmt.Sprintf("m%d", r.next)}
	r.posts = append(r.posts, p)
	return p.ref
}

func (r *recorder) PostLeadCard(_ context.Context, channel string, card chat.LeadCard) (chat.MessageRef, error) {
	ref := r.add(channel, posted{card: &card})
	if r.afterCardPost != nil {
		r.afterCardPost()
	}
	return ref, nil
}

func (r *recorder) PostDirectCard(_ context.Context, user string, card chat.LeadCard) (chat.MessageRef, error) {
	return r.add("D-"+user, posted{card: &card}), nil
}

func (r *recorder) FindLeadCard(_ context.Context, channel string, leadID int64, _ time.Time) (chat.MessageRef, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.posts {
		if p.card != nil && p.ref.Channel == channel && p.card.Lead.ID == leadID {
			return p.ref, true, nil
		}
	}
	return chat.MessageRef{}, false, nil
}

func (r *recorder) UpdateLeadCard(_ context.Context, ref chat.MessageRef, card chat.LeadCard) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.updates[ref.ID] = append(r.updates[ref.ID], card)
	return nil
}

func (r *recorder) PostNotice(_ context.Context, n chat.Notice) (chat.MessageRef, error) {
	return r.add(n.Channel, posted{notice: &n}), nil
}

func (r *recorder) UpdateNotice(_ context.Context, ref chat.MessageRef, n chat.Notice) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.updates[ref.ID] = append(r.updates[ref.ID], n.Card)
	return nil
}

func (r *recorder) PostDigest(_ context.Context, channel string, d chat.Digest) (chat.MessageRef, error) {
	return r.add(channel, posted{digest: &d}), nil
}

func (r *recorder) FindDigest(context.Context, string, string, string, time.Time) (chat.MessageRef, bool, error) {
	return chat.MessageRef{}, false, nil
}

func (r *recorder) IsMember(_ context.Context, channel, user string) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.members[channel], user), nil
}

func (r *recorder) UserEmail(context.Context, string) (string, error) { return "", nil }

func (r *recorder) UserByEmail(context.Context, string) (string, error) { return "", nil }

func (r *recorder) InUserGroup(context.Context, string, string) (bool, error) { return false, nil }

func (r *recorder) UserName(_ context.Context, user string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.names[user], nil
}

func (r *recorder) Channel(_ context.Context, id string) (chat.ChannelInfo, error) {
	return chat.ChannelInfo{ID: id, Name: id, BotIsMember: true}, nil
}

func (r *recorder) ChannelByName(context.Context, string) (chat.ChannelInfo, error) {
	return chat.ChannelInfo{}, chat.ErrNoChannel
}

// notices returns the notices posted so far of one kind.
func (r *recorder) notices(kind chat.NoticeKind) []chat.Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []chat.Notice
	for _, p := range r.posts {
		if p.notice != nil && p.notice.Kind == kind {
			out = append(out, *p.notice)
		}
	}
	return out
}

// cards returns the lead cards posted so far.
func (r *recorder) cards() []posted {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []posted
	for _, p := range r.posts {
		if p.card != nil {
			out = append(out, p)
		}
	}
	return out
}

// redraws returns how a message was redrawn, oldest first.
func (r *recorder) redraws(id string) []chat.LeadCard {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.updates[id])
}

// recorderRig is the use cases over a fresh database and a recorder, with
// a clock the test moves.
type recorderRig struct {
	db   *storage.DB
	chat *recorder
	svc  *handlers.Service
	now  time.Time
	mu   sync.Mutex
}

const (
	recSales     = "C0RSALES01"
	recMarketing = "C0RMRKT001"
	recRep       = "U0RREP0001"
	recRep2      = "U0RREP0002"
	recManager   = "U0RMGR0001"
	recAdmin     = "U0RADM0001"
)

func newRecorderRig(t *testing.T) *recorderRig {
	t.Helper()
	r := &recorderRig{db: storagetest.DB(t), chat: newRecorder(), now: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)} // a Tuesday
	r.chat.members[recSales] = []string{recRep, recRep2}
	enq, err := jobs.NewEnqueuer(r.db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := armistice.ParseBusinessHours("Mon-Fri 09:00-18:00")
	r.db.SetClock(r.clock)
	r.svc = handlers.New(handlers.Config{DB: r.db, Jobs: enq, Chat: r.chat, Now: r.clock, Settings: handlers.Settings{
		SalesChannel: recSales, MarketingChannel: recMarketing, SLA: 4 * time.Hour, BusinessHours: hours, Location: time.UTC,
		SalesManagers: []string{recManager}, Admins: []string{recAdmin}, RejectionReasons: armistice.DefaultRejectionReasons,
	}})
	return r
}

func (r *recorderRig) clock() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now
}

func (r *recorderRig) advance(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.now = r.now.Add(d)
}

// announced takes a lead with every field a marketing automation fills and
// posts its card, as the announce job does.
func (r *recorderRig) announced(t *testing.T, externalID string) int64 {
	t.Helper()
	ctx := context.Background()
	score := 87
	got, err := r.svc.TakeLeads(ctx, []armistice.Lead{{
		ExternalID: externalID, Email: "ana." + externalID + "@acme.example", Name: "Ana Ruiz", Company: "Acme", Title: "CFO",
		Phone: "+34 600 000 000", Source: "webinar", Score: &score, Segment: "mid-market", Region: "EMEA", Country: "ES",
		Notes: "Asked for pricing twice", Fields: map[string]string{"utm_campaign": "q4"},
	}}, handlers.TakeOptions{Actor: "api"})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Announce(ctx, got[0].ID, false); err != nil {
		t.Fatal(err)
	}
	return got[0].ID
}
