package slackemu

import (
	"net/http"
	"time"
)

// Fault injection for Web API methods (and "response_url").

// Fault describes how the emulator misbehaves for a method.
type Fault struct {
	// Status is the HTTP status to answer with (0: 200, or no status
	// change when Error is empty too).
	Status int
	// RetryAfter sets the Retry-After header (rounded up to seconds).
	RetryAfter time.Duration
	// Delay is waited before answering (or before normal processing when
	// the fault sets neither Status nor Error).
	Delay time.Duration
	// Hold, with neither Status nor Error set, carries the request out and
	// then holds the answer back this long: Slack did the work but the
	// caller does not hear of it (a timeout, or a process that dies
	// waiting).
	Hold time.Duration
	// Error is the Slack error code of the {"ok":false} body; it defaults
	// to "ratelimited" for 429 and "fatal_error" for other statuses.
	Error string
	// Times is how many requests the fault applies to; 0 means until
	// ClearFaults.
	Times int
}

type faultState struct {
	f         Fault
	remaining int // for Times > 0
}

// SetFault makes requests to method (a Web API method name such as
// "chat.postMessage", or "response_url") fail as f describes. It replaces
// any previous fault for method.
func (s *Server) SetFault(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = &faultState{f: f, remaining: f.Times}
	s.bumpLocked()
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
	s.bumpLocked()
}

// takeFault returns the fault that applies to this request to method, and
// uses up one of its Times.
func (s *Server) takeFault(method string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs, ok := s.faults[method]
	if !ok {
		return Fault{}, false
	}
	if fs.f.Times > 0 {
		fs.remaining--
		if fs.remaining <= 0 {
			delete(s.faults, method)
		}
	}
	return fs.f, true
}

// reply returns the response the fault forces, if any (a fault with only a
// Delay lets the request proceed).
func (f Fault) reply() (apiReply, bool) {
	if f.Status == 0 && f.Error == "" {
		return apiReply{}, false
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	code := f.Error
	if code == "" {
		code = "fatal_error"
		if status == http.StatusTooManyRequests {
			code = "ratelimited"
		}
	}
	return apiReply{
		status:     status,
		retryAfter: f.RetryAfter,
		body:       map[string]any{"ok": false, "error": code},
	}, true
}
