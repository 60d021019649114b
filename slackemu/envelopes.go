package slackemu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Envelopes: delivery of payloads over Socket Mode, round robin over the
// open connections, acks, and redelivery of unacknowledged Events API
// envelopes.

// Envelope types.
const (
	envelopeEventsAPI     = "events_api"
	envelopeSlashCommands = "slash_commands"
	envelopeInteractive   = "interactive"
)

// maxEventRetries is how many times Slack redelivers an unacknowledged
// Events API event.
const maxEventRetries = 3

// Ack is the app's acknowledgement of an envelope.
type Ack struct {
	EnvelopeID string
	// Payload is the ack's payload, nil when the app acked without one.
	Payload json.RawMessage
	// Latency is the time from sending the envelope to receiving the ack.
	Latency time.Duration
}

// ackFrame is an ack as the client sends it.
type ackFrame struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
	received   time.Time
}

// errAttemptExpired ends one delivery attempt whose ack deadline passed.
var errAttemptExpired = errors.New("ack deadline passed")

// delivery describes one payload to deliver.
type delivery struct {
	kind       string
	accepts    bool // accepts_response_payload
	maxRetries int  // redeliveries after ack timeouts
	// build makes the payload; base is the HTTP base URL of the connection
	// it is sent on (for response_url values). It runs once, for the first
	// attempt.
	build func(base string) (json.RawMessage, error)
}

// receiveAck hands an ack to the delivery waiting for it. Acks for unknown
// or expired envelopes are dropped, as Slack does.
func (s *Server) receiveAck(a ackFrame) {
	s.mu.Lock()
	ch, ok := s.pending[a.EnvelopeID]
	delete(s.pending, a.EnvelopeID)
	s.mu.Unlock()
	if ok {
		ch <- a // buffered
	}
}

// deliver sends d over an open connection (waiting for one until the ack
// deadline) and waits for the ack. Events API envelopes that are not acked
// in time are redelivered with retry_attempt+1 and retry_reason "timeout";
// other kinds fail with ErrAckTimeout.
func (s *Server) deliver(ctx context.Context, d delivery) (Ack, error) {
	var payload json.RawMessage
	for attempt := 0; ; attempt++ {
		envID := newEnvelopeID()
		ch := make(chan ackFrame, 1)
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return Ack{}, ErrClosed
		}
		s.pending[envID] = ch
		s.mu.Unlock()

		timer := time.NewTimer(s.cfg.AckTimeout)
		ack, err := s.attempt(ctx, d, envID, attempt, &payload, ch, timer.C)
		timer.Stop()
		s.mu.Lock()
		delete(s.pending, envID)
		s.mu.Unlock()

		if errors.Is(err, errAttemptExpired) {
			if attempt < d.maxRetries {
				continue
			}
			return Ack{EnvelopeID: envID}, fmt.Errorf("%w: %s envelope %s, %d attempt(s) of %s",
				ErrAckTimeout, d.kind, envID, attempt+1, s.cfg.AckTimeout)
		}
		if err == nil && s.takeRedelivery() {
			if _, err := s.again(ctx, d, envID, attempt, &payload); err != nil {
				return ack, err
			}
		}
		return ack, err
	}
}

// RedeliverNext makes the next envelope arrive twice, with the same
// envelope ID and payload, as Slack does when it believes an ack was lost.
func (s *Server) RedeliverNext() {
	s.mu.Lock()
	s.redeliver++
	s.mu.Unlock()
}

func (s *Server) takeRedelivery() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.redeliver == 0 {
		return false
	}
	s.redeliver--
	return true
}

// again delivers an acked envelope once more and waits for its second ack.
func (s *Server) again(ctx context.Context, d delivery, envID string, attempt int, payload *json.RawMessage) (Ack, error) {
	ch := make(chan ackFrame, 1)
	s.mu.Lock()
	s.pending[envID] = ch
	s.mu.Unlock()
	timer := time.NewTimer(s.cfg.AckTimeout)
	defer timer.Stop()
	ack, err := s.attempt(ctx, d, envID, attempt, payload, ch, timer.C)
	s.mu.Lock()
	delete(s.pending, envID)
	s.mu.Unlock()
	return ack, err
}

func (s *Server) attempt(ctx context.Context, d delivery, envID string, attempt int, payload *json.RawMessage, ch <-chan ackFrame, deadline <-chan time.Time) (Ack, error) {
	c, err := s.pickConnection(ctx, deadline)
	if err != nil {
		return Ack{}, err
	}
	if *payload == nil {
		if *payload, err = d.build(c.base); err != nil {
			return Ack{}, err
		}
	}
	env := map[string]any{
		"envelope_id":              envID,
		"type":                     d.kind,
		"payload":                  *payload,
		"accepts_response_payload": d.accepts,
	}
	if d.kind == envelopeEventsAPI {
		env["retry_attempt"] = attempt
		env["retry_reason"] = ""
		if attempt > 0 {
			env["retry_reason"] = "timeout"
		}
	}
	frame, err := json.Marshal(env)
	if err != nil {
		return Ack{}, err
	}
	sent := time.Now()
	// A frame lost with a closing connection simply goes unacked.
	c.send(outFrame{data: frame})
	select {
	case a := <-ch:
		var p json.RawMessage
		if !isNullJSON(a.Payload) {
			p = a.Payload
		}
		return Ack{EnvelopeID: envID, Payload: p, Latency: a.received.Sub(sent)}, nil
	case <-deadline:
		return Ack{}, errAttemptExpired
	case <-ctx.Done():
		return Ack{}, ctx.Err()
	case <-s.done:
		return Ack{}, ErrClosed
	}
}

// pickConnection returns the next open connection in round robin order,
// waiting for one to open until deadline.
func (s *Server) pickConnection(ctx context.Context, deadline <-chan time.Time) (*socketConn, error) {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, ErrClosed
		}
		if n := len(s.sockets.open); n > 0 {
			c := s.sockets.open[s.sockets.rr%n]
			s.sockets.rr++
			s.mu.Unlock()
			return c, nil
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			return nil, errAttemptExpired
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-s.done:
			return nil, ErrClosed
		}
	}
}
