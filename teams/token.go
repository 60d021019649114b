package teams

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// connectorScope is the scope of the tokens the connector service takes.
const connectorScope = "https://api.botframework.com/.default"

// Credentials are a single-tenant app's: its ID, its secret and its
// tenant, and the token endpoint ("{tenant}" in it is replaced).
type Credentials struct {
	AppID    string
	Password string
	TenantID string
	TokenURL string
}

// LogValue shows the credentials without the password.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("app_id", c.AppID), slog.String("tenant_id", c.TenantID), slog.String("token_url", c.TokenURL))
}

// tokenSource gets connector tokens by client credentials and caches each
// until shortly before it expires.
func tokenSource(ctx context.Context, c Credentials, base *http.Client) oauth2.TokenSource {
	cc := clientcredentials.Config{
		ClientID:     c.AppID,
		ClientSecret: c.Password,
		TokenURL:     strings.ReplaceAll(c.TokenURL, "{tenant}", c.TenantID),
		Scopes:       []string{connectorScope},
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	return cc.TokenSource(context.WithValue(ctx, oauth2.HTTPClient, base))
}
