package teamsemu

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/armistice/armistice/teams"
)

// Posting activities to the bot's messaging endpoint, as Teams does.

// botTimeout is how long Teams waits for the bot to answer an activity.
const botTimeout = 15 * time.Second

// Send posts a to the bot's messaging endpoint (botURL, e.g.
// "http://127.0.0.1:8080/api/messages") with a token signed as Teams signs
// them, and returns the bot's status and body (an invoke's result). It
// fills in what Teams always sets when a leaves it empty: id, timestamp,
// serviceUrl, channelId "msteams" and the bot as recipient. A user's
// message (a message without a value) is recorded in its conversation
// first, so the bot can reply to it, update around it and find it in
// Messages.
func (s *Server) Send(ctx context.Context, botURL string, a teams.Activity) (status int, body []byte, err error) {
	return s.SendWithToken(ctx, botURL, a, s.SignToken(TokenOptions{}))
}

// SendWithToken is Send with the given bearer token (see SignToken), or
// with no Authorization header at all when token is "".
func (s *Server) SendWithToken(ctx context.Context, botURL string, a teams.Activity, token string) (status int, body []byte, err error) {
	return s.post(ctx, botURL, token, a, func(a teams.Activity) any { return a })
}

// post fills in and records a as Send does, and posts the JSON of
// payload(a), a itself or a wrapper that adds fields teams.Activity lacks.
func (s *Server) post(ctx context.Context, botURL, token string, a teams.Activity, payload func(teams.Activity) any) (status int, body []byte, err error) {
	a = s.inbound(a)
	b, err := json.Marshal(payload(a))
	if err != nil {
		return 0, nil, fmt.Errorf("teamsemu: encoding the activity: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, botURL, bytes.NewReader(b))
	if err != nil {
		return 0, nil, fmt.Errorf("teamsemu: %w", err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if a.Conversation != nil {
		req.Header.Set("x-ms-conversation-id", a.Conversation.ID)
	}
	if t := a.TenantID(); t != "" {
		req.Header.Set("x-ms-tenant-id", t)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("teamsemu: posting %s to the bot: %w", a.Type, err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, body, fmt.Errorf("teamsemu: reading the bot's answer: %w", err)
	}
	return resp.StatusCode, body, nil
}

// inbound fills in the fields Teams always sets on an activity it posts,
// and records a user's message.
func (s *Server) inbound(a teams.Activity) teams.Activity {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.ID == "" {
		a.ID = s.newActivityIDLocked()
	}
	if a.Timestamp == "" {
		a.Timestamp = formatTimestamp(s.opts.Now())
	}
	if a.ServiceURL == "" {
		a.ServiceURL = s.ServiceURL()
	}
	if a.ChannelID == "" {
		a.ChannelID = "msteams"
	}
	if a.Recipient == nil {
		bot := s.Bot()
		a.Recipient = &bot
	}
	if a.Type == teams.TypeMessage && len(a.Value) == 0 && a.Conversation != nil {
		s.recordUserMessageLocked(a)
	}
	return a
}

// recordUserMessageLocked records a user's message in a known conversation:
// in a channel, a new post when the conversation names the message as its
// own thread (or names no thread), else a reply in the thread it names.
// The caller holds s.mu.
func (s *Server) recordUserMessageLocked(a teams.Activity) {
	base, rootID, _ := strings.Cut(a.Conversation.ID, ";messageid=")
	c := s.convs[base]
	if c == nil || c.byID[a.ID] != nil {
		return
	}
	var root *message
	if m := c.byID[rootID]; c.channel != nil && m != nil {
		root = m.threadRoot()
	}
	s.recordLocked(c, root, cloneActivity(a))
}
