package teamsemu

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// reply is what the connector answers: a status, an optional Retry-After,
// and either a Bot Framework error ({"error":{"code","message"}}), a JSON
// body, or nothing.
type reply struct {
	status     int
	retryAfter time.Duration
	code       string // set for errors
	message    string
	body       any // nil: an empty body (unless code is set)
}

// errorReply is an error answer with the Bot Framework's error body.
func errorReply(status int, code, message string) reply {
	return reply{status: status, code: code, message: message}
}

// statusReply is an error answer with a code derived from status
// ("TooManyRequests", "ServiceUnavailable", …), as fault injection and the
// rate limit give.
func statusReply(status int, retryAfter time.Duration, message string) reply {
	code := strings.ReplaceAll(http.StatusText(status), " ", "")
	if code == "" {
		code = "Status" + strconv.Itoa(status)
	}
	return reply{status: status, retryAfter: retryAfter, code: code, message: message}
}

// noRoute answers a request that matches no route.
func noRoute(r *http.Request) reply {
	return errorReply(http.StatusNotFound, "NotFound", "No route matches "+r.Method+" "+r.URL.Path+".")
}

// methodNotAllowed answers a route called with a method it does not take.
func methodNotAllowed(r *http.Request) reply {
	return errorReply(http.StatusMethodNotAllowed, "MethodNotAllowed", "The requested resource does not support http method '"+r.Method+"'.")
}

// write sends the reply.
func (rp reply) write(w http.ResponseWriter) {
	if rp.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(rp.retryAfter.Seconds()))))
	}
	switch {
	case rp.code != "":
		writeJSON(w, rp.status, map[string]any{"error": map[string]string{"code": rp.code, "message": rp.message}})
	case rp.body != nil:
		writeJSON(w, rp.status, rp.body)
	default:
		w.WriteHeader(rp.status)
	}
}

// writeJSON sends v as a JSON body with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
