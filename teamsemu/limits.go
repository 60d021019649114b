package teamsemu

import (
	"net/http"
	"time"
)

// Rate limits and injected failures of the connector's writes.

// rateWindow is one of Teams' limits on a bot's writes into one
// conversation: at most max within span.
type rateWindow struct {
	span time.Duration
	max  int
}

// rateWindows are the limits Options.RateLimit applies per conversation.
var rateWindows = []rateWindow{{time.Second, 7}, {30 * time.Second, 60}}

// rateRetryAfter is the Retry-After the rate limit answers with.
const rateRetryAfter = time.Second

// rateLimiter remembers when each conversation's accepted writes happened,
// over the longest window.
type rateLimiter struct {
	writes map[string][]time.Time
}

func newRateLimiter() rateLimiter {
	return rateLimiter{writes: make(map[string][]time.Time)}
}

// allow records a write into conversationID at now and reports true, or
// reports false without recording when a window is full.
func (rl *rateLimiter) allow(conversationID string, now time.Time) bool {
	longest := rateWindows[len(rateWindows)-1].span
	kept := rl.writes[conversationID][:0]
	for _, t := range rl.writes[conversationID] {
		if now.Sub(t) < longest {
			kept = append(kept, t)
		}
	}
	rl.writes[conversationID] = kept
	for _, w := range rateWindows {
		n := 0
		for _, t := range kept {
			if now.Sub(t) < w.span {
				n++
			}
		}
		if n >= w.max {
			return false
		}
	}
	rl.writes[conversationID] = append(kept, now)
	return true
}

// throttleLocked applies Options.RateLimit to a write into conversationID:
// it returns the 429 to answer, or nil. The caller holds s.mu.
func (s *Server) throttleLocked(conversationID string) *reply {
	if !s.opts.RateLimit || s.rate.allow(conversationID, s.opts.Now()) {
		return nil
	}
	rp := statusReply(http.StatusTooManyRequests, rateRetryAfter, "Too many requests for conversation "+conversationID+"; retry later.")
	return &rp
}

// failure is the injected failure of the next writes.
type failure struct {
	remaining  int
	status     int
	retryAfter time.Duration
}

// FailNext makes the next n connector writes (POST and PUT) answer status,
// with a Retry-After header in whole seconds when retryAfter > 0 and an
// error body whose code is the status's name ("TooManyRequests",
// "PreconditionFailed", "ServiceUnavailable", …). They store nothing. The
// bearer token is checked first, so an unauthorized call uses up nothing.
// FailNext replaces any failure still pending; n 0 clears it.
func (s *Server) FailNext(n, status int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = failure{remaining: max(0, n), status: status, retryAfter: retryAfter}
	s.bumpLocked()
}

// takeFailure returns the injected failure for this write, if one is
// pending, and uses it up.
func (s *Server) takeFailure() (reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail.remaining <= 0 {
		return reply{}, false
	}
	s.fail.remaining--
	return statusReply(s.fail.status, s.fail.retryAfter, "Injected failure."), true
}
