package sandbox

import (
	"net"
	"net/http"
	"strings"
)

// localHosts are the names of this machine that the sandbox always answers.
var localHosts = []string{"localhost", "127.0.0.1", "::1"}

// AllowHosts wraps next so that it answers only requests whose Host is
// localhost, 127.0.0.1 or [::1] (any port), or one of extra (host names,
// any port); others get 421 Misdirected Request and a line saying which
// names are accepted. Whoever reaches the sandbox acts as its admin, so
// this keeps other machines out and also pages that rebind their own
// host name to this machine's address.
func AllowHosts(next http.Handler, extra ...string) http.Handler {
	allowed := map[string]bool{}
	var shown []string
	for _, h := range append(append([]string{}, localHosts...), extra...) {
		h = strings.ToLower(h)
		allowed[h] = true
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		shown = append(shown, h)
	}
	names := strings.Join(shown[:len(shown)-1], ", ") + " or " + shown[len(shown)-1]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[hostName(r.Host)] {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusMisdirectedRequest)
			_, _ = w.Write([]byte("This Armistice sandbox answers only requests addressed to " + names +
				" (any port). To reach it under another name, set ARMISTICE_PUBLIC_URL to the URL people open, such as https://sandbox.example.com.\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostName is the lower-case host of a Host header, without its port or
// an IPv6 literal's brackets.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
}
