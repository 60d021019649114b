package slackemu

import (
	"math"
	"time"
)

// Per-channel rate limit of chat.postMessage: a token bucket per channel,
// like Slack's "about one message per second, with short bursts allowed".

type rateLimiter struct {
	perSecond float64 // 0: unlimited
	burst     float64
	buckets   map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter() rateLimiter {
	return rateLimiter{buckets: make(map[string]*bucket)}
}

// SetChannelRate limits chat.postMessage to perSecond messages per channel,
// allowing bursts of up to burst messages. Requests over the limit get HTTP
// 429 with a Retry-After header and {"ok":false,"error":"ratelimited"}.
// perSecond 0 removes the limit (the default).
func (s *Server) SetChannelRate(perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate.perSecond = max(0, perSecond)
	s.rate.burst = float64(max(1, burst))
	clear(s.rate.buckets)
	s.bumpLocked()
}

// take spends one token of channel's bucket at now. When none is left it
// returns false and how long until one is.
func (rl *rateLimiter) take(channel string, now time.Time) (bool, time.Duration) {
	if rl.perSecond <= 0 {
		return true, 0
	}
	b := rl.buckets[channel]
	if b == nil {
		b = &bucket{tokens: rl.burst, last: now}
		rl.buckets[channel] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(rl.burst, b.tokens+elapsed*rl.perSecond)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / rl.perSecond * float64(time.Second))
	return false, wait
}
