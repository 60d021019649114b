package armistice

import (
	"net/mail"
	"strings"
	"testing"
)

// Every address the fast path takes is one net/mail reads as itself, and
// validEmail answers as net/mail does for any text.
func FuzzValidEmail(f *testing.F) {
	for _, seed := range []string{"ana@northwind.example", "a.b+c@d", "o'connor@x.io", "a..b@c", ".a@b", "a.@b", "a@.b", "a@b.",
		"@b", "a@", "a@b@c", "Ana <ana@x.io>", `"quoted"@x.io`, "a@[127.0.0.1]", "ü@x.io", "a b@c", "{x}|~@y-z.q", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := mail.ParseAddress(s)
		if plainAddress(s) && (err != nil || a.Address != s) {
			t.Fatalf("%q: taken as plain, net/mail reads %v, %v", s, a, err)
		}
		want := err == nil && a.Address == s && len(s) <= 254
		if got := validEmail(s); got != want {
			t.Fatalf("%q: validEmail %v, net/mail %v (%v, %v)", s, got, want, a, err)
		}
	})
}

// The addresses an intake receives take the fast path.
func TestPlainAddresses(t *testing.T) {
	for _, s := range []string{"lead17@northwind-logistics.example", "maria.jose+emea@acme-robotics.de", "o'connor@globex.co.uk", "x_y-z@a1.io"} {
		if !plainAddress(s) || !validEmail(s) {
			t.Errorf("%q: plain %v, valid %v", s, plainAddress(s), validEmail(s))
		}
	}
	for _, s := range []string{"a..b@c", "a@b.", "Ana <ana@x.io>", strings.Repeat("a", 250) + "@b.io"} {
		if plainAddress(s) && validEmail(s) {
			t.Errorf("%q: read as a valid plain address", s)
		}
	}
}
