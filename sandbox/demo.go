package sandbox

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// The demo data: "Load demo data" plays a month of history through the use
// cases with backdated clocks, hands over today's MQLs so their cards appear,
// has colleagues decide two of them, and then keeps a trickle of new MQLs
// coming while the page is open.

// The states of the demo data.
const (
	demoIdle        = "idle"
	demoLoading     = "loading"
	demoLoaded      = "loaded"
	demoFailed      = "failed"
	demoUnavailable = "unavailable"
)

// demoStatus is what the page shows of the demo data.
type demoStatus struct {
	State string `json:"state"`
	Note  string `json:"note"`
	// Example is the external ID of a lead with a full history, for the
	// composer's "lead …" suggestion.
	Example string `json:"example,omitempty"`
}

func (s *Server) demoStatus() demoStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.demo
}

func (s *Server) setDemo(st demoStatus) {
	s.mu.Lock()
	s.demo = st
	s.mu.Unlock()
	s.bump()
}

// startDemo starts loading the demo data unless it is loading or loaded,
// and returns the state.
func (s *Server) startDemo() demoStatus {
	s.mu.Lock()
	if s.demo.State != demoIdle && s.demo.State != demoFailed {
		defer s.mu.Unlock()
		return s.demo
	}
	s.demo = demoStatus{State: demoLoading, Note: "Loading a month of history…"}
	st := s.demo
	s.wg.Add(1)
	s.mu.Unlock()
	s.bump()
	go func() {
		defer s.wg.Done()
		l := s.newLoader()
		if err := l.load(s.ctx); err != nil {
			if s.ctx.Err() == nil {
				s.cfg.Logger.Error("sandbox: loading the demo data", "err", err)
			}
			s.setDemo(demoStatus{State: demoFailed, Note: "Loading the demo data failed; the log says why. You can try again."})
			return
		}
		s.setDemo(demoStatus{State: demoLoaded, Note: l.summary(), Example: l.example})
		s.lastClient.Store(s.cfg.Now().UnixNano())
		s.resumeTrickle()
	}()
	return st
}

// Clock is a settable clock: the demo's history is written at the times it
// says.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the time set last.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set sets the time.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// loader plays the demo data through the use cases.
type loader struct {
	s        *Server
	live     *handlers.Service // the running bot's use cases: today and the trickle
	hist     *handlers.Service // the same use cases over a backdated clock, announcing nothing
	db       *storage.DB
	clock    *Clock
	now      time.Time
	reps     []string
	settings handlers.Settings // the live settings when loading began

	stored, decided, won int
	example              string // a lead that was won, or at least accepted
}

func (s *Server) newLoader() *loader {
	clock := &Clock{}
	histDB := storage.New(s.cfg.DB.Pool())
	histDB.SetClock(clock.Now)
	settings := s.cfg.Service.CurrentSettings()
	hist := handlers.New(handlers.Config{
		DB: histDB, Jobs: quietJobs{}, Chat: directoryChat{s: s}, Settings: settings,
		Logger: s.cfg.Logger, Now: clock.Now,
	})
	l := &loader{s: s, live: s.cfg.Service, hist: hist, db: s.cfg.DB, clock: clock, now: s.cfg.Now(), settings: settings}
	for _, p := range s.cfg.Workspace.People {
		if p.Role == RoleRep {
			l.reps = append(l.reps, p.ID)
		}
	}
	return l
}

// demoSteps are the parts of the demo data, in order. Each is one func
// (*loader) that calls the use cases: l.hist (backdated to l.clock's time,
// announcing nothing) or l.live. Insights come before today's MQLs, whose
// cards show the newest insights about their persona.
var demoSteps = []struct {
	note string
	run  func(*loader, context.Context) error
}{
	{"Loading a month of history…", (*loader).history},
	{"Setting this month's goals…", (*loader).goals},
	{"Signing last month's agreement, proposing this month's…", (*loader).agreement},
	{"Saving what the teams learned about the personas…", (*loader).insights},
	{"Putting the reps in the sales channel's pool…", (*loader).pool},
	{"Handing over today's MQLs…", (*loader).today},
}

func (l *loader) load(ctx context.Context) error {
	if len(l.reps) == 0 {
		return errors.New("the workspace has no sales reps")
	}
	for _, step := range demoSteps {
		l.s.setDemo(demoStatus{State: demoLoading, Note: step.note})
		if err := step.run(l, ctx); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) summary() string {
	return fmt.Sprintf("Loaded %d leads of the last %d days (%d decided, %d deals won). New MQLs arrive every %s–%s while this page is open.",
		l.stored, historyDays, l.decided, l.won, short(l.s.cfg.TrickleEvery[0]), short(l.s.cfg.TrickleEvery[1]))
}

func short(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.Itoa(int(d/time.Minute)) + " min"
	}
	return strconv.Itoa(int(d/time.Second)) + " s"
}

