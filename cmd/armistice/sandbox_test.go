package main

import (
	"net"
	"testing"
)

func TestSandboxPageURLNamesAHostPeopleCanOpen(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ addr, want string }{
		{"[::]:8080", "http://localhost:8080/"},
		{"0.0.0.0:8080", "http://localhost:8080/"},
		{"127.0.0.1:41234", "http://127.0.0.1:41234/"},
		{"[::1]:8080", "http://[::1]:8080/"},
		{"192.168.1.20:80", "http://192.168.1.20:80/"},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := pageURL(addr); got != tc.want {
			t.Errorf("pageURL(%s) = %s, want %s", tc.addr, got, tc.want)
		}
	}
}

func TestSandboxPageIsOffOutsideSandboxMode(t *testing.T) {
	t.Parallel()
	var ws *workspace // Slack or Teams mode: no workspace
	page := ws.mountPage(nil, nil, nil, nil, nil, nil)
	if page != nil {
		t.Fatal("a page without a workspace")
	}
	page.Close()                 // does nothing
	page.announce(nil, nil, nil) // logs nothing
	page.greet(nil, nil, nil)    // shows nothing
}
