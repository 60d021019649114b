package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/armistice/armistice"
)

// errorBody is every error answer: a sentence for people, and for invalid
// input the bad fields with what is wrong with each.
type errorBody struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields,omitempty"`
}

// writeError answers with the status that err's code calls for. Errors that
// are not an *armistice.Error read "Internal error." while the detail goes to
// the log. A sender asked to come back (503) is told when with Retry-After:
// soon when the service is busy, later when the database is unavailable.
// A sender that went away is told nothing, and that is no error.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		s.cfg.Logger.Info("api: the sender went away before the answer", "method", r.Method, "path", r.URL.Path)
		return
	}
	code := armistice.ErrorCode(err)
	status := map[string]int{
		armistice.EINVALID:      http.StatusBadRequest,
		armistice.EUNAUTHORIZED: http.StatusUnauthorized,
		armistice.ENOTFOUND:     http.StatusNotFound,
		armistice.ECONFLICT:     http.StatusConflict,
		armistice.EBUSY:         http.StatusServiceUnavailable,
		armistice.EUNAVAILABLE:  http.StatusServiceUnavailable,
	}[code]
	switch {
	case status == 0:
		status = http.StatusInternalServerError
		s.cfg.Logger.Error("api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	case code == armistice.EBUSY:
		w.Header().Set("Retry-After", "1")
		s.retryLater.WithLabelValues("busy").Inc()
		s.cfg.Logger.Warn("api: busy", "path", r.URL.Path, "err", err)
	case code == armistice.EUNAVAILABLE:
		w.Header().Set("Retry-After", "5")
		s.retryLater.WithLabelValues("unavailable").Inc()
		s.cfg.Logger.Warn("api: unavailable", "path", r.URL.Path, "err", err)
	}
	body := errorBody{Error: armistice.ErrorMessage(err)}
	if e, ok := errors.AsType[*armistice.Error](err); ok {
		body.Fields = e.Fields
	}
	writeJSON(w, status, body)
}

// fail answers with a status and a message, for problems found before the
// use case is reached (size, type, signature).
func fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}
