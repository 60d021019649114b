package slackemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
)

// views.* methods and the per-user stacks of open modals.

// View is an open modal in a user's stack.
type View struct {
	ID              string
	ExternalID      string
	Hash            string
	CallbackID      string
	PrivateMetadata string
	Title           string // the title's text
	Blocks          json.RawMessage
	// Errors holds the errors of the last response_action "errors", keyed
	// by block_id; nil when there are none.
	Errors         map[string]string
	NotifyOnClose  bool
	ClearOnClose   bool
	RootViewID     string
	PreviousViewID string
}

const maxViewStack = 3

type viewState struct {
	id              string
	userID          string
	externalID      string
	hash            string
	title           json.RawMessage
	submit          json.RawMessage
	closeButton     json.RawMessage
	blocks          json.RawMessage
	privateMetadata string
	callbackID      string
	clearOnClose    bool
	notifyOnClose   bool
	rootID          string
	previousID      string
	errors          map[string]string
}

type viewStore struct {
	stacks map[string][]*viewState // user ID → bottom..top
}

func newViewStore() viewStore {
	return viewStore{stacks: make(map[string][]*viewState)}
}

// find returns the open view with id and its position in its user's stack.
func (vs *viewStore) find(id string) (*viewState, int) {
	for _, stack := range vs.stacks {
		for i, v := range stack {
			if v.id == id {
				return v, i
			}
		}
	}
	return nil, -1
}

func (vs *viewStore) findExternal(ext string) *viewState {
	if ext == "" {
		return nil
	}
	for _, stack := range vs.stacks {
		for _, v := range stack {
			if v.externalID == ext {
				return v
			}
		}
	}
	return nil
}

// truncate closes the view at idx of userID's stack and every view above it.
func (vs *viewStore) truncate(userID string, idx int) {
	stack := vs.stacks[userID]
	if idx <= 0 {
		delete(vs.stacks, userID)
		return
	}
	vs.stacks[userID] = stack[:idx]
}

// viewRequest is a view payload as apps send it.
type viewRequest struct {
	Type            string          `json:"type"`
	Title           json.RawMessage `json:"title"`
	Submit          json.RawMessage `json:"submit"`
	Close           json.RawMessage `json:"close"`
	Blocks          json.RawMessage `json:"blocks"`
	PrivateMetadata string          `json:"private_metadata"`
	CallbackID      string          `json:"callback_id"`
	ClearOnClose    bool            `json:"clear_on_close"`
	NotifyOnClose   bool            `json:"notify_on_close"`
	ExternalID      string          `json:"external_id"`
}

// parseView validates a modal view payload. It returns the Slack error
// message explaining why it is invalid, or "".
func parseView(raw json.RawMessage) (*viewState, string) {
	if len(raw) == 0 {
		return nil, "missing required field: view"
	}
	var req viewRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		return nil, "invalid `view`: " + err.Error()
	}
	if req.Type != "modal" {
		return nil, fmt.Sprintf("unsupported view type %q (slackemu emulates modals)", req.Type)
	}
	if isNullJSON(req.Title) {
		return nil, "missing required field: title"
	}
	blocks, ok := normalizeBlocks(req.Blocks)
	if !ok {
		return nil, "invalid `blocks`"
	}
	return &viewState{
		externalID:      req.ExternalID,
		title:           req.Title,
		submit:          nullToNil(req.Submit),
		closeButton:     nullToNil(req.Close),
		blocks:          blocks,
		privateMetadata: req.PrivateMetadata,
		callbackID:      req.CallbackID,
		clearOnClose:    req.ClearOnClose,
		notifyOnClose:   req.NotifyOnClose,
	}, ""
}

