package teamsemu_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice/teamsemu"
)

func TestMetadataAndKeys(t *testing.T) {
	emu := newEmu(t, teamsemu.Options{})
	var meta map[string]any
	a := call(t, http.MethodGet, emu.MetadataURL(), "", nil)
	a.decode(t, &meta)
	if meta["issuer"] != "https://api.botframework.com" || meta["jwks_uri"] != emu.URL()+"/v1/.well-known/keys" {
		t.Errorf("metadata = %v", meta)
	}
	if algs, _ := meta["id_token_signing_alg_values_supported"].([]any); len(algs) != 1 || algs[0] != "RS256" {
		t.Errorf("algs = %v", meta["id_token_signing_alg_values_supported"])
	}
	var set struct{ Keys []map[string]any }
	call(t, http.MethodGet, emu.KeysURL(), "", nil).decode(t, &set)
	if len(set.Keys) != 1 {
		t.Fatalf("keys = %v", set.Keys)
	}
	k := set.Keys[0]
	if k["kty"] != "RSA" || k["use"] != "sig" || k["kid"] != emu.KeyID() || k["e"] != "AQAB" || k["n"] == "" {
		t.Errorf("key = %v", k)
	}
	if e, _ := k["endorsements"].([]any); len(e) != 1 || e[0] != "msteams" {
		t.Errorf("endorsements = %v", k["endorsements"])
	}
	if n := emu.CallsTo(teamsemu.RouteKeys); n != 1 {
		t.Errorf("key fetches = %d", n)
	}
}

func TestSendIsSignedWithTheServedKey(t *testing.T) {
	f := newFixture(t, teamsemu.Options{})
	status, _, err := f.emu.Send(ctxTimeout(t), f.bot.URL(), f.emu.PersonalMessage(f.alice, "hi"))
	if err != nil || status != http.StatusOK {
		t.Fatalf("Send = %d, %v", status, err)
	}
	got := f.bot.received()
	last := got[len(got)-1]
	token, ok := strings.CutPrefix(last.auth, "Bearer ")
	if !ok {
		t.Fatalf("Authorization = %q", last.auth)
	}
	claims, err := verify(t, f.emu, token)
	if err != nil {
		t.Fatal(err)
	}
	if claims["serviceurl"] != f.emu.ServiceURL() || last.activity.ServiceURL != f.emu.ServiceURL() {
		t.Errorf("serviceurl claim %v, activity %q", claims["serviceurl"], last.activity.ServiceURL)
	}
	for _, c := range []string{"nbf", "iat", "exp"} {
		if _, ok := claims[c]; !ok {
			t.Errorf("no %s claim", c)
		}
	}
}

func TestRotateKey(t *testing.T) {
	emu := newEmu(t, teamsemu.Options{})
	old := emu.KeyID()
	before := emu.SignToken(teamsemu.TokenOptions{})
	kid := emu.RotateKey()
	if kid == old || emu.KeyID() != kid {
		t.Fatalf("kid %q -> %q (KeyID %q)", old, kid, emu.KeyID())
	}
	keys := fetchKeys(t, emu)
	if _, ok := keys[old]; ok || len(keys) != 1 {
		t.Fatalf("served kids after rotation: %v", keys)
	}
	if _, err := verify(t, emu, before); err == nil {
		t.Error("a token of the dropped key verified")
	}
	if _, err := verify(t, emu, emu.SignToken(teamsemu.TokenOptions{})); err != nil {
		t.Errorf("token of the new key: %v", err)
	}
}

func TestSignTokenNegatives(t *testing.T) {
	emu := newEmu(t, teamsemu.Options{})
	now := time.Now()
	for name, opts := range map[string]teamsemu.TokenOptions{
		"wrong issuer":      {Issuer: "https://sts.windows.net/evil/"},
		"wrong audience":    {Audience: "someone-else"},
		"expired":           {IssuedAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(-10 * time.Minute)},
		"not yet valid":     {IssuedAt: now.Add(10 * time.Minute)},
		"unknown kid":       {KeyID: "no-such-key"},
		"alg none":          {AlgNone: true},
		"other endorsement": {Key: teamsemu.KeyOtherChannel},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := verify(t, emu, emu.SignToken(opts)); err == nil {
				t.Error("verified")
			}
		})
	}
	t.Run("alg none is unsigned", func(t *testing.T) {
		tok := emu.SignToken(teamsemu.TokenOptions{AlgNone: true})
		parts := strings.Split(tok, ".")
		if len(parts) != 3 || parts[2] != "" || !strings.Contains(decodeSegment(t, parts[0]), `"alg":"none"`) {
			t.Errorf("token = %q", tok)
		}
	})
	t.Run("no endorsements list passes", func(t *testing.T) {
		if _, err := verify(t, emu, emu.SignToken(teamsemu.TokenOptions{Key: teamsemu.KeyNoEndorsements})); err != nil {
			t.Error(err)
		}
	})
	t.Run("serviceurl", func(t *testing.T) {
		claims, err := verify(t, emu, emu.SignToken(teamsemu.TokenOptions{ServiceURL: "https://elsewhere/"}))
		if err != nil || claims["serviceurl"] != "https://elsewhere/" {
			t.Errorf("claims %v, %v", claims, err)
		}
	})
}

func TestFailIdentityNext(t *testing.T) {
	emu := newEmu(t, teamsemu.Options{})
	emu.FailIdentityNext(2, http.StatusInternalServerError)
	if a := call(t, http.MethodGet, emu.MetadataURL(), "", nil); a.status != http.StatusInternalServerError || a.errorCode(t) != "InternalServerError" {
		t.Errorf("metadata while failing: %d %s", a.status, a.body)
	}
	if a := call(t, http.MethodGet, emu.KeysURL(), "", nil); a.status != http.StatusInternalServerError {
		t.Errorf("keys while failing: %d %s", a.status, a.body)
	}
	if a := call(t, http.MethodGet, emu.KeysURL(), "", nil); a.status != http.StatusOK {
		t.Errorf("keys after the failures: %d %s", a.status, a.body)
	}
	calls := emu.Calls()
	if calls[teamsemu.Call{Route: teamsemu.RouteMetadata, Status: http.StatusInternalServerError}] != 1 || calls[teamsemu.Call{Route: teamsemu.RouteKeys, Status: http.StatusInternalServerError}] != 1 {
		t.Errorf("calls = %v", calls)
	}
}
