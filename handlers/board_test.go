package handlers_test

import (
	"net/url"
	"testing"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

func TestBoardLinkIsForAdminsAndNeedsTheTokenAndThePublicURL(t *testing.T) {
	t.Parallel()
	public, _ := url.Parse("https://armistice.example.com/")
	const token = "wall+screen/token=0123456789"
	cases := []struct {
		name   string
		access handlers.BoardAccess
		by     string
		want   string
		code   string
	}{
		{"admin", handlers.BoardAccess{Token: token, PublicURL: public}, admin, "https://armistice.example.com/board?token=wall%2Bscreen%2Ftoken%3D0123456789", ""},
		{"not an admin", handlers.BoardAccess{Token: token, PublicURL: public}, manager, "", armistice.EUNAUTHORIZED},
		{"no token", handlers.BoardAccess{PublicURL: public}, admin, "", armistice.EINVALID},
		{"no public URL", handlers.BoardAccess{Token: token}, admin, "", armistice.EINVALID},
	}
	for _, tc := range cases {
		tb := setup(t, func(cfg *handlers.Config) {
			cfg.Settings.Admins = []string{admin}
			cfg.Board = tc.access
		})
		got, err := tb.svc.BoardLink(tc.by)
		if got != tc.want || armistice.ErrorCode(err) != tc.code {
			t.Errorf("%s: BoardLink = %q, %v; want %q, code %q", tc.name, got, err, tc.want, tc.code)
		}
		if err != nil && armistice.ErrorMessage(err) == "Internal error." {
			t.Errorf("%s: the refusal says nothing: %v", tc.name, err)
		}
	}
}
