package teamsemu_test

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/armistice/armistice/teams"
	"github.com/armistice/armistice/teamsemu"
)

// fakeClock is a settable clock for token expiry and rate limits.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// newEmu starts an emulator, closed when the test ends.
func newEmu(t *testing.T, opts teamsemu.Options) *teamsemu.Server {
	t.Helper()
	emu := teamsemu.New(opts)
	t.Cleanup(emu.Close)
	return emu
}

func ctxTimeout(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// answer is an HTTP answer: status, headers and body.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// decode unmarshals the answer's body into v.
func (a answer) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("answer %d %q: %v", a.status, a.body, err)
	}
}

// errorCode is the code of a Bot Framework error body.
func (a answer) errorCode(t *testing.T) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	a.decode(t, &e)
	return e.Error.Code
}

// call sends a request with an optional bearer token and JSON body (a
// []byte is sent as is).
func call(t *testing.T, method, target, token string, body any) answer {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, target, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: b}
}

// requestToken asks the token service with form values.
func requestToken(t *testing.T, tokenURL string, form url.Values) answer {
	t.Helper()
	resp, err := http.PostForm(tokenURL, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: b}
}

// credentials are the bot's client credentials for emu.
func credentials(emu *teamsemu.Server) url.Values {
	o := emu.Options()
	return url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {o.AppID},
		"client_secret": {o.ClientSecret},
		"scope":         {teamsemu.Scope},
	}
}

// accessToken gets a connector token as the bot would.
func accessToken(t *testing.T, emu *teamsemu.Server) string {
	t.Helper()
	a := requestToken(t, emu.TokenURL(), credentials(emu))
	if a.status != http.StatusOK {
		t.Fatalf("token: %d %s", a.status, a.body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	a.decode(t, &tok)
	return tok.AccessToken
}

// conversations is the connector's conversations URL.
func conversations(emu *teamsemu.Server) string {
	return emu.ServiceURL() + "v3/conversations"
}

// activitiesURL is a conversation's activities URL, with the conversation
// ID path-escaped (";" and "=" included, as the SDKs do).
func activitiesURL(emu *teamsemu.Server, conversationID string) string {
	return conversations(emu) + "/" + escapeAll(conversationID) + "/activities"
}

// escapeAll path-escapes s and also ";" and "=".
func escapeAll(s string) string {
	s = url.PathEscape(s)
	s = strings.ReplaceAll(s, ";", "%3B")
	return strings.ReplaceAll(s, "=", "%3D")
}

// message is a text message from the bot.
func message(text string) teams.Activity {
	return teams.Activity{Type: teams.TypeMessage, Text: text}
}

// fixture is a tenant with a team (bot installed), its General channel, a
// standard and a private channel, and two users in the team.
type fixture struct {
	emu               *teamsemu.Server
	bot               *fakeBot
	team              teamsemu.Team
	general, standard string
	private           string
	alice, bob        teamsemu.User
	token             string
}

func newFixture(t *testing.T, opts teamsemu.Options) *fixture {
	t.Helper()
	f := &fixture{emu: newEmu(t, opts), bot: newFakeBot(t)}
	f.team = f.emu.AddTeam("Sales")
	f.general = f.team.ID
	f.standard = f.team.AddChannel("Leads", teamsemu.MembershipStandard)
	f.private = f.team.AddChannel("Leadership", teamsemu.MembershipPrivate)
	f.alice = f.emu.AddUser("Alice Liddell")
	f.bob = f.emu.AddUser("Bob Builder")
	f.emu.AddMember(f.team.ID, f.alice)
	f.emu.AddMember(f.team.ID, f.bob)
	f.emu.AddMember(f.private, f.alice)
	if err := f.emu.Install(ctxTimeout(t), f.bot.URL(), f.team.ID, f.alice); err != nil {
		t.Fatal(err)
	}
	f.token = accessToken(t, f.emu)
	return f
}

// post sends a bot message to a conversation and returns the answer.
func (f *fixture) post(t *testing.T, conversationID string, a teams.Activity) answer {
	t.Helper()
	return call(t, http.MethodPost, activitiesURL(f.emu, conversationID), f.token, a)
}

// createdID is the "id" of a 201 answer.
func createdID(t *testing.T, a answer) string {
	t.Helper()
	if a.status != http.StatusCreated {
		t.Fatalf("status %d %s, want 201", a.status, a.body)
	}
	var out struct{ ID string }
	a.decode(t, &out)
	if out.ID == "" {
		t.Fatalf("no id in %s", a.body)
	}
	return out.ID
}

// received is an activity the fake bot got, with its raw JSON and the
// Authorization header.
type received struct {
	activity teams.Activity
	raw      map[string]any
	auth     string
}

// fakeBot is a messaging endpoint that records what it gets and answers
// 200 (invokes: 200 with an empty task answer).
type fakeBot struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []received
}

func newFakeBot(t *testing.T) *fakeBot {
	t.Helper()
	b := &fakeBot{}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var rec received
		rec.auth = r.Header.Get("Authorization")
		_ = json.Unmarshal(body, &rec.activity)
		_ = json.Unmarshal(body, &rec.raw)
		b.mu.Lock()
		b.got = append(b.got, rec)
		b.mu.Unlock()
		if rec.activity.Type == teams.TypeInvoke {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"task":{"type":"message","value":"ok"}}`))
		}
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *fakeBot) URL() string { return b.srv.URL + "/api/messages" }

func (b *fakeBot) received() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.got...)
}

// servedKey is a JWKS entry.
type servedKey struct {
	pub          *rsa.PublicKey
	endorsements []string
	hasList      bool
}

// fetchKeys reads the JWKS the metadata points at, as a bot would.
func fetchKeys(t *testing.T, emu *teamsemu.Server) map[string]servedKey {
	t.Helper()
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	call(t, http.MethodGet, emu.MetadataURL(), "", nil).decode(t, &meta)
	var set struct {
		Keys []struct {
			Kty, Use, Kid, N, E string
			Endorsements        *[]string
		}
	}
	call(t, http.MethodGet, meta.JWKSURI, "", nil).decode(t, &set)
	keys := make(map[string]servedKey)
	for _, k := range set.Keys {
		n, err := base64.RawURLEncoding.DecodeString(k.N)
		if err != nil {
			t.Fatal(err)
		}
		e, err := base64.RawURLEncoding.DecodeString(k.E)
		if err != nil {
			t.Fatal(err)
		}
		sk := servedKey{pub: &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}}
		if k.Endorsements != nil {
			sk.hasList = true
			sk.endorsements = *k.Endorsements
		}
		keys[k.Kid] = sk
	}
	return keys
}

// verify checks a token as a bot must: RS256 by a served key, iss, aud,
// exp, and the key's endorsements when it lists any.
func verify(t *testing.T, emu *teamsemu.Server, token string) (jwt.MapClaims, error) {
	t.Helper()
	keys := fetchKeys(t, emu)
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(tok *jwt.Token) (any, error) {
		kid, _ := tok.Header["kid"].(string)
		k, ok := keys[kid]
		if !ok {
			return nil, errors.New("unknown kid " + kid)
		}
		if k.hasList && !contains(k.endorsements, "msteams") {
			return nil, errors.New("key not endorsed for msteams")
		}
		return k.pub, nil
	},
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(teamsemu.Issuer),
		jwt.WithAudience(emu.Options().AppID),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(5*time.Minute),
	)
	return claims, err
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// decodeSegment decodes a JWT segment.
func decodeSegment(t *testing.T, seg string) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
