package teamsemu_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/teamsemu"
)

func TestTokenService(t *testing.T) {
	emu := newEmu(t, teamsemu.Options{})
	a := requestToken(t, emu.TokenURL(), credentials(emu))
	var ok struct {
		TokenType    string `json:"token_type"`
		ExpiresIn    int    `json:"expires_in"`
		ExtExpiresIn int    `json:"ext_expires_in"`
		AccessToken  string `json:"access_token"`
	}
	a.decode(t, &ok)
	if a.status != http.StatusOK || ok.TokenType != "Bearer" || ok.ExpiresIn != 3600 || ok.ExtExpiresIn != 3600 || ok.AccessToken == "" {
		t.Fatalf("%d %s", a.status, a.body)
	}

	with := func(key, value string) url.Values {
		f := credentials(emu)
		f.Set(key, value)
		return f
	}
	wrongTenant := strings.Replace(emu.TokenURL(), emu.Options().TenantID, "botframework.com", 1)
	for name, tc := range map[string]struct {
		url    string
		form   url.Values
		status int
		err    string
	}{
		"wrong secret":  {emu.TokenURL(), with("client_secret", "nope"), 401, "invalid_client"},
		"no secret":     {emu.TokenURL(), with("client_secret", ""), 401, "invalid_client"},
		"wrong client":  {emu.TokenURL(), with("client_id", "other"), 400, "unauthorized_client"},
		"wrong tenant":  {wrongTenant, credentials(emu), 400, "invalid_request"},
		"wrong grant":   {emu.TokenURL(), with("grant_type", "password"), 400, "unsupported_grant_type"},
		"wrong scope":   {emu.TokenURL(), with("scope", "https://graph.microsoft.com/.default"), 400, "invalid_scope"},
		"missing grant": {emu.TokenURL(), with("grant_type", ""), 400, "invalid_request"},
	} {
		t.Run(name, func(t *testing.T) {
			a := requestToken(t, tc.url, tc.form)
			var e struct {
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			a.decode(t, &e)
			if a.status != tc.status || e.Error != tc.err || !strings.HasPrefix(e.Description, "AADSTS") {
				t.Errorf("%d %s", a.status, a.body)
			}
		})
	}
	if n := emu.TokenRequests(); n != 8 {
		t.Errorf("TokenRequests = %d, want 8", n)
	}
}

func TestConnectorNeedsAValidBearer(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1790000000, 0)}
	f := newFixture(t, teamsemu.Options{Now: clock.Now})
	for name, token := range map[string]string{
		"none":    "",
		"foreign": "eyJhbGciOiJub25lIn0.e30.",
		"inbound": f.emu.SignToken(teamsemu.TokenOptions{}),
	} {
		t.Run(name, func(t *testing.T) {
			a := call(t, http.MethodPost, activitiesURL(f.emu, f.general), token, message("hi"))
			if a.status != http.StatusUnauthorized || a.errorCode(t) != "Unauthorized" {
				t.Errorf("%d %s", a.status, a.body)
			}
		})
	}
	if a := f.post(t, f.general, message("hi")); a.status != http.StatusCreated {
		t.Fatalf("valid token: %d %s", a.status, a.body)
	}
	clock.Advance(time.Hour)
	a := f.post(t, f.general, message("late"))
	if a.status != http.StatusUnauthorized {
		t.Errorf("expired token: %d %s", a.status, a.body)
	}
	if n := len(f.emu.Messages(f.general)); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
	if n := f.emu.Calls()[teamsemu.Call{Route: teamsemu.RouteSend, Status: 401}]; n != 4 {
		t.Errorf("401 sends = %d, want 4", n)
	}
}
