package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/sync/singleflight"
)

// Issuer is the issuer of the tokens Teams signs its calls to a bot with,
// single-tenant apps included.
const Issuer = "https://api.botframework.com"

// Key sets are fetched again every keyMaxAge in the background, and at most
// once per unknownKIDEvery when a token names a key the bot does not know (a
// rotation). A fetch may take fetchTimeout.
const (
	keyMaxAge       = 24 * time.Hour
	unknownKIDEvery = time.Minute
	clockSkew       = 5 * time.Minute
	fetchTimeout    = 10 * time.Second
)

// ErrUnauthorized says a request to /api/messages does not carry a valid
// Bot Framework token.
var ErrUnauthorized = errors.New("not a valid Bot Framework token")

// Verifier checks the tokens Teams signs its calls with: RS256 by a key of
// the OpenID metadata's key set, issuer, audience (the app ID), time with
// five minutes of skew, the serviceurl claim against the activity's, and
// the key's endorsements against the activity's channel.
//
// The key set is fetched by one fetch at a time, shared by every call that
// waits for it, under the Verifier's own context: a caller that gives up
// stops waiting, not the fetch.
type Verifier struct {
	appID       string
	metadataURL string
	client      *http.Client
	log         *slog.Logger
	now         func() time.Time
	ctx         context.Context // bounds every fetch and the daily refresh
	done        chan struct{}   // closed when the daily refresh has stopped
	flight      singleflight.Group

	mu    sync.Mutex
	keys  *keySet
	kidAt time.Time // of the last successful fetch for an unknown kid
}

// keySet is a fetched JWKS and each key's endorsements (which JWK
// libraries drop).
type keySet struct {
	keys         keyfunc.Keyfunc
	endorsements map[string][]string // by kid; absent: the key lists none
}

// NewVerifier builds a Verifier for the app. Keys are fetched on first use
// and again every day in the background until ctx is done.
func NewVerifier(ctx context.Context, appID, metadataURL string, client *http.Client, log *slog.Logger) *Verifier {
	tick := time.NewTicker(keyMaxAge)
	context.AfterFunc(ctx, tick.Stop)
	return newVerifier(ctx, appID, metadataURL, client, log, time.Now, tick.C)
}

// newVerifier builds a Verifier whose clock is now and which refreshes its
// keys on every tick until ctx is done.
func newVerifier(ctx context.Context, appID, metadataURL string, client *http.Client, log *slog.Logger, now func() time.Time, tick <-chan time.Time) *Verifier {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	v := &Verifier{appID: appID, metadataURL: metadataURL, client: client, log: log, now: now, ctx: ctx, done: make(chan struct{})}
	go v.refreshEvery(tick)
	return v
}

// refreshEvery fetches the key set on every tick until the Verifier's
// context is done; a failed refresh leaves the keys in hand serving.
func (v *Verifier) refreshEvery(tick <-chan time.Time) {
	defer close(v.done)
	for {
		select {
		case <-v.ctx.Done():
			return
		case <-tick:
			if _, err := v.refresh(v.ctx, false); err != nil && v.ctx.Err() == nil {
				v.log.Warn("teams: refreshing the keys that sign Teams' calls", "err", err)
			}
		}
	}
}

// Verify checks the Authorization header of a call that carries an activity
// with the given service URL and channel ("msteams"). Any failure wraps
// ErrUnauthorized. A token of another issuer or audience is refused before
// any key is looked up, so it never causes a fetch.
func (v *Verifier) Verify(ctx context.Context, authorization, serviceURL, channel string) error {
	raw, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || raw == "" {
		return fmt.Errorf("%w: no bearer token", ErrUnauthorized)
	}
	if err := v.checkUnverified(raw); err != nil {
		return fmt.Errorf("%w: %v", ErrUnauthorized, err)
	}
	var (
		kid  string
		used *keySet
	)
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(v.appID),
		jwt.WithLeeway(clockSkew),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(v.now),
	)
	claims := jwt.MapClaims{}
	_, err := parser.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		kid, _ = t.Header["kid"].(string)
		key, set, err := v.key(ctx, t)
		used = set
		return key, err
	})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnauthorized, err)
	}
	claimed, _ := claims["serviceurl"].(string)
	if !sameServiceURL(claimed, serviceURL) {
		return fmt.Errorf("%w: serviceurl claim %q does not match the activity's %q", ErrUnauthorized, claimed, serviceURL)
	}
	endorsed, listed := used.endorsements[kid]
	if listed && !slices.Contains(endorsed, channel) {
		return fmt.Errorf("%w: key %s is not endorsed for channel %q", ErrUnauthorized, kid, channel)
	}
	return nil
}

