package teamsemu

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// inboundTokenLifetime is how long the tokens on activities posted to the
// bot are valid.
const inboundTokenLifetime = time.Hour

// TokenOptions shapes a token for the bot's messaging endpoint. The zero
// value gives the token Teams would send; each field makes it wrong in one
// way, for tests of the bot's verifier.
type TokenOptions struct {
	// Issuer is the iss claim (default Issuer).
	Issuer string
	// Audience is the aud claim (default the AppID).
	Audience string
	// ServiceURL is the serviceurl claim (default ServiceURL).
	ServiceURL string
	// IssuedAt is the nbf and iat claims (default now).
	IssuedAt time.Time
	// ExpiresAt is the exp claim (default IssuedAt plus one hour).
	ExpiresAt time.Time
	// Key is the served key that signs the token (default KeyTeams).
	Key KeyKind
	// KeyID is the kid header (default the signing key's kid); any other
	// value names a key the JWKS does not hold.
	KeyID string
	// AlgNone makes an unsigned token: header alg "none" (with the kid),
	// an empty signature.
	AlgNone bool
}

// SignToken returns a token for the bot's messaging endpoint, as Teams signs
// them (RS256, kid header; iss, aud, serviceurl, nbf, iat and exp), altered
// as opts asks.
func (s *Server) SignToken(opts TokenOptions) string {
	now := s.opts.Now()
	if opts.Issuer == "" {
		opts.Issuer = Issuer
	}
	if opts.Audience == "" {
		opts.Audience = s.opts.AppID
	}
	if opts.ServiceURL == "" {
		opts.ServiceURL = s.ServiceURL()
	}
	if opts.IssuedAt.IsZero() {
		opts.IssuedAt = now
	}
	if opts.ExpiresAt.IsZero() {
		opts.ExpiresAt = opts.IssuedAt.Add(inboundTokenLifetime)
	}
	claims := jwt.MapClaims{
		"iss":        opts.Issuer,
		"aud":        opts.Audience,
		"serviceurl": opts.ServiceURL,
		"nbf":        opts.IssuedAt.Unix(),
		"iat":        opts.IssuedAt.Unix(),
		"exp":        opts.ExpiresAt.Unix(),
	}
	s.mu.Lock()
	k := s.keyLocked(opts.Key)
	s.mu.Unlock()
	kid := opts.KeyID
	if kid == "" {
		kid = k.kid
	}
	if opts.AlgNone {
		t := jwt.NewWithClaims(jwt.SigningMethodNone, claims)
		t.Header["kid"] = kid
		return mustSign(t, jwt.UnsafeAllowNoneSignatureType)
	}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = kid
	return mustSign(t, k.priv)
}

// mustSign signs t with key. Signing with the emulator's own RSA keys (or
// "none" with its marker) cannot fail.
func mustSign(t *jwt.Token, key any) string {
	signed, err := t.SignedString(key)
	if err != nil {
		panic("teamsemu: signing a token: " + err.Error())
	}
	return signed
}