// history stores the last month's leads quietly (no cards: they are past),
// with their decisions and CRM stages, each at its own time.
func (l *loader) history(ctx context.Context) error {
	reasons := l.hist.RejectionReasons()
	for _, p := range historyPlan(l.now, l.settings.Location, l.settings.BusinessHours, l.reps, reasons) {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.clock.Set(p.At)
		got, err := l.hist.TakeLeads(ctx, []armistice.Lead{p.Lead}, handlers.TakeOptions{Actor: "demo", Quiet: true})
		if err != nil {
			return fmt.Errorf("storing lead %s: %w", p.Lead.ExternalID, err)
		}
		if got[0].Duplicate {
			continue // loaded before
		}
		l.stored++
		if p.Decision == nil {
			continue
		}
		l.clock.Set(p.Decision.At)
		if _, err := l.hist.Decide(ctx, got[0].ID, *p.Decision); err != nil {
			return fmt.Errorf("deciding lead %s: %w", p.Lead.ExternalID, err)
		}
		l.decided++
		if l.example == "" && p.Decision.Verdict == armistice.StatusAccepted {
			l.example = p.Lead.ExternalID
		}
		for _, st := range p.Stages {
			l.clock.Set(st.At)
			if _, err := l.hist.SetStage(ctx, p.Lead.ExternalID, st.Update, "crm"); err != nil {
				return fmt.Errorf("moving lead %s to %s: %w", p.Lead.ExternalID, st.Update.Stage, err)
			}
			if st.Update.Stage == armistice.StatusWon {
				l.won++
				l.example = p.Lead.ExternalID
			}
		}
	}
	return nil
}

// pool puts the reps in the sales channel's pool, weight 1 and no cap, so
// that each new lead is assigned to one of them in turn (kept if there).
func (l *loader) pool(ctx context.Context) error {
	today := storage.TodayAt(l.now, l.settings.Location)
	for _, rep := range l.reps {
		err := l.db.AddPoolRep(ctx, l.settings.SalesChannel, rep, 1, 0, "demo", today)
		if err != nil && !errors.Is(err, storage.ErrDuplicate) {
			return fmt.Errorf("adding %s to the pool: %w", rep, err)
		}
	}
	return nil
}

// todayLeads is how many MQLs the demo hands over at once.
const todayLeads = 5

// today hands over a few MQLs now, through the intake as the marketing
// automation would, so their cards appear in the sales channel, each
// assigned to a rep of the pool; then one is accepted and another rejected
// by the reps they went to, so that a decided card, a thread and
// marketing's feedback show too.
func (l *loader) today(ctx context.Context) error {
	rng := rand.New(rand.NewPCG(uint64(l.now.UnixNano()), 7))
	leads := make([]armistice.Lead, todayLeads)
	for i := range leads {
		leads[i] = demoLead(rng, fmt.Sprintf("demo-live-%s-%d", strconv.FormatInt(l.now.UnixMilli(), 36), i+1))
	}
	l.s.addContacts(leads)
	got, err := l.live.TakeLeads(ctx, leads, handlers.TakeOptions{Actor: "demo"})
	if err != nil {
		return fmt.Errorf("handing over today's leads: %w", err)
	}
	l.stored += len(got)
	if len(l.reps) < 2 || len(got) < 2 {
		return nil
	}
	l.s.setDemo(demoStatus{State: demoLoading, Note: "Waiting for the cards…"})
	// A lead is accepted and another rejected, each by the rep it was
	// assigned to (Sam and Rosa when the channel has no pool). How the
	// month's history shared the leads decides who gets today's, so one rep
	// may have both.
	rosa, sam := l.reps[0], l.reps[1]
	toAccept, toReject := got[0].ID, got[1].ID
	deciders, err := l.assignees(ctx, []int64{toAccept, toReject}, sam, rosa)
	if err != nil {
		return err
	}
	for _, id := range []int64{toAccept, toReject} {
		if err := l.awaitCard(ctx, id); err != nil {
			return err
		}
	}
	if _, err := l.live.Decide(ctx, toAccept, armistice.Decision{Verdict: armistice.StatusAccepted, By: deciders[0]}); err != nil {
		return fmt.Errorf("accepting a lead of today: %w", err)
	}
	comment := rejectComments["wrong persona"][0]
	if spanishCountries[leads[1].Country] {
		comment = rejectComments["wrong persona"][1]
	}
	if _, err := l.live.Decide(ctx, toReject, armistice.Decision{Verdict: armistice.StatusRejected, By: deciders[1], Reason: "wrong persona", Comment: comment}); err != nil {
		return fmt.Errorf("rejecting a lead of today: %w", err)
	}
	l.decided += 2
	return nil
}

