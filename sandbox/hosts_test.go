package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAllowHostsAnswersOnlyThisMachinesNamesAndThePublicOne(t *testing.T) {
	h := AllowHosts(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }), "sandbox.example.com")
	for host, want := range map[string]int{
		"localhost":                  http.StatusNoContent,
		"LocalHost:8080":             http.StatusNoContent,
		"127.0.0.1:41234":            http.StatusNoContent,
		"[::1]":                      http.StatusNoContent,
		"[::1]:8080":                 http.StatusNoContent,
		"sandbox.example.com":        http.StatusNoContent,
		"sandbox.example.com:443":    http.StatusNoContent,
		"attacker.example":           http.StatusMisdirectedRequest,
		"attacker.example:8080":      http.StatusMisdirectedRequest,
		"localhost.attacker.example": http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io":           http.StatusMisdirectedRequest,
		"192.168.1.20:8080":          http.StatusMisdirectedRequest,
		"":                           http.StatusMisdirectedRequest,
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
		if want == http.StatusMisdirectedRequest && !strings.Contains(w.Body.String(), "localhost, 127.0.0.1, [::1] or sandbox.example.com") {
			t.Errorf("Host %q: the refusal does not name the accepted hosts: %s", host, w.Body)
		}
	}
}
