package slackemu

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// apiRequest is one Web API call with its arguments, whichever way they
// were sent: query string, form body or JSON body.
type apiRequest struct {
	r      *http.Request
	method string
	base   string
	token  string
	form   url.Values
	json   map[string]json.RawMessage
	// jsonNoCharset is set for JSON bodies sent without a charset, which
	// Slack answers with the "missing_charset" warning.
	jsonNoCharset bool
}

// apiReply is what a method handler answers: an HTTP status (200 unless
// set), optional Retry-After, and the JSON body.
type apiReply struct {
	status     int
	retryAfter time.Duration
	body       map[string]any
}

func okReply(body map[string]any) apiReply {
	if body == nil {
		body = map[string]any{}
	}
	body["ok"] = true
	return apiReply{body: body}
}

func errReply(code string) apiReply {
	return apiReply{body: map[string]any{"ok": false, "error": code}}
}

type apiMethod struct {
	handler  func(s *Server, q *apiRequest) apiReply
	appToken bool // needs the app-level token instead of the bot token
}

var apiMethods map[string]apiMethod

func init() {
	apiMethods = map[string]apiMethod{
		"auth.test":             {handler: (*Server).apiAuthTest},
		"apps.connections.open": {handler: (*Server).apiConnectionsOpen, appToken: true},
		"chat.postMessage":      {handler: (*Server).apiPostMessage},
		"chat.update":           {handler: (*Server).apiUpdate},
		"chat.postEphemeral":    {handler: (*Server).apiPostEphemeral},
		"chat.getPermalink":     {handler: (*Server).apiGetPermalink},
		"views.open":            {handler: (*Server).apiViewsOpen},
		"views.push":            {handler: (*Server).apiViewsPush},
		"views.update":          {handler: (*Server).apiViewsUpdate},
		"views.publish":         {handler: (*Server).apiViewsPublish},
		"conversations.members": {handler: (*Server).apiConversationsMembers},
		"conversations.info":    {handler: (*Server).apiConversationsInfo},
		"conversations.history": {handler: (*Server).apiConversationsHistory},
		"conversations.list":    {handler: (*Server).apiConversationsList},
		"users.info":            {handler: (*Server).apiUsersInfo},
		"users.lookupByEmail":   {handler: (*Server).apiUsersLookupByEmail},
		"usergroups.users.list": {handler: (*Server).apiUserGroupsUsersList},
	}
}

// serveAPI handles "/api/<method>".
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, method string) {
	s.countCall(method)
	q, perr := parseAPIRequest(r, method)
	var hold time.Duration
	if f, ok := s.takeFault(method); ok {
		hold = f.Hold
		if !s.sleepCtx(r.Context(), f.Delay) {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"ok": false, "error": "service_unavailable"})
			return
		}
		if rep, faulted := f.reply(); faulted {
			s.writeReply(w, q, rep)
			return
		}
	}
	if perr != "" {
		s.writeReply(w, q, errReply(perr))
		return
	}
	m, ok := apiMethods[method]
	if !ok {
		rep := errReply("unknown_method")
		rep.body["req_method"] = method
		s.writeReply(w, q, rep)
		return
	}
	if code := s.checkToken(q.token, m.appToken); code != "" {
		s.writeReply(w, q, errReply(code))
		return
	}
	rep := m.handler(s, q)
	if hold > 0 && !s.sleepCtx(r.Context(), hold) {
		return // the caller went away without its answer
	}
	s.writeReply(w, q, rep)
}

// checkToken returns the Slack error for a missing or wrong token, or "".
func (s *Server) checkToken(token string, wantApp bool) string {
	want, other := s.cfg.BotToken, s.cfg.AppToken
	if wantApp {
		want, other = other, want
	}
	switch token {
	case "":
		return "not_authed"
	case want:
		return ""
	case other:
		return "not_allowed_token_type"
	default:
		return "invalid_auth"
	}
}

func (s *Server) writeReply(w http.ResponseWriter, q *apiRequest, rep apiReply) {
	if q != nil && q.jsonNoCharset {
		rep.body["warning"] = "missing_charset"
		md, _ := rep.body["response_metadata"].(map[string]any)
		if md == nil {
			md = map[string]any{}
			rep.body["response_metadata"] = md
		}
		md["warnings"] = []string{"missing_charset"}
	}
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(rep.retryAfter)))
	}
	writeJSON(w, status, rep.body)
}

// retryAfterSeconds rounds d up to whole seconds (at least 1), the unit of
// the Retry-After header.
func retryAfterSeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	buf, err := json.Marshal(body)
	if err != nil {
		buf = []byte(`{"ok":false,"error":"fatal_error"}`)
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf)
}

// parseAPIRequest reads the arguments and the token. It returns a Slack
// error code for unreadable bodies.
func parseAPIRequest(r *http.Request, method string) (*apiRequest, string) {
	q := &apiRequest{r: r, method: method, base: baseURL(r), form: url.Values{}}
	for k, v := range r.URL.Query() {
		q.form[k] = v
	}
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		q.token = strings.TrimSpace(strings.TrimPrefix(auth, "Bearer "))
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		return q, "request_timeout"
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case len(bytes.TrimSpace(body)) == 0:
	case ct == "application/json":
		if _, ok := params["charset"]; !ok {
			q.jsonNoCharset = true
		}
		if err := json.Unmarshal(body, &q.json); err != nil {
			return q, "invalid_json"
		}
	case ct == "application/x-www-form-urlencoded" || ct == "":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return q, "invalid_form_data"
		}
		for k, v := range vals {
			q.form[k] = v
		}
	case ct == "multipart/form-data":
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := r.ParseMultipartForm(16 << 20); err != nil {
			return q, "invalid_form_data"
		}
		for k, v := range r.MultipartForm.Value {
			q.form[k] = v
		}
	default:
		return q, "invalid_post_type"
	}
	if q.token == "" {
		q.token = q.str("token")
	}
	return q, ""
}

