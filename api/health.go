package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// healthz answers 200 while the process serves HTTP.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 when every dependency is up, else 503 naming each one
// that is not in its check's fixed words ("database unreachable"), never the
// error itself. The error goes to the log when a check goes down (at debug
// while it stays down, so that a polling probe does not flood the log).
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, checks := http.StatusOK, map[string]string{}
	for i, c := range s.ready {
		err := c.Check(ctx)
		s.logReadiness(i, c, err)
		if err != nil {
			status = http.StatusServiceUnavailable
			checks[c.Name] = c.Down
			continue
		}
		checks[c.Name] = "ok"
	}
	body := map[string]any{"status": "ok", "checks": checks}
	if status != http.StatusOK {
		body["status"] = "unavailable"
	}
	writeJSON(w, status, body)
}

// logReadiness logs the i-th check's result: a warning with the error when
// it goes down, a line when it is back, and the error at debug in between.
func (s *Server) logReadiness(i int, c Check, err error) {
	s.readyMu.Lock()
	wasDown := s.down[i]
	s.down[i] = err != nil
	s.readyMu.Unlock()
	switch {
	case err != nil && !wasDown:
		s.cfg.Logger.Warn("not ready: "+c.Down, "check", c.Name, "err", err)
	case err != nil:
		s.cfg.Logger.Debug("still not ready: "+c.Down, "check", c.Name, "err", err)
	case wasDown:
		s.cfg.Logger.Info("ready again", "check", c.Name)
	}
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
