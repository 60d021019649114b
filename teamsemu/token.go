package teamsemu

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The Entra ID token service: client-credentials tokens for the bot's calls
// to the connector.

// Scope is the scope a bot asks a token for.
const Scope = "https://api.botframework.com/.default"

// tokenPathSuffix follows the tenant in the token endpoint's path.
const tokenPathSuffix = "/oauth2/v2.0/token"

// TokenURL is the token endpoint for the tenant, the bot's stand-in for
// https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token. Only
// this tenant's endpoint grants tokens.
func (s *Server) TokenURL() string { return s.URL() + "/" + s.opts.TenantID + tokenPathSuffix }

// TokenRequests returns how many token requests the service has received,
// granted or not: a bot that caches its token asks once an hour.
func (s *Server) TokenRequests() int { return s.CallsTo(RouteToken) }

// isTokenPath reports whether p is "/{tenant}/oauth2/v2.0/token".
func isTokenPath(p string) bool {
	tenant, ok := strings.CutSuffix(strings.TrimPrefix(p, "/"), tokenPathSuffix)
	return ok && tenant != "" && !strings.Contains(tenant, "/")
}

// aadError is an Entra ID error answer.
type aadError struct {
	status      int
	err         string
	code        int
	description string
}

// serveToken answers POST /{tenant}/oauth2/v2.0/token with a token when the
// tenant, the client ID and the secret are the bot's, else with Entra ID's
// error.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.count(RouteToken, http.StatusMethodNotAllowed)
		methodNotAllowed(r).write(w)
		return
	}
	tenant := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), tokenPathSuffix)
	if e := s.checkClient(r, tenant); e != nil {
		s.count(RouteToken, e.status)
		writeJSON(w, e.status, map[string]any{
			"error":             e.err,
			"error_description": fmt.Sprintf("AADSTS%d: %s", e.code, e.description),
			"error_codes":       []int{e.code},
		})
		return
	}
	now := s.opts.Now()
	exp := now.Add(s.opts.TokenLifetime)
	claims := jwt.MapClaims{
		"aud":   "https://api.botframework.com",
		"iss":   "https://sts.windows.net/" + s.opts.TenantID + "/",
		"appid": s.opts.AppID,
		"tid":   s.opts.TenantID,
		"iat":   now.Unix(),
		"nbf":   now.Unix(),
		"exp":   exp.Unix(),
		"uti":   randomAlnum(22),
	}
	s.mu.Lock()
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = s.keys.current.kid
	token := mustSign(t, s.keys.current.priv)
	s.tokens[token] = exp
	s.mu.Unlock()
	s.count(RouteToken, http.StatusOK)
	lifetime := int(s.opts.TokenLifetime / time.Second)
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type":     "Bearer",
		"expires_in":     lifetime,
		"ext_expires_in": lifetime,
		"access_token":   token,
	})
}

// checkClient validates a client-credentials request, in Entra ID's order.
func (s *Server) checkClient(r *http.Request, tenant string) *aadError {
	if tenant != s.opts.TenantID {
		return &aadError{http.StatusBadRequest, "invalid_request", 90002, fmt.Sprintf("Tenant '%s' not found.", tenant)}
	}
	if err := r.ParseForm(); err != nil {
		return &aadError{http.StatusBadRequest, "invalid_request", 900144, "The request body could not be parsed: " + err.Error()}
	}
	missing := func(name string) *aadError {
		return &aadError{http.StatusBadRequest, "invalid_request", 900144, fmt.Sprintf("The request body must contain the following parameter: '%s'.", name)}
	}
	f := r.PostForm
	switch {
	case f.Get("grant_type") == "":
		return missing("grant_type")
	case f.Get("grant_type") != "client_credentials":
		return &aadError{http.StatusBadRequest, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + f.Get("grant_type") + "'."}
	case f.Get("client_id") == "":
		return missing("client_id")
	case f.Get("client_id") != s.opts.AppID:
		return &aadError{http.StatusBadRequest, "unauthorized_client", 700016, fmt.Sprintf("Application with identifier '%s' was not found in the directory '%s'.", f.Get("client_id"), tenant)}
	case f.Get("client_secret") == "":
		return &aadError{http.StatusUnauthorized, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."}
	case f.Get("client_secret") != s.opts.ClientSecret:
		return &aadError{http.StatusUnauthorized, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."}
	case f.Get("scope") == "":
		return missing("scope")
	case f.Get("scope") != Scope:
		return &aadError{http.StatusBadRequest, "invalid_scope", 1002012, fmt.Sprintf("The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.", f.Get("scope"))}
	}
	return nil
}

// authorized reports whether the request carries "Bearer <token>" with a
// token this service issued that has not expired.
func (s *Server) authorized(r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.tokens[token]
	return ok && s.opts.Now().Before(exp)
}
