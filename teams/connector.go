package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/armistice/armistice/handlers/chat"
)

// Connector limits: a message over maxActivityBytes is refused by Teams
// (it allows about 100 KB); a wait for the rate limit or a Retry-After up
// to maxWait is waited out, a longer one is handed back to the job as a
// chat.RetryAfterError; transient failures are tried maxAttempts times.
const (
	maxActivityBytes = 80 * 1024
	maxWait          = 5 * time.Second
	maxAttempts      = 4
)

// ErrTooBig says an activity is larger than Teams takes.
var ErrTooBig = fmt.Errorf("%w: larger than Teams takes", chat.ErrMessageRefused)

// ConnectorError is an error answer of the connector service.
type ConnectorError struct {
	Status  int
	Code    string // BotNotInConversationRoster, ConversationNotFound…
	Message string
}

// Error implements the error interface.
func (e *ConnectorError) Error() string {
	return fmt.Sprintf("connector: %d %s: %s", e.Status, e.Code, e.Message)
}

// Connector calls the Bot Framework connector service: posts, thread
// replies, updates and rosters, paced per conversation and tenant as Teams
// limits bots, with tokens from the app's credentials.
type Connector struct {
	http   *http.Client
	tokens oauth2.TokenSource
	pace   *pacer
}

// NewConnector builds a Connector that authenticates with the app's
// credentials; base carries the requests (and the token requests).
func NewConnector(ctx context.Context, creds Credentials, base *http.Client) *Connector {
	ts := tokenSource(ctx, creds, base) // caches each token until shortly before it expires
	return &Connector{
		http:   &http.Client{Timeout: 15 * time.Second, Transport: &oauth2.Transport{Source: ts, Base: base.Transport}},
		tokens: ts,
		pace:   newPacer(),
	}
}

// CheckToken gets a token (from the cache when it has one), for /readyz.
func (c *Connector) CheckToken(ctx context.Context) error {
	_, err := c.tokens.Token()
	return err
}

// PostToChannel starts a new thread in a channel and returns the activity
// ID of its root message.
func (c *Connector) PostToChannel(ctx context.Context, serviceURL, tenantID, channelID string, a Activity) (string, error) {
	body := map[string]any{
		"isGroup":     true,
		"channelData": ChannelData{Channel: &Channel{ID: channelID}, Tenant: &IDName{ID: tenantID}},
		"activity":    a,
	}
	var out struct {
		ID         string `json:"id"`
		ActivityID string `json:"activityId"`
	}
	if err := c.call(ctx, http.MethodPost, serviceURL, channelID, "v3/conversations", body, &out); err != nil {
		return "", err
	}
	if out.ActivityID != "" {
		return out.ActivityID, nil
	}
	_, root, _ := strings.Cut(out.ID, ";messageid=")
	return root, nil
}

// Send posts an activity in a conversation (a personal chat, or a thread
// given as "channel;messageid=root") and returns its ID.
func (c *Connector) Send(ctx context.Context, serviceURL, conversationID string, a Activity) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	path := "v3/conversations/" + url.PathEscape(conversationID) + "/activities"
	err := c.call(ctx, http.MethodPost, serviceURL, conversationID, path, a, &out)
	return out.ID, err
}

// Reply posts an activity in the thread of root in a channel. It uses the
// reply route that Teams' own SDKs use now and falls back to the older
// ";messageid=" conversation when the service does not take it. Teams may
// answer without an ID.
func (c *Connector) Reply(ctx context.Context, serviceURL, channelID, rootID string, a Activity) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	path := "v3/conversations/" + url.PathEscape(channelID) + "/activities/" + url.PathEscape(rootID)
	err := c.call(ctx, http.MethodPost, serviceURL, channelID, path, a, &out)
	if ce, ok := errors.AsType[*ConnectorError](err); ok && (ce.Status == http.StatusBadRequest || ce.Status == http.StatusNotFound || ce.Status == http.StatusMethodNotAllowed) {
		return c.Send(ctx, serviceURL, channelID+";messageid="+rootID, a)
	}
	return out.ID, err
}

// Update replaces a posted activity for everyone. A message Teams no
// longer has is chat.ErrMessageGone.
func (c *Connector) Update(ctx context.Context, serviceURL, conversationID, activityID string, a Activity) error {
	a.ID = activityID
	path := "v3/conversations/" + url.PathEscape(conversationID) + "/activities/" + url.PathEscape(activityID)
	err := c.call(ctx, http.MethodPut, serviceURL, conversationID, path, a, nil)
	if ce, ok := errors.AsType[*ConnectorError](err); ok && ce.Status == http.StatusNotFound {
		return fmt.Errorf("%w: %v", chat.ErrMessageGone, err)
	}
	return err
}