func isNullJSON(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

func nullToNil(raw json.RawMessage) json.RawMessage {
	if isNullJSON(raw) {
		return nil
	}
	return raw
}

func invalidArguments(msg string) apiReply {
	rep := errReply("invalid_arguments")
	rep.body["response_metadata"] = map[string]any{"messages": []string{"[ERROR] " + msg}}
	return rep
}

// newViewHash returns a view hash of Slack's "1569262015.55b5e41b" form.
func (s *Server) newViewHash() string {
	return fmt.Sprintf("%d.%s", s.now().Unix(), randomHex(4))
}

// setContent copies a parsed payload's content into v and gives it a new
// hash, keeping v's identity (id, user, stack links).
func (s *Server) setViewContent(v, from *viewState) {
	if from.externalID != "" {
		v.externalID = from.externalID
	}
	v.title = from.title
	v.submit = from.submit
	v.closeButton = from.closeButton
	v.blocks = from.blocks
	v.privateMetadata = from.privateMetadata
	v.callbackID = from.callbackID
	v.clearOnClose = from.clearOnClose
	v.notifyOnClose = from.notifyOnClose
	v.errors = nil
	v.hash = s.newViewHash()
}

// openViewLocked makes v the only view of userID's stack.
func (s *Server) openViewLocked(userID string, v *viewState) {
	v.id = randomID("V", 10)
	v.userID = userID
	v.rootID = v.id
	v.previousID = ""
	v.hash = s.newViewHash()
	s.views.stacks[userID] = []*viewState{v}
	s.bumpLocked()
}

// pushViewLocked puts v on top of userID's stack.
func (s *Server) pushViewLocked(userID string, v *viewState) {
	stack := s.views.stacks[userID]
	top := stack[len(stack)-1]
	v.id = randomID("V", 10)
	v.userID = userID
	v.rootID = stack[0].id
	v.previousID = top.id
	v.hash = s.newViewHash()
	s.views.stacks[userID] = append(stack, v)
	s.bumpLocked()
}

// viewJSONLocked renders a view as views.* responses and interaction
// payloads show it; state is its state.values (nil for none).
func (s *Server) viewJSONLocked(v *viewState, state map[string]map[string]any) map[string]any {
	if state == nil {
		state = map[string]map[string]any{}
	}
	var blocks any = json.RawMessage("[]")
	if len(v.blocks) > 0 {
		blocks = v.blocks
	}
	var previous any
	if v.previousID != "" {
		previous = v.previousID
	}
	rawOrNil := func(r json.RawMessage) any {
		if r == nil {
			return nil
		}
		return r
	}
	return map[string]any{
		"id":                    v.id,
		"team_id":               s.cfg.TeamID,
		"type":                  "modal",
		"title":                 rawOrNil(v.title),
		"submit":                rawOrNil(v.submit),
		"close":                 rawOrNil(v.closeButton),
		"blocks":                blocks,
		"private_metadata":      v.privateMetadata,
		"callback_id":           v.callbackID,
		"state":                 map[string]any{"values": state},
		"hash":                  v.hash,
		"clear_on_close":        v.clearOnClose,
		"notify_on_close":       v.notifyOnClose,
		"root_view_id":          v.rootID,
		"previous_view_id":      previous,
		"app_id":                s.cfg.AppID,
		"external_id":           v.externalID,
		"app_installed_team_id": s.cfg.TeamID,
		"bot_id":                s.cfg.BotID,
	}
}

func (v *viewState) export() View {
	var title struct {
		Text string `json:"text"`
	}
	_ = json.Unmarshal(v.title, &title)
	return View{
		ID:              v.id,
		ExternalID:      v.externalID,
		Hash:            v.hash,
		CallbackID:      v.callbackID,
		PrivateMetadata: v.privateMetadata,
		Title:           title.Text,
		Blocks:          bytes.Clone(v.blocks),
		Errors:          maps.Clone(v.errors),
		NotifyOnClose:   v.notifyOnClose,
		ClearOnClose:    v.clearOnClose,
		RootViewID:      v.rootID,
		PreviousViewID:  v.previousID,
	}
}

// Views returns userID's stack of open modals, bottom (root) first.
func (s *Server) Views(userID string) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	stack := s.views.stacks[userID]
	out := make([]View, 0, len(stack))
	for _, v := range stack {
		out = append(out, v.export())
	}
	return out
}

// viewArgs reads the trigger and view arguments of views.open/views.push.
func (s *Server) viewArgs(q *apiRequest) (trigger string, v *viewState, rep *apiReply) {
	trigger = q.str("trigger_id")
	if trigger == "" {
		trigger = q.str("interactivity_pointer")
	}
	if trigger == "" {
		r := invalidArguments("missing required field: trigger_id")
		return "", nil, &r
	}
	raw, ok := q.raw("view")
	if !ok {
		r := invalidArguments("invalid `view`: not JSON")
		return "", nil, &r
	}
	v, msg := parseView(raw)
	if msg != "" {
		r := invalidArguments(msg)
		return "", nil, &r
	}
	return trigger, v, nil
}

