package teamsemu

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"net/http"
)

// The Bot Framework identity service: the OpenID metadata and the JWKS that
// hold the keys activities posted to the bot are signed with.

// Issuer is the issuer of the tokens Teams signs the activities it posts to
// a bot with.
const Issuer = "https://api.botframework.com"

const (
	metadataPath = "/v1/.well-known/openidconfiguration"
	keysPath     = "/v1/.well-known/keys"
	// endorsementTeams is the endorsement a key must list, when it lists
	// any, to sign Teams' activities.
	endorsementTeams = "msteams"
)

// KeyKind selects which of the served keys signs a token (TokenOptions.Key).
type KeyKind int

const (
	// KeyTeams is the current key, endorsed for Teams ("msteams"), which
	// signs every activity Send posts.
	KeyTeams KeyKind = iota
	// KeyOtherChannel is a served key whose endorsements list other
	// channels but not "msteams"; a bot must refuse its tokens.
	KeyOtherChannel
	// KeyNoEndorsements is a served key with no endorsements list at all;
	// a bot accepts its tokens.
	KeyNoEndorsements
)

// signingKey is a served RSA key, its kid and its endorsements (nil: the
// field is left out of the JWKS).
type signingKey struct {
	kid          string
	priv         *rsa.PrivateKey
	endorsements []string
}

// keyring holds the current Teams key and the other kinds, made when a
// token first asks for them.
type keyring struct {
	current *signingKey
	other   map[KeyKind]*signingKey
}

func newKeyring() keyring {
	return keyring{current: newSigningKey([]string{endorsementTeams}), other: make(map[KeyKind]*signingKey)}
}

// newSigningKey generates a 2048-bit RSA key with a random kid.
func newSigningKey(endorsements []string) *signingKey {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("teamsemu: generating an RSA key: " + err.Error())
	}
	return &signingKey{kid: randomAlnum(27), priv: priv, endorsements: endorsements}
}

// keyLocked returns the key of kind, making it if needed. The caller holds
// s.mu.
func (s *Server) keyLocked(kind KeyKind) *signingKey {
	if kind == KeyTeams {
		return s.keys.current
	}
	k := s.keys.other[kind]
	if k == nil {
		var endorsements []string
		if kind == KeyOtherChannel {
			endorsements = []string{"webchat", "directline"}
		}
		k = newSigningKey(endorsements)
		s.keys.other[kind] = k
		s.bumpLocked()
	}
	return k
}

// MetadataURL is the OpenID metadata document's URL, the bot's stand-in for
// https://login.botframework.com/v1/.well-known/openidconfiguration.
func (s *Server) MetadataURL() string { return s.URL() + metadataPath }

// KeysURL is the JWKS's URL, as the metadata's jwks_uri gives it.
func (s *Server) KeysURL() string { return s.URL() + keysPath }

// KeyID is the kid of the current Teams key.
func (s *Server) KeyID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys.current.kid
}

// RotateKey replaces the Teams key with a new one under a new kid, and
// returns the kid. The old key is no longer served; activities are signed
// with the new one from then on, so a bot that cached the JWKS sees an
// unknown kid.
func (s *Server) RotateKey() string {
	k := newSigningKey([]string{endorsementTeams})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys.current = k
	s.bumpLocked()
	return k.kid
}

// serveMetadata answers GET /v1/.well-known/openidconfiguration.
func (s *Server) serveMetadata(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		s.count(RouteMetadata, http.StatusMethodNotAllowed)
		methodNotAllowed(r).write(w)
		return
	}
	if rp, ok := s.takeIdentityFailure(); ok {
		s.count(RouteMetadata, rp.status)
		rp.write(w)
		return
	}
	s.count(RouteMetadata, http.StatusOK)
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                Issuer,
		"jwks_uri":                              s.KeysURL(),
		"id_token_signing_alg_values_supported": []string{"RS256"},
	})
}

// jwk is a served key as the JWKS lists it.
type jwk struct {
	Kty          string   `json:"kty"`
	Use          string   `json:"use"`
	Kid          string   `json:"kid"`
	N            string   `json:"n"`
	E            string   `json:"e"`
	Endorsements []string `json:"endorsements,omitempty"`
}

// serveKeys answers GET /v1/.well-known/keys: the Teams key, then any other
// kind a token has asked for.
func (s *Server) serveKeys(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		s.count(RouteKeys, http.StatusMethodNotAllowed)
		methodNotAllowed(r).write(w)
		return
	}
	if rp, ok := s.takeIdentityFailure(); ok {
		s.count(RouteKeys, rp.status)
		rp.write(w)
		return
	}
	s.mu.Lock()
	served := []*signingKey{s.keys.current}
	for _, kind := range []KeyKind{KeyOtherChannel, KeyNoEndorsements} {
		if k := s.keys.other[kind]; k != nil {
			served = append(served, k)
		}
	}
	s.mu.Unlock()
	keys := make([]jwk, 0, len(served))
	for _, k := range served {
		pub := k.priv.PublicKey
		keys = append(keys, jwk{
			Kty:          "RSA",
			Use:          "sig",
			Kid:          k.kid,
			N:            base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			E:            base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
			Endorsements: k.endorsements,
		})
	}
	s.count(RouteKeys, http.StatusOK)
	writeJSON(w, http.StatusOK, map[string]any{"keys": keys})
}

// FailIdentityNext makes the next n requests to the identity service (the
// OpenID metadata and the JWKS, whichever comes) answer status with an error
// body whose code is the status's name. FailIdentityNext replaces any
// failure still pending; n 0 clears it.
func (s *Server) FailIdentityNext(n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.identityFail = failure{remaining: max(0, n), status: status}
	s.bumpLocked()
}

// takeIdentityFailure returns the injected failure for this request to the
// identity service, if one is pending, and uses it up.
func (s *Server) takeIdentityFailure() (reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.identityFail.remaining <= 0 {
		return reply{}, false
	}
	s.identityFail.remaining--
	return statusReply(s.identityFail.status, 0, "Injected failure."), true
}
