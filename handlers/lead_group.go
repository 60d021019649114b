package handlers

import (
	"sync"

	"github.com/armistice/armistice"
)

// maxGroup bounds how many leads one group commit writes.
const maxGroup = MaxBatch

// maxWriters is how many group commits run at once: while one waits for
// its commit to reach the disk, the next gathers and writes.
const maxWriters = 2

// groupCommit writes the leads of concurrent calls in one transaction: a
// caller that finds fewer than maxWriters writes in progress writes
// everything that queued up meanwhile, again and again until the queue is
// empty, and every caller gets the results of its own leads once they are
// committed. One write per
// batch instead of one per call is what takes the intake past a transaction
// per lead.
type groupCommit struct {
	mu      sync.Mutex
	pending []*takeCall
	writers int
}

// takeCall is one caller's leads waiting in a group.
type takeCall struct {
	leads []armistice.Lead
	done  chan takeResult
}

type takeResult struct {
	received []armistice.Received
	err      error
}

// groupFor returns the group of calls with the same options.
func (s *Service) groupFor(opts TakeOptions) *groupCommit {
	s.groupsMu.Lock()
	defer s.groupsMu.Unlock()
	g, ok := s.groups[opts]
	if !ok {
		g = &groupCommit{}
		s.groups[opts] = g
	}
	return g
}

// take queues leads and returns their results once committed, writing the
// group's queue itself when no one else is.
func (g *groupCommit) take(leads []armistice.Lead, write func([]armistice.Lead) ([]armistice.Received, error)) ([]armistice.Received, error) {
	call := &takeCall{leads: leads, done: make(chan takeResult, 1)}
	g.mu.Lock()
	g.pending = append(g.pending, call)
	if g.writers == maxWriters {
		g.mu.Unlock()
		r := <-call.done
		return r.received, r.err
	}
	g.writers++
	g.mu.Unlock()
	for {
		g.mu.Lock()
		batch, rest := cut(g.pending)
		g.pending = rest
		if len(batch) == 0 {
			g.writers--
			g.mu.Unlock()
			break
		}
		g.mu.Unlock()
		g.write(batch, write)
	}
	r := <-call.done
	return r.received, r.err
}

// cut takes calls from the front of the queue up to maxGroup leads (at
// least one call).
func cut(queue []*takeCall) (batch, rest []*takeCall) {
	n := 0
	for i, c := range queue {
		if i > 0 && n+len(c.leads) > maxGroup {
			return queue[:i], queue[i:]
		}
		n += len(c.leads)
	}
	return queue, nil
}

// write commits a batch of calls together and hands each its results. If
// the joint write fails for a reason other than the database being away or
// busy, each call is written alone, so one call's problem is not the
// others'.
func (g *groupCommit) write(batch []*takeCall, write func([]armistice.Lead) ([]armistice.Received, error)) {
	if len(batch) == 1 {
		received, err := write(batch[0].leads)
		batch[0].done <- takeResult{received, err}
		return
	}
	var all []armistice.Lead
	for _, c := range batch {
		all = append(all, c.leads...)
	}
	received, err := write(all)
	if err != nil && !isRetryLater(err) {
		for _, c := range batch {
			r, err := write(c.leads)
			c.done <- takeResult{r, err}
		}
		return
	}
	for _, c := range batch {
		n := len(c.leads)
		if err != nil {
			c.done <- takeResult{nil, err}
			continue
		}
		c.done <- takeResult{received[:n:n], nil}
		received = received[n:]
	}
}
