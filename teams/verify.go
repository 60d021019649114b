package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

// Issuer is the issuer of the tokens Teams signs its calls to a bot with,
// single-tenant apps included.
const Issuer = "https://api.botframework.com"

// Key sets are fetched again after keyMaxAge, and at most once per
// unknownKIDEvery when a token names a key the bot does not know (a
// rotation).
const (
	keyMaxAge       = 24 * time.Hour
	unknownKIDEvery = time.Minute
	clockSkew       = 5 * time.Minute
)

// ErrUnauthorized says a request to /api/messages does not carry a valid
// Bot Framework token.
var ErrUnauthorized = errors.New("not a valid Bot Framework token")

// Verifier checks the tokens Teams signs its calls with: RS256 by a key of
// the OpenID metadata's key set, issuer, audience (the app ID), time with
// five minutes of skew, the serviceurl claim against the activity's, and
// the key's endorsements against the activity's channel.
type Verifier struct {
	appID       string
	metadataURL string
	client      *http.Client
	now         func() time.Time

	mu           sync.Mutex
	keys         keyfunc.Keyfunc
	endorsements map[string][]string // by kid; absent: the key lists none
	fetchedAt    time.Time
	refreshedAt  time.Time // of the last refresh for an unknown kid
}

// NewVerifier builds a Verifier for the app; keys are fetched on first use.
func NewVerifier(appID, metadataURL string, client *http.Client) *Verifier {
	return &Verifier{appID: appID, metadataURL: metadataURL, client: client, now: time.Now}
}

// Verify checks the Authorization header of a call that carries an activity
// with the given service URL and channel ("msteams"). Any failure wraps
// ErrUnauthorized.
func (v *Verifier) Verify(ctx context.Context, authorization, serviceURL, channel string) error {
	raw, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || raw == "" {
		return fmt.Errorf("%w: no bearer token", ErrUnauthorized)
	}
	var kid string
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
		return v.key(ctx, t)
	})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnauthorized, err)
	}
	claimed, _ := claims["serviceurl"].(string)
	if !sameServiceURL(claimed, serviceURL) {
		return fmt.Errorf("%w: serviceurl claim %q does not match the activity's %q", ErrUnauthorized, claimed, serviceURL)
	}
	v.mu.Lock()
	endorsed, listed := v.endorsements[kid]
	v.mu.Unlock()
	if listed && !slices.Contains(endorsed, channel) {
		return fmt.Errorf("%w: key %s is not endorsed for channel %q", ErrUnauthorized, kid, channel)
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

// key finds the token's signing key, fetching the key set when it is old or
// does not hold the token's kid.
func (v *Verifier) key(ctx context.Context, t *jwt.Token) (any, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := v.now()
	if v.keys == nil || now.Sub(v.fetchedAt) > keyMaxAge {
		if err := v.fetch(ctx); err != nil {
			if v.keys == nil {
				return nil, err
			}
			// The keys in hand serve until the service answers again,
			// asked at most once a minute.
			v.fetchedAt = now.Add(unknownKIDEvery - keyMaxAge)
		}
	}
	key, err := v.keys.Keyfunc(t)
	if err == nil {
		return key, nil
	}
	if now.Sub(v.refreshedAt) < unknownKIDEvery {
		return nil, err
	}
	v.refreshedAt = now
	if ferr := v.fetch(ctx); ferr != nil {
		return nil, ferr
	}
	return v.keys.Keyfunc(t)
}

// fetch reads the OpenID metadata and its key set, keeping each key's
// endorsements (which JWK libraries drop).
func (v *Verifier) fetch(ctx context.Context) error {
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := v.getJSON(ctx, v.metadataURL, &meta); err != nil {
		return fmt.Errorf("OpenID metadata: %w", err)
	}
	if meta.JWKSURI == "" {
		return fmt.Errorf("OpenID metadata at %s names no jwks_uri", v.metadataURL)
	}
	var raw json.RawMessage
	if err := v.getJSON(ctx, meta.JWKSURI, &raw); err != nil {
		return fmt.Errorf("key set: %w", err)
	}
	var set struct {
		Keys []struct {
			KID          string   `json:"kid"`
			Endorsements []string `json:"endorsements"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(raw, &set); err != nil {
		return fmt.Errorf("key set: %w", err)
	}
	keys, err := keyfunc.NewJWKSetJSON(raw)
	if err != nil {
		return fmt.Errorf("key set: %w", err)
	}
	endorsements := map[string][]string{}
	for _, k := range set.Keys {
		if k.Endorsements != nil {
			endorsements[k.KID] = k.Endorsements
		}
	}
	v.keys, v.endorsements, v.fetchedAt = keys, endorsements, v.now()
	return nil
}

func (v *Verifier) getJSON(ctx context.Context, url string, into any) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
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
