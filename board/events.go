package board

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// The page learns of changes over Server-Sent Events. While any stream is
// open, one goroutine per process reads the figures' version every Poll
// (a handful of index lookups, see storage.BoardVersion), which sees changes
// made on any replica; each change wakes every stream, which tells its page
// the new version. The page then fetches the fragment, read once per version
// for all screens (report in page.go).

// watcher follows the figures' version while streams are open.
type watcher struct {
	s *Server

	mu      sync.Mutex
	version string        // "" until first read
	changed chan struct{} // closed and replaced when version changes
	streams int
	stop    context.CancelFunc // the polling of the current streams
	failing bool               // the last read failed (logged once)
}

func (w *watcher) init(s *Server) {
	w.s = s
	w.changed = make(chan struct{})
}

// subscribe counts a stream in, starting the polling for the first one, and
// returns the version known now and a channel closed when it changes.
func (w *watcher) subscribe() (string, <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.streams++
	if w.streams == 1 {
		ctx, cancel := context.WithCancel(w.s.ctx)
		w.stop = cancel
		go w.poll(ctx)
	}
	return w.version, w.changed
}

// unsubscribe counts a stream out, stopping the polling after the last one.
func (w *watcher) unsubscribe() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.streams--
	if w.streams == 0 {
		w.stop()
		w.version = "" // unknown until polled again
	}
}

// current returns the version known now and a channel closed when it
// changes.
func (w *watcher) current() (string, <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.version, w.changed
}

// poll reads the version at once and every Poll until ctx ends.
func (w *watcher) poll(ctx context.Context) {
	t := time.NewTicker(w.s.cfg.Poll)
	defer t.Stop()
	for {
		v, err := w.s.cfg.Source.BoardVersion(ctx)
		if ctx.Err() != nil {
			return
		}
		w.update(v, err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// update records a read of the version, waking the streams on a change.
func (w *watcher) update(v string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		if !w.failing {
			w.s.cfg.Logger.Warn("board: reading the figures' version; the screens wait for it", "err", err)
		}
		w.failing = true
		return
	}
	if w.failing {
		w.s.cfg.Logger.Info("board: the figures' version can be read again")
		w.failing = false
	}
	if v != w.version {
		w.version = v
		close(w.changed)
		w.changed = make(chan struct{})
	}
}

// serveEvents streams "change" events, each carrying the figures' new
// version: one as soon as it is known, then one on every change, with a
// comment every Heartbeat in between.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		w.Header().Set("Retry-After", "30")
		http.Error(w, "Too many screens show the board right now.", http.StatusServiceUnavailable)
		return
	}
	rc := http.NewResponseController(w)
	// The stream outlives the server's read timeout; its writes get their
	// own deadlines below.
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	version, changed := s.watch.subscribe()
	defer s.watch.unsubscribe()
	if _, err := fmt.Fprint(w, "retry: 3000\n\n"); err != nil {
		return
	}
	sent := ""
	send := func() error {
		if version == "" || version == sent {
			return nil
		}
		sent = version
		_, err := fmt.Fprintf(w, "event: change\ndata: %s\n\n", version)
		return err
	}
	tick := time.NewTicker(s.cfg.Heartbeat)
	defer tick.Stop()
	for {
		// Each write has a while to reach the screen: a client that stops
		// reading gives its slot back instead of holding it for ever.
		_ = rc.SetWriteDeadline(time.Now().Add(2 * s.cfg.Heartbeat))
		if send() != nil || rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.ctx.Done():
			return
		case <-changed:
			version, changed = s.watch.current()
		case <-tick.C:
			_ = rc.SetWriteDeadline(time.Now().Add(2 * s.cfg.Heartbeat))
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		}
	}
}
