package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/slack-go/slack/socketmode"
)

// handlerTimeout bounds the work a handler does after its ack.
const handlerTimeout = time.Minute

// acker acknowledges one envelope exactly once: with the handler's payload
// if the handler answers before the deadline, else empty on its behalf.
type acker struct {
	sm       *socketmode.Client
	envelope string
	kind     string
	received time.Time
	metrics  *metrics

	mu    sync.Mutex
	acked bool
}

// ack sends the ack with payload (nil for an empty ack). It reports whether
// this call sent it: false means the envelope was already acked, and the
// handler must answer another way (response_url, views.update, a message).
func (a *acker) ack(payload any) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.acked {
		return false
	}
	a.acked = true
	// The envelope is acked even if the socket broke: Slack then redelivers it
	// on the next connection, and the handlers are idempotent.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = a.sm.AckCtx(ctx, a.envelope, payload)
	a.metrics.ackSeconds.WithLabelValues(a.kind).Observe(time.Since(a.received).Seconds())
	return true
}

// handle runs the handler of one envelope on its own goroutine, behind a
// recover, with an ack guaranteed before the deadline.
func (b *Bot) handle(ctx context.Context, evt socketmode.Event) {
	a := &acker{sm: b.sm, envelope: evt.Request.EnvelopeID, kind: string(evt.Type), received: time.Now(), metrics: b.metrics}
	b.metrics.envelopes.WithLabelValues(a.kind).Inc()
	b.inflight.Add(2)
	deadline := time.AfterFunc(b.ackDeadline, func() {
		defer b.inflight.Done()
		if a.ack(nil) {
			b.metrics.lateAcks.WithLabelValues(a.kind).Inc()
			b.log.Warn("slack: handler slow to ack; acked empty on its behalf", "type", a.kind, "envelope", a.envelope)
		}
	})
	go func() {
		defer b.inflight.Done()
		defer func() {
			if deadline.Stop() {
				b.inflight.Done()
			}
			a.ack(nil)
		}()
		defer func() {
			if r := recover(); r != nil {
				b.metrics.panics.Inc()
				b.log.Error("slack: handler panicked", "type", a.kind, "envelope", a.envelope, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			}
		}()
		// The work outlives the ack but not a shutdown's grace period.
		hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), handlerTimeout)
		defer cancel()
		b.route(hctx, a, evt)
	}()
}

// ackUndecodable acks an envelope that the client could not decode, so that
// Slack does not redeliver it forever.
func (b *Bot) ackUndecodable(evt socketmode.Event) {
	bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var env struct {
		EnvelopeID string `json:"envelope_id"`
		Type       string `json:"type"`
	}
	b.metrics.envelopes.WithLabelValues("undecodable").Inc()
	if json.Unmarshal(bad.Message, &env) != nil || env.EnvelopeID == "" {
		b.log.Warn("slack: unreadable socket message", "err", bad.Cause)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = b.sm.AckCtx(ctx, env.EnvelopeID, nil)
	b.log.Warn("slack: acked an envelope that could not be decoded", "type", env.Type, "envelope", env.EnvelopeID, "err", bad.Cause)
}