// checkUnverified reads the token's claims without checking its signature
// and refuses another issuer or audience than the app's.
func (v *Verifier) checkUnverified(raw string) error {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, claims); err != nil {
		return err
	}
	if iss, _ := claims.GetIssuer(); iss != Issuer {
		return fmt.Errorf("issuer %q is not %s", iss, Issuer)
	}
	if aud, _ := claims.GetAudience(); !slices.Contains(aud, v.appID) {
		return fmt.Errorf("audience %q is not the app ID", []string(aud))
	}
	return nil
}

// sameServiceURL compares service URLs as Teams does: case-insensitive,
// a trailing slash ignored. An empty claim matches nothing.
func sameServiceURL(a, b string) bool {
	if a == "" {
		return false
	}
	return strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(b, "/"))
}

// key finds the token's signing key and the key set that holds it,
// fetching the key set when there is none yet or it does not hold the
// token's kid.
func (v *Verifier) key(ctx context.Context, t *jwt.Token) (any, *keySet, error) {
	v.mu.Lock()
	set := v.keys
	v.mu.Unlock()
	if set == nil {
		var err error
		if set, err = v.refresh(ctx, false); err != nil {
			return nil, nil, err
		}
	}
	key, err := set.keys.Keyfunc(t)
	if err == nil {
		return key, set, nil
	}
	set, ferr := v.refresh(ctx, true)
	if ferr != nil {
		return nil, nil, ferr
	}
	key, err = set.keys.Keyfunc(t)
	return key, set, err
}

// refresh fetches the key set and returns it: one fetch at a time, which
// every caller meanwhile shares, run under the Verifier's context so that a
// caller who stops waiting (ctx done) does not stop it. For an unknown kid
// the keys in hand are returned instead when a fetch for an unknown kid
// succeeded less than unknownKIDEvery ago; failed fetches do not count.
func (v *Verifier) refresh(ctx context.Context, unknownKID bool) (*keySet, error) {
	ch := v.flight.DoChan("keys", func() (any, error) {
		v.mu.Lock()
		held, recent := v.keys, v.now().Sub(v.kidAt) < unknownKIDEvery
		v.mu.Unlock()
		if unknownKID && held != nil && recent {
			return held, nil
		}
		fctx, cancel := context.WithTimeout(v.ctx, fetchTimeout)
		defer cancel()
		set, err := v.fetch(fctx)
		if err != nil {
			return nil, err
		}
		v.mu.Lock()
		v.keys = set
		if unknownKID {
			v.kidAt = v.now()
		}
		v.mu.Unlock()
		return set, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*keySet), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the key set: %w", ctx.Err())
	}
}

// fetch reads the OpenID metadata and its key set, keeping each key's
// endorsements.
func (v *Verifier) fetch(ctx context.Context) (*keySet, error) {
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := v.getJSON(ctx, v.metadataURL, &meta); err != nil {
		return nil, fmt.Errorf("OpenID metadata: %w", err)
	}
	if meta.JWKSURI == "" {
		return nil, fmt.Errorf("OpenID metadata at %s names no jwks_uri", v.metadataURL)
	}
	var raw json.RawMessage
	if err := v.getJSON(ctx, meta.JWKSURI, &raw); err != nil {
		return nil, fmt.Errorf("key set: %w", err)
	}
	var set struct {
		Keys []struct {
			KID          string   `json:"kid"`
			Endorsements []string `json:"endorsements"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(raw, &set); err != nil {
		return nil, fmt.Errorf("key set: %w", err)
	}
	keys, err := keyfunc.NewJWKSetJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("key set: %w", err)
	}
	endorsements := map[string][]string{}
	for _, k := range set.Keys {
		if k.Endorsements != nil {
			endorsements[k.KID] = k.Endorsements
		}
	}
	return &keySet{keys: keys, endorsements: endorsements}, nil
}

func (v *Verifier) getJSON(ctx context.Context, url string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := v.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(into)
}