// has reports whether the argument was sent at all.
func (q *apiRequest) has(name string) bool {
	if _, ok := q.json[name]; ok {
		return true
	}
	_, ok := q.form[name]
	return ok
}

// str returns a scalar argument as a string ("" when absent or null).
func (q *apiRequest) str(name string) string {
	if raw, ok := q.json[name]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		t := string(bytes.TrimSpace(raw))
		if t == "null" {
			return ""
		}
		return t
	}
	return q.form.Get(name)
}

// raw returns an argument that holds JSON (blocks, view, metadata): sent as
// a JSON value, or as a string containing JSON (form bodies always do so).
// It returns nil when the argument is absent or empty, and ok=false when it
// is not valid JSON.
func (q *apiRequest) raw(name string) (json.RawMessage, bool) {
	if raw, ok := q.json[name]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return jsonFromString(s)
		}
		if string(bytes.TrimSpace(raw)) == "null" {
			return nil, true
		}
		return raw, true
	}
	if _, ok := q.form[name]; !ok {
		return nil, true
	}
	return jsonFromString(q.form.Get(name))
}

func jsonFromString(s string) (json.RawMessage, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	if !json.Valid([]byte(s)) {
		return nil, false
	}
	return json.RawMessage(s), true
}

// boolean returns a boolean argument ("true", "1" or JSON true).
func (q *apiRequest) boolean(name string) bool {
	switch strings.ToLower(q.str(name)) {
	case "true", "1", "yes":
		return true
	}
	return false
}

// integer returns a numeric argument, or def when absent or invalid.
func (q *apiRequest) integer(name string, def int) int {
	v := q.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

func (s *Server) apiAuthTest(q *apiRequest) apiReply {
	s.mu.Lock()
	bot := s.dir.users[s.cfg.BotUserID]
	s.mu.Unlock()
	return okReply(map[string]any{
		"url":                   q.base + "/",
		"team":                  teamName,
		"user":                  bot.Name,
		"team_id":               s.cfg.TeamID,
		"user_id":               s.cfg.BotUserID,
		"bot_id":                s.cfg.BotID,
		"is_enterprise_install": false,
	})
}

// teamJSON is the "team" object of interaction payloads.
func (s *Server) teamJSON() map[string]any {
	return map[string]any{"id": s.cfg.TeamID, "domain": teamDomain}
}

// userRefJSON is the short "user" object of interaction payloads.
func (s *Server) userRefJSON(u User) map[string]any {
	return map[string]any{"id": u.ID, "username": u.Name, "name": u.Name, "team_id": s.cfg.TeamID}
}

// messageJSONLocked renders a stored message as the Web API and interaction
// payloads show it.
func (s *Server) messageJSONLocked(m *message, withMetadata bool) map[string]any {
	out := map[string]any{
		"type": "message",
		"ts":   m.ts,
		"text": m.text,
		"user": m.user,
		"team": s.cfg.TeamID,
	}
	if len(m.blocks) > 0 {
		out["blocks"] = m.blocks
	}
	if m.botID != "" {
		bot := s.dir.users[m.user]
		out["bot_id"] = m.botID
		out["app_id"] = s.cfg.AppID
		out["bot_profile"] = map[string]any{
			"id":      m.botID,
			"app_id":  s.cfg.AppID,
			"name":    bot.Name,
			"deleted": false,
			"team_id": s.cfg.TeamID,
			"updated": int64(1700000000),
			"icons":   map[string]any{"image_36": "", "image_48": "", "image_72": ""},
		}
	}
	if m.threadTS != "" {
		out["thread_ts"] = m.threadTS
	}
	if m.threadTS == m.ts && m.replyCount > 0 {
		out["reply_count"] = m.replyCount
		out["reply_users_count"] = len(m.replyUsers)
		out["reply_users"] = slices.Clone(m.replyUsers)
		out["latest_reply"] = m.latestReply
		out["is_locked"] = false
		out["subscribed"] = false
	}
	if m.threadTS != "" && m.threadTS != m.ts {
		if c := s.dir.channels[m.channel]; c != nil {
			if p := c.byTS[m.threadTS]; p != nil {
				out["parent_user_id"] = p.user
			}
		}
	}
	if m.broadcast {
		out["subtype"] = "thread_broadcast"
	}
	if m.edited {
		out["edited"] = map[string]any{"user": m.editedBy, "ts": m.editedTS}
	}
	if withMetadata && m.metadata != nil {
		out["metadata"] = m.metadata
	}
	return out
}

// parseMetadata validates the "metadata" argument; an empty event_type means
// no metadata (slack-go always sends the field on response_url posts).
func parseMetadata(raw json.RawMessage) (*Metadata, bool) {
	if len(raw) == 0 {
		return nil, true
	}
	var md Metadata
	if err := json.Unmarshal(raw, &md); err != nil {
		return nil, false
	}
	if md.EventType == "" {
		return nil, true
	}
	return &md, true
}