// assignees waits until each lead is assigned (or posted unassigned: a
// channel without a pool) and returns who may decide on it: its assignee,
// else the fallback of the same index.
func (l *loader) assignees(ctx context.Context, ids []int64, fallback ...string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		out, waiting := make([]string, len(ids)), false
		for i, id := range ids {
			lead, err := l.db.Lead(ctx, id)
			if err != nil {
				return nil, err
			}
			if _, err := l.db.LeadCard(ctx, id); lead.AssignWhy == "" && errors.Is(err, storage.ErrNotFound) {
				waiting = true // neither assigned nor posted yet
			}
			out[i] = cmp.Or(lead.Assignee, fallback[i])
		}
		if !waiting {
			return out, nil
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for today's leads to be assigned: %w", ctx.Err())
		}
	}
}

// awaitCard waits until the bot has posted and recorded a lead's card.
func (l *loader) awaitCard(ctx context.Context, leadID int64) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		_, err := l.db.LeadCard(ctx, leadID)
		if err == nil {
			return nil
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("waiting for the card of lead %d: %w", leadID, ctx.Err())
		}
	}
}

// resumeTrickle starts the trickle of new MQLs, once the demo is loaded,
// unless it runs.
func (s *Server) resumeTrickle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.demo.State != demoLoaded || s.trickles || s.ctx.Err() != nil {
		return
	}
	s.trickles = true
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.trickle(s.ctx)
		s.mu.Lock()
		s.trickles = false
		s.mu.Unlock()
	}()
}

// trickle hands over a new MQL every so often while a page is open, and
// for TrickleFor after the last one closed.
func (s *Server) trickle(ctx context.Context) {
	rng := rand.New(rand.NewPCG(uint64(s.cfg.Now().UnixNano()), 11))
	lo, hi := s.cfg.TrickleEvery[0], s.cfg.TrickleEvery[1]
	for n := 1; ; n++ {
		wait := lo
		if hi > lo {
			wait += time.Duration(rng.Int64N(int64(hi - lo)))
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return
		}
		now := s.cfg.Now()
		if s.clients.Load() > 0 {
			s.lastClient.Store(now.UnixNano())
		} else if now.Sub(time.Unix(0, s.lastClient.Load())) > s.cfg.TrickleFor {
			s.cfg.Logger.Info("sandbox: no page open; the trickle of demo MQLs stops")
			return
		}
		l := demoLead(rng, fmt.Sprintf("demo-live-%s-t%d", strconv.FormatInt(now.UnixMilli(), 36), n))
		s.addContacts([]armistice.Lead{l})
		if _, err := s.cfg.Service.TakeLeads(ctx, []armistice.Lead{l}, handlers.TakeOptions{Actor: "demo"}); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Warn("sandbox: handing over a demo MQL", "err", err)
		}
	}
}

// quietJobs is the backdated history's job queue: the history is past, so
// nothing is announced, reminded, published or sent to the CRM. Methods the
// interface may gain are left to the embedded nil interface (and panic):
// the history calls none of them.
type quietJobs struct{ handlers.Enqueuer }

func (quietJobs) Announce(context.Context, *storage.Tx, []int64) error { return nil }
func (quietJobs) ScheduleSLA(context.Context, *storage.Tx, int64, time.Time, time.Time) ([]int64, error) {
	return nil, nil
}
func (quietJobs) Cancel(context.Context, *storage.Tx, []int64) error        { return nil }
func (quietJobs) PublishDecision(context.Context, *storage.Tx, int64) error { return nil }
func (quietJobs) NotifyCRM(context.Context, *storage.Tx, int64) error       { return nil }
func (quietJobs) WriteToHubSpot(context.Context, *storage.Tx, handlers.HubSpotWrite) error {
	return nil
}

// directoryChat answers the history's membership questions from the
// workspace directory; it posts nothing.
type directoryChat struct {
	chat.Chat
	s *Server
}

func (c directoryChat) InUserGroup(_ context.Context, group, user string) (bool, error) {
	for _, g := range c.s.cfg.Emu.UserGroups() {
		if g.ID == group {
			return slices.Contains(g.Users, user), nil
		}
	}
	return false, nil
}

// PostDigest posts nothing: the history's agreement is not news.
func (c directoryChat) PostDigest(context.Context, string, chat.Digest) (chat.MessageRef, error) {
	return chat.MessageRef{}, nil
}

func (c directoryChat) IsMember(_ context.Context, channel, user string) (bool, error) {
	for _, ch := range c.s.cfg.Emu.Channels() {
		if ch.ID == channel {
			return slices.Contains(ch.Members, user), nil
		}
	}
	return false, nil
}
