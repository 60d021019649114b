package bot

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// defaultHomeInterval is how often at most a user's Home tab is published.
const defaultHomeInterval = 3 * time.Second

// homes publishes users' Home tabs (views.publish) when they open it and
// when something in it changes, at most once per user every interval:
// marks made in between are gathered into one publish after it. Marking
// never waits; publishing runs on its own goroutines, its failures logged
// and Slack's rate limits waited out.
type homes struct {
	interval time.Duration
	publish  func(ctx context.Context, user string) error
	log      func(msg string, args ...any)

	mu      sync.Mutex
	ctx     context.Context // the bot's run; nil until it runs
	cancel  context.CancelFunc
	users   map[string]*homeState
	timers  map[*time.Timer]bool // the publishes scheduled
	running sync.WaitGroup       // the publishes under way
}

// homeState is one user's: when their Home was last published and whether
// a publish is on its way.
type homeState struct {
	last      time.Time
	scheduled bool
}

// start lets marks publish, until stop.
func (h *homes) start(ctx context.Context) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ctx, h.cancel = context.WithCancel(ctx)
	h.users = make(map[string]*homeState)
	h.timers = make(map[*time.Timer]bool)
}

// stop drops the publishes scheduled and waits for those under way, which
// it cancels.
func (h *homes) stop() {
	h.mu.Lock()
	if h.cancel != nil {
		h.cancel()
	}
	for t := range h.timers {
		t.Stop()
	}
	h.timers = nil
	h.mu.Unlock()
	h.running.Wait()
}

// mark says that the Home of each of the users (Slack users; others are
// passed over) changed: it is published once the interval since the last
// publish has passed.
func (h *homes) mark(users ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ctx == nil || h.ctx.Err() != nil {
		return
	}
	for _, u := range users {
		if p, ok := armistice.UserPlatform(u); !ok || p != armistice.Slack {
			continue
		}
		st := h.users[u]
		if st == nil {
			st = &homeState{}
			h.users[u] = st
		}
		if st.scheduled {
			continue
		}
		st.scheduled = true
		h.after(u, time.Until(st.last.Add(h.interval)))
	}
}

// after publishes user's Home after d; h.mu is held.
func (h *homes) after(user string, d time.Duration) {
	ctx := h.ctx
	var timer *time.Timer
	timer = time.AfterFunc(max(d, 0), func() {
		h.mu.Lock()
		if ctx.Err() != nil {
			h.mu.Unlock()
			return
		}
		delete(h.timers, timer)
		st := h.users[user]
		st.scheduled, st.last = false, time.Now()
		h.running.Add(1)
		h.mu.Unlock()
		defer h.running.Done()
		err := h.publish(ctx, user)
		if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
			h.mu.Lock()
			if !st.scheduled && ctx.Err() == nil {
				st.scheduled = true
				h.after(user, rl.RetryAfter)
			}
			h.mu.Unlock()
			return
		}
		if err != nil && ctx.Err() == nil {
			h.log("slack: publishing a Home tab", "user", user, "err", err)
		}
	})
	h.timers[timer] = true
}

// publishHome publishes user's Home tab: their personal view, as
// converse.MyLeadsReply draws it.
func (b *Bot) publishHome(ctx context.Context, user string) error {
	if b.svc == nil {
		return nil // not connected to the use cases (SetService): nothing to show
	}
	r, err := b.svc.MyLeads(ctx, user)
	if err != nil {
		return err
	}
	msg := ReplyMessage(converse.MyLeadsReply(r, b.svc.Location()))
	_, err = b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user,
		View: slack.HomeTabViewRequest{Type: slack.VTHomeTab, CallbackID: "home", Blocks: msg.Blocks}})
	return err
}

// homeAction answers the Home tab's common buttons: the lead and insight
// forms open on the click's trigger; a command (away, back) runs as the
// clicker, its answer in their direct messages with the app, and the Home
// is published again.
func (b *Bot) homeAction(ctx context.Context, a *acker, ic slack.InteractionCallback, action *slack.BlockAction) {
	a.ack(nil)
	user := ic.User.ID
	switch action.ActionID {
	case converse.ActionOpenLeadForm:
		if err := b.svc.CanEnterLeads(ctx, user); err != nil {
			b.tell(ctx, "", user, b.conv.Message(err))
			return
		}
		if _, err := b.api.OpenViewContext(ctx, ic.TriggerID, formView(converse.LeadForm(nil, nil), callbackLeadForm, "")); err != nil {
			b.log.Warn("slack: opening the lead form from the Home tab", "err", err)
		}
	case converse.ActionOpenInsightForm:
		state, _ := json.Marshal(insightFormState{})
		b.openInsightForm(ctx, slackCall(user, ""), ic.TriggerID, "", nil, string(state), false)
	case converse.ActionRunCommand:
		call := slackCall(user, "")
		_ = json.Unmarshal([]byte(action.Value), &call.Line)
		b.tell(ctx, "", user, ReplyMessage(b.conv.Run(ctx, call)).Text)
		b.home.mark(user)
	}
}
