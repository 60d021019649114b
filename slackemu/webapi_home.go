package slackemu

import (
	"context"
	"encoding/json"
	"fmt"
)

// The App Home: views.publish, the home view each user was last given,
// app_home_opened and clicks in a home view.

// maxHomeBlocks is what a home view may hold.
const maxHomeBlocks = 100

// HomeView is the home view published for a user.
type HomeView struct {
	ID         string
	Hash       string
	CallbackID string
	Blocks     json.RawMessage
	// Publishes counts the views.publish calls that set it.
	Publishes int
}

// apiViewsPublish is views.publish: a home view for user_id, replacing the
// one before; hash, when given, must be the current view's.
func (s *Server) apiViewsPublish(q *apiRequest) apiReply {
	userID := q.str("user_id")
	if userID == "" {
		return invalidArguments("missing required field: user_id")
	}
	raw, ok := q.raw("view")
	if !ok || len(raw) == 0 {
		return invalidArguments("missing required field: view")
	}
	var req viewRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		return invalidArguments("invalid `view`: " + err.Error())
	}
	if req.Type != "home" {
		return invalidArguments(fmt.Sprintf("views.publish takes a home view, not %q", req.Type))
	}
	blocks, err := decodeBlocks(req.Blocks)
	if err != nil || len(blocks) > maxHomeBlocks || !allWithinLimits(blocks) {
		return invalidArguments("invalid `view`: blocks past Block Kit's limits (at most 100 in a home view)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.dir.users[userID]; !ok {
		return errReply("user_not_found")
	}
	if s.homes == nil {
		s.homes = make(map[string]*HomeView)
	}
	h := s.homes[userID]
	if h == nil {
		h = &HomeView{ID: randomID("V", 10)}
		s.homes[userID] = h
	}
	if hash := q.str("hash"); hash != "" && hash != h.Hash {
		return errReply("hash_conflict")
	}
	h.Hash, h.CallbackID, h.Blocks = s.newViewHash(), req.CallbackID, req.Blocks
	h.Publishes++
	s.bumpLocked()
	return okReply(map[string]any{"view": s.homeJSONLocked(h)})
}

// allWithinLimits tells whether each block keeps Block Kit's limits.
func allWithinLimits(blocks []map[string]any) bool {
	for _, b := range blocks {
		if !blockWithinLimits(b) {
			return false
		}
	}
	return true
}

// homeJSONLocked renders a home view as Slack shows it in payloads.
func (s *Server) homeJSONLocked(h *HomeView) map[string]any {
	var blocks any = json.RawMessage("[]")
	if len(h.Blocks) > 0 {
		blocks = h.Blocks
	}
	return map[string]any{
		"id": h.ID, "team_id": s.cfg.TeamID, "type": "home", "blocks": blocks, "callback_id": h.CallbackID,
		"hash": h.Hash, "state": map[string]any{"values": map[string]any{}}, "app_id": s.cfg.AppID, "bot_id": s.cfg.BotID,
		"private_metadata": "", "external_id": "",
	}
}

// Home returns the home view last published for userID; false when none
// was.
func (s *Server) Home(userID string) (HomeView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.homes[userID]
	if !ok {
		return HomeView{}, false
	}
	return *h, true
}

// OpenHome opens the app's Home tab as userID, delivering app_home_opened
// (with the view published for them, if any) and returning once it is
// acked.
func (s *Server) OpenHome(ctx context.Context, userID string) (Ack, error) {
	s.mu.Lock()
	_, known := s.dir.users[userID]
	ev := map[string]any{"type": "app_home_opened", "user": userID, "channel": "D" + userID, "tab": "home"}
	if h, ok := s.homes[userID]; ok {
		ev["view"] = s.homeJSONLocked(h)
	}
	s.mu.Unlock()
	if !known {
		return Ack{}, fmt.Errorf("slackemu: unknown user %q", userID)
	}
	return s.SendEvent(ctx, ev)
}

// ClickHomeButton clicks, as userID, the button with actionID and value in
// the home view published for them, delivering block_actions from a view
// container (no channel, no response_url), as Slack does.
func (s *Server) ClickHomeButton(ctx context.Context, userID, actionID, value string) (Ack, error) {
	s.mu.Lock()
	u, _, err := s.actorLocked(userID, "")
	h, ok := s.homes[userID]
	if err != nil || !ok {
		s.mu.Unlock()
		if err == nil {
			err = fmt.Errorf("slackemu: no home view published for %q", userID)
		}
		return Ack{}, err
	}
	blocks, err := decodeBlocks(h.Blocks)
	if err != nil {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slackemu: the home view of %s has unreadable blocks: %w", userID, err)
	}
	var action map[string]any
	for _, b := range blocks {
		for _, el := range blockElements(b) {
			if el["action_id"] == actionID && el["value"] == value && elementType(el) == "button" {
				blockID, _ := b["block_id"].(string)
				action = map[string]any{"type": "button", "text": el["text"], "value": value, "action_id": actionID,
					"block_id": blockID, "action_ts": s.actionTSLocked()}
			}
		}
	}
	if action == nil {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slackemu: the home view of %s has no button %q with value %q", userID, actionID, value)
	}
	payload := map[string]any{
		"type": "block_actions", "user": s.userRefJSON(u), "api_app_id": s.cfg.AppID, "token": verificationToken,
		"container": map[string]any{"type": "view", "view_id": h.ID}, "team": s.teamJSON(), "enterprise": nil,
		"is_enterprise_install": false, "view": s.homeJSONLocked(h), "actions": []any{action},
	}
	s.mu.Unlock()
	return s.deliverInteraction(ctx, payload, nil, false)
}
