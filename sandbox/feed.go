package sandbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"slices"
	"time"

	"github.com/armistice/armistice/slackemu"
)

// The live feed: a Server-Sent Events stream per open page. slackemu wakes
// Await on every change of its state; the feed then computes a fingerprint
// of what the page's person can see (every channel's messages and replies,
// their own ephemerals, modals and home view, the demo's state) and sends a "change"
// event only when it differs. The page then fetches the state and replaces
// the messages whose hash changed, so an updated card changes in place.

// heartbeat keeps idle streams open through proxies and notices closed
// ones.
const heartbeat = 20 * time.Second

// coalesce is the least time between two events of one stream: a burst of
// changes makes one refresh.
const coalesce = 120 * time.Millisecond

// fingerprint digests what user can see.
func (s *Server) fingerprint(user string) string {
	h := sha256.New()
	for _, c := range s.cfg.Emu.Channels() {
		if !s.knownChannel(c.ID) {
			continue
		}
		fmt.Fprintf(h, "c|%s|%s|%v\n", c.ID, c.Name, c.Members)
		for _, m := range s.cfg.Emu.Messages(c.ID) {
			writeMessage(h, m)
			if m.ReplyCount > 0 {
				for _, r := range s.cfg.Emu.Replies(c.ID, m.TS) {
					writeMessage(h, r)
				}
			}
		}
	}
	for _, e := range s.cfg.Emu.Ephemerals(user) {
		fmt.Fprintf(h, "e|%s|%s|%s|%q|", e.Channel, e.TS, e.ThreadTS, e.Text)
		h.Write(e.Blocks)
		h.Write([]byte{'\n'})
	}
	for _, v := range s.cfg.Emu.Views(user) {
		keys := make([]string, 0, len(v.Errors))
		for k := range v.Errors {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		fmt.Fprintf(h, "v|%s|%s|", v.ID, v.Hash)
		for _, k := range keys {
			fmt.Fprintf(h, "%q=%q,", k, v.Errors[k])
		}
		h.Write([]byte{'\n'})
	}
	if home, ok := s.cfg.Emu.Home(user); ok {
		fmt.Fprintf(h, "h|%s|%s\n", home.ID, home.Hash)
	}
	d := s.demoStatus()
	fmt.Fprintf(h, "d|%s|%q\n", d.State, d.Note)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

func writeMessage(h hash.Hash, m slackemu.Message) {
	fmt.Fprintf(h, "m|%s|%s|%d|%v|%q|", m.TS, m.User, m.ReplyCount, m.Edited, m.Text)
	h.Write(m.Blocks)
	h.Write([]byte{'\n'})
}

// watch sends the fingerprint of what user sees on out at once and after
// every change, until ctx ends or the workspace closes.
func (s *Server) watch(ctx context.Context, user string, out chan<- string) {
	defer close(out)
	last := ""
	for {
		waitCtx, cancel := context.WithCancel(ctx)
		page := s.pageChanged()
		go func() {
			select {
			case <-page:
				cancel()
			case <-waitCtx.Done():
			}
		}()
		var fp string
		err := s.cfg.Emu.Await(waitCtx, func() bool {
			fp = s.fingerprint(user)
			return fp != last
		})
		cancel()
		switch {
		case ctx.Err() != nil, errors.Is(err, slackemu.ErrClosed):
			return
		case err != nil: // the page's own state changed
			if fp = s.fingerprint(user); fp == last {
				continue
			}
		}
		select {
		case out <- fp:
		case <-ctx.Done():
			return
		}
		last = fp
		t := time.NewTimer(coalesce)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

// serveEvents streams "change" events to a page.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	who := s.parseWhere(r.URL.Query())
	rc := http.NewResponseController(w)
	// The stream outlives the server's read and write timeouts.
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	s.streamOpened()
	defer s.streamClosed()

	fps := make(chan string)
	go s.watch(ctx, who.user, fps)
	if _, err := fmt.Fprint(w, "retry: 1500\n\n"); err != nil {
		return
	}
	_ = rc.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case fp, ok := <-fps:
			if !ok {
				return
			}
			if _, err := fmt.Fprintf(w, "event: change\ndata: %s\n\n", fp); err != nil {
				return
			}
		case <-tick.C:
			s.lastClient.Store(s.cfg.Now().UnixNano())
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil {
				return
			}
		case <-ctx.Done():
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// streamOpened counts an open page, and restarts the trickle of new MQLs
// when the demo is loaded and it had stopped.
func (s *Server) streamOpened() {
	s.clients.Add(1)
	s.lastClient.Store(s.cfg.Now().UnixNano())
	s.resumeTrickle()
}

func (s *Server) streamClosed() {
	s.clients.Add(-1)
	s.lastClient.Store(s.cfg.Now().UnixNano())
}
