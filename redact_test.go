package armistice

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestRedactURLKeepsNoQueryOrPassword(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://crm.example/hook?token=s3cr3t", "https://crm.example/hook"},
		{"https://user:s3cr3t@crm.example:8443/a%2Fb/hook?x=1#s3cr3t", "https://user@crm.example:8443/a%2Fb/hook"},
		{"https://crm.example/hook?", "https://crm.example/hook"},
		{"https://crm.example", "https://crm.example"},
		{"http://[::1]:80/%zz?token=s3cr3t", "(an unreadable URL)"},
	}
	for _, tc := range cases {
		if got := RedactURL(tc.in); got != tc.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactURLErrorRemovesTheQueryWhereverTheURLErrorIs(t *testing.T) {
	const raw = "https://user:s3cr3t@crm.example/hook?token=s3cr3t"
	direct := &url.Error{Op: "Post", URL: raw, Err: context.DeadlineExceeded}
	// A token endpoint's error inside the request that needed the token, as
	// oauth2's transport returns it.
	nested := &url.Error{Op: "Post", URL: "https://api.example/v3/conversations?code=s3cr3t", Err: fmt.Errorf("oauth2: %w", direct)}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"a client's error", direct, `Post "https://user@crm.example/hook": context deadline exceeded`},
		{"wrapped", fmt.Errorf("crm webhook: %w", direct), `crm webhook: Post "https://user@crm.example/hook": context deadline exceeded`},
		{"nested", nested, `Post "https://api.example/v3/conversations": oauth2: Post "https://user@crm.example/hook": context deadline exceeded`},
		{"no URL", errors.New("crm webhook answered 500"), "crm webhook answered 500"},
	}
	for _, tc := range cases {
		got := RedactURLError(tc.err)
		if got.Error() != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		if tc.err != nil && errors.Is(tc.err, context.DeadlineExceeded) && !errors.Is(got, context.DeadlineExceeded) {
			t.Errorf("%s: the redacted error no longer unwraps to its cause", tc.name)
		}
		if ue, ok := errors.AsType[*url.Error](got); ok && strings.Contains(ue.URL, "s3cr3t") {
			t.Errorf("%s: the *url.Error it unwraps to names %q", tc.name, ue.URL)
		}
	}
	if RedactURLError(nil) != nil {
		t.Error("RedactURLError(nil) is not nil")
	}
}
