package board

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"time"
)

// cookieName is the cookie that proves its holder opened the board's link.
const cookieName = "armistice_board"

// cookieLabel is what the cookie's value signs: the value is an HMAC of it
// under the token, so the cookie proves the token without being it, needs
// no session stored anywhere, and stops working when the token changes.
const cookieLabel = "armistice board access v1"

// cookieAge is how long a screen stays signed in: as long as browsers keep
// a cookie (400 days), since the token's change is what revokes it.
const cookieAge = 400 * 24 * time.Hour

// proof is the cookie value for token.
func proof(token string) string {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte(cookieLabel))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// tokenMatches compares a given token with the configured one in constant
// time (their digests, so that not even the length leaks).
func (s *Server) tokenMatches(given string) bool {
	g := sha256.Sum256([]byte(given))
	return subtle.ConstantTimeCompare(g[:], s.tokenSum[:]) == 1
}

// signedIn tells whether r carries the cookie of the current token.
func (s *Server) signedIn(r *http.Request) bool {
	c, err := r.Cookie(cookieName)
	return err == nil && hmac.Equal([]byte(c.Value), []byte(s.proof))
}

// signIn answers the board's link (/board?token=…): the right token gets
// the cookie and a redirect (303) to the same page without the token; a
// wrong one gets 401.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !s.tokenMatches(q.Get("token")) {
		s.refuse(w, r, "This link to the board is not valid (any more). Ask an admin for the current one.")
		return
	}
	// SameSite=Lax, not Strict: the link is opened from a chat, a
	// cross-site navigation, and browsers withhold Strict cookies on the
	// whole redirect chain that follows it, so the redirect would land
	// signed out. Lax is sent on top-level GETs only, and every request the
	// board answers is a read.
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: s.proof, Path: "/board",
		MaxAge: int(cookieAge / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.cfg.Secure || r.TLS != nil,
	})
	q.Del("token")
	to := url.URL{Path: "/board", RawQuery: q.Encode()}
	http.Redirect(w, r, to.String(), http.StatusSeeOther)
}