func (s *Server) apiViewsOpen(q *apiRequest) apiReply {
	trigger, v, rep := s.viewArgs(q)
	if rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.views.findExternal(v.externalID) != nil {
		return errReply("duplicate_external_id")
	}
	userID, code := s.exchangeTriggerLocked(trigger)
	if code != "" {
		return errReply(code)
	}
	s.openViewLocked(userID, v)
	return okReply(map[string]any{"view": s.viewJSONLocked(v, nil)})
}

func (s *Server) apiViewsPush(q *apiRequest) apiReply {
	trigger, v, rep := s.viewArgs(q)
	if rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.views.findExternal(v.externalID) != nil {
		return errReply("duplicate_external_id")
	}
	userID, code := s.exchangeTriggerLocked(trigger)
	if code != "" {
		return errReply(code)
	}
	switch n := len(s.views.stacks[userID]); {
	case n == 0:
		return errReply("not_found")
	case n >= maxViewStack:
		return errReply("push_limit_reached")
	}
	s.pushViewLocked(userID, v)
	return okReply(map[string]any{"view": s.viewJSONLocked(v, nil)})
}

func (s *Server) apiViewsUpdate(q *apiRequest) apiReply {
	raw, ok := q.raw("view")
	if !ok {
		return invalidArguments("invalid `view`: not JSON")
	}
	nv, msg := parseView(raw)
	if msg != "" {
		return invalidArguments(msg)
	}
	viewID, extID := q.str("view_id"), q.str("external_id")
	if viewID == "" && extID == "" {
		return invalidArguments("missing required field: view_id or external_id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var v *viewState
	if viewID != "" {
		v, _ = s.views.find(viewID)
	} else {
		v = s.views.findExternal(extID)
	}
	if v == nil {
		return errReply("not_found")
	}
	if h := q.str("hash"); h != "" && h != v.hash {
		return errReply("hash_conflict")
	}
	if other := s.views.findExternal(nv.externalID); other != nil && other != v {
		return errReply("duplicate_external_id")
	}
	s.setViewContent(v, nv)
	s.bumpLocked()
	return okReply(map[string]any{"view": s.viewJSONLocked(v, nil)})
}

// applyViewResponseLocked applies the ack payload of a view_submission for
// view v (response_action errors, update, push, clear, or none).
func (s *Server) applyViewResponseLocked(v *viewState, payload json.RawMessage) error {
	cur, idx := s.views.find(v.id)
	if cur == nil {
		return nil // closed meanwhile
	}
	var resp struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
		View           json.RawMessage   `json:"view"`
	}
	if !isNullJSON(payload) {
		if err := json.Unmarshal(payload, &resp); err != nil {
			return fmt.Errorf("slackemu: view_submission ack payload is not a response object: %w", err)
		}
	}
	defer s.bumpLocked()
	// Errors shown for a previous submission go away with this one.
	cur.errors = nil
	switch resp.ResponseAction {
	case "errors":
		cur.errors = maps.Clone(resp.Errors)
		return nil
	case "update":
		nv, msg := parseView(resp.View)
		if msg != "" {
			return fmt.Errorf("slackemu: response_action update: %s", msg)
		}
		s.setViewContent(cur, nv)
		return nil
	case "push":
		nv, msg := parseView(resp.View)
		if msg != "" {
			return fmt.Errorf("slackemu: response_action push: %s", msg)
		}
		s.views.truncate(cur.userID, idx+1)
		if len(s.views.stacks[cur.userID]) >= maxViewStack {
			return fmt.Errorf("slackemu: response_action push: push_limit_reached")
		}
		s.pushViewLocked(cur.userID, nv)
		return nil
	case "clear":
		delete(s.views.stacks, cur.userID)
		return nil
	case "":
		s.views.truncate(cur.userID, idx)
		return nil
	default:
		return fmt.Errorf("slackemu: unknown response_action %q", resp.ResponseAction)
	}
}