// OpenPersonal opens (or finds) the bot's personal chat with a user, given
// the user's MRI, and returns its conversation ID.
func (c *Connector) OpenPersonal(ctx context.Context, serviceURL, tenantID, userMRI string) (string, error) {
	body := map[string]any{
		"isGroup":     false,
		"members":     []ChannelAccount{{ID: userMRI}},
		"channelData": ChannelData{Tenant: &IDName{ID: tenantID}},
	}
	var out struct {
		ID string `json:"id"`
	}
	err := c.call(ctx, http.MethodPost, serviceURL, userMRI, "v3/conversations", body, &out)
	return out.ID, err
}

// Member is one person of a roster.
type Member struct {
	ID          string `json:"id"` // MRI
	AADObjectID string `json:"objectId"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	// UserPrincipalName is the user's sign-in name, most often an email
	// address.
	UserPrincipalName string `json:"userPrincipalName"`
}

// Members reads the whole roster of a team or of a private or shared
// channel, page by page.
func (c *Connector) Members(ctx context.Context, serviceURL, conversationID string) ([]Member, error) {
	var all []Member
	token := ""
	for {
		q := url.Values{"pageSize": {"500"}}
		if token != "" {
			q.Set("continuationToken", token)
		}
		var page struct {
			ContinuationToken string   `json:"continuationToken"`
			Members           []Member `json:"members"`
		}
		path := "v3/conversations/" + url.PathEscape(conversationID) + "/pagedmembers?" + q.Encode()
		if err := c.call(ctx, http.MethodGet, serviceURL, conversationID, path, nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Members...)
		if page.ContinuationToken == "" {
			return all, nil
		}
		token = page.ContinuationToken
	}
}

// call makes one connector request: paced, retried on 412 and 5xx with
// backoff, waiting out short 429s.
func (c *Connector) call(ctx context.Context, method, serviceURL, conversation, path string, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return err
		}
		if len(payload) > maxActivityBytes {
			return fmt.Errorf("%w: %d bytes", ErrTooBig, len(payload))
		}
	}
	target := strings.TrimSuffix(serviceURL, "/") + "/" + path
	backoff := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		if err := c.pace.wait(ctx, conversation, method == http.MethodGet); err != nil {
			return err
		}
		retryAfter, err := c.do(ctx, method, target, payload, out)
		ce, isConnector := errors.AsType[*ConnectorError](err)
		switch {
		case err == nil:
			return nil
		case isConnector && ce.Status == http.StatusTooManyRequests:
			wait := retryAfter
			if wait <= 0 {
				wait = backoff + rand.N(backoff)
			}
			if wait > maxWait || attempt == maxAttempts {
				return &chat.RetryAfterError{After: wait, Err: err}
			}
			if err := sleep(ctx, wait); err != nil {
				return err
			}
		case isConnector && ce.Status == http.StatusForbidden && (ce.Code == "BotNotInConversationRoster" || ce.Code == "MessageWritesBlocked" || ce.Code == "BotDisabledByAdmin"):
			return fmt.Errorf("%w: %v", chat.ErrNotInstalled, err)
		case isConnector && (ce.Status == http.StatusBadRequest || ce.Status == http.StatusRequestEntityTooLarge):
			return fmt.Errorf("%w: %w", chat.ErrMessageRefused, err)
		case isConnector && transient(ce.Status) && attempt < maxAttempts:
			if err := sleep(ctx, backoff+rand.N(backoff)); err != nil {
				return err
			}
		default:
			return err
		}
		backoff *= 2
	}
}

// transient tells whether a status is worth another try.
func transient(status int) bool {
	switch status {
	case http.StatusPreconditionFailed, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout, http.StatusInternalServerError:
		return true
	}
	return false
}

// do sends one request and decodes a 2xx answer into out; it returns the
// Retry-After of a 429.
func (c *Connector) do(ctx context.Context, method, target string, payload []byte, out any) (time.Duration, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return 0, err
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return 0, err
	}
	if resp.StatusCode >= 300 {
		ce := &ConnectorError{Status: resp.StatusCode, Message: resp.Status}
		var answer struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if json.Unmarshal(raw, &answer) == nil && answer.Error.Code != "" {
			ce.Code, ce.Message = answer.Error.Code, answer.Error.Message
		}
		return retryAfter(resp.Header.Get("Retry-After")), ce
	}
	if out != nil && len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return 0, fmt.Errorf("connector answer to %s %s: %w", method, req.URL.Path, err)
		}
	}
	return 0, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date; 0 when
// absent or unreadable.
func retryAfter(v string) time.Duration {
	if secs, err := strconv.Atoi(v); err == nil {
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(time.Until(at), 0)
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
