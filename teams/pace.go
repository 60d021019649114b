package teams

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/armistice/armistice/handlers/chat"
)

// Teams limits each bot per conversation (sends: 7 per second, 8 per 2 s,
// 60 per 30 s, 1,800 per hour; reads about twice that) and each app per
// tenant (50 per second). The buckets below stay inside every window: a
// short bucket for bursts and a long one for the hour.
var (
	sendShort = bucket{rate.Limit(1.75), 4}
	sendLong  = bucket{rate.Limit(0.25), 900}
	readShort = bucket{rate.Limit(3.5), 8}
	readLong  = bucket{rate.Limit(0.5), 1800}
	tenantAll = bucket{rate.Limit(45), 10}
)

// errPaced says a call would wait too long for Teams' limits.
var errPaced = errors.New("the conversation's limit in Teams is reached")

type bucket struct {
	every rate.Limit
	burst int
}

func (b bucket) limiter() *rate.Limiter { return rate.NewLimiter(b.every, b.burst) }

// pacer holds the limiters of each conversation the bot talks to.
type pacer struct {
	tenant *rate.Limiter

	mu    sync.Mutex
	convs map[string]*conversationLimits
}

// conversationLimits are one conversation's buckets: index 0 for sends, 1
// for reads.
type conversationLimits struct {
	short, long [2]*rate.Limiter
}

func newPacer() *pacer {
	return &pacer{tenant: tenantAll.limiter(), convs: map[string]*conversationLimits{}}
}

// wait blocks until a call in the conversation is allowed. A wait longer
// than maxWait is not taken: the caller gets a chat.RetryAfterError and
// its job comes back later.
func (p *pacer) wait(ctx context.Context, conversation string, read bool) error {
	conversation, _, _ = strings.Cut(conversation, ";messageid=")
	i := 0
	if read {
		i = 1
	}
	p.mu.Lock()
	l, ok := p.convs[conversation]
	if !ok {
		l = &conversationLimits{
			short: [2]*rate.Limiter{sendShort.limiter(), readShort.limiter()},
			long:  [2]*rate.Limiter{sendLong.limiter(), readLong.limiter()},
		}
		p.convs[conversation] = l
	}
	p.mu.Unlock()

	now := time.Now()
	reservations := []*rate.Reservation{p.tenant.ReserveN(now, 1), l.short[i].ReserveN(now, 1), l.long[i].ReserveN(now, 1)}
	var delay time.Duration
	for _, r := range reservations {
		delay = max(delay, r.DelayFrom(now))
	}
	if delay > maxWait {
		for _, r := range reservations {
			r.CancelAt(now)
		}
		return &chat.RetryAfterError{After: delay, Err: errPaced}
	}
	return sleep(ctx, delay)
}
