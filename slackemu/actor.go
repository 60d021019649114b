package slackemu

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// The actor API: acting as a workspace user, each method builds the payload
// Slack would send, delivers it over Socket Mode, waits for the ack and
// applies what the ack asks for.

// verificationToken is the deprecated verification token carried in
// payloads.
const verificationToken = "emu-verification-token"

// actionTSLocked returns an action_ts (same form as message timestamps).
func (s *Server) actionTSLocked() string { return s.newTSLocked() }

func (s *Server) actorLocked(userID, channelID string) (User, *channelState, error) {
	u, ok := s.dir.users[userID]
	if !ok {
		return User{}, nil, fmt.Errorf("slackemu: unknown user %q", userID)
	}
	if channelID == "" {
		return u, nil, nil
	}
	c := s.dir.channels[channelID]
	if c == nil {
		return User{}, nil, fmt.Errorf("slackemu: unknown channel %q", channelID)
	}
	return u, c, nil
}

// SlashCommand runs command (e.g. "/armistice") with text as userID in
// channelID. A message in the ack payload is shown to the user as an
// ephemeral (or posted to the channel for response_type "in_channel").
func (s *Server) SlashCommand(ctx context.Context, userID, channelID, command, text string) (Ack, error) {
	s.mu.Lock()
	u, c, err := s.actorLocked(userID, channelID)
	var chName string
	if c != nil {
		chName = c.name
	}
	s.mu.Unlock()
	if err != nil {
		return Ack{}, err
	}
	build := func(base string) (json.RawMessage, error) {
		s.mu.Lock()
		trigger := s.newTriggerLocked(userID)
		ru := s.newResponseURLLocked(base, "commands", responseURL{channel: channelID, user: userID})
		s.mu.Unlock()
		return json.Marshal(map[string]any{
			"token":                 verificationToken,
			"team_id":               s.cfg.TeamID,
			"team_domain":           teamDomain,
			"channel_id":            channelID,
			"channel_name":          chName,
			"user_id":               u.ID,
			"user_name":             u.Name,
			"command":               command,
			"text":                  text,
			"api_app_id":            s.cfg.AppID,
			"is_enterprise_install": "false",
			"response_url":          ru,
			"trigger_id":            trigger,
		})
	}
	ack, err := s.deliver(ctx, delivery{kind: envelopeSlashCommands, accepts: true, build: build})
	if err != nil {
		return ack, err
	}
	return ack, s.applyCommandAck(channelID, userID, ack.Payload)
}

// applyCommandAck shows the message of a slash command's ack payload.
func (s *Server) applyCommandAck(channelID, userID string, payload json.RawMessage) error {
	if isNullJSON(payload) {
		return nil
	}
	var msg responseMessage
	if err := json.Unmarshal(payload, &msg); err != nil {
		return fmt.Errorf("slackemu: slash command ack payload is not a message: %w", err)
	}
	blocks, ok := normalizeBlocks(nullToNil(msg.Blocks))
	if !ok {
		return fmt.Errorf("slackemu: slash command ack payload has invalid blocks")
	}
	if msg.Text == "" && len(blocks) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.dir.channels[channelID]
	if msg.ResponseType == "in_channel" {
		s.postLocked(c, s.cfg.BotUserID, msg.Text, blocks, nil, "", false)
		return nil
	}
	s.addEphemeralLocked(Ephemeral{Channel: channelID, User: userID, Text: msg.Text, Blocks: blocks, Source: SourceCommandAck})
	return nil
}

// interactionSource is the message an interaction happens on: a channel
// message or reply, or one of the user's ephemeral messages.
type interactionSource struct {
	msg       *message // nil for ephemerals
	ts        string
	threadTS  string
	blocks    json.RawMessage
	ephemeral bool
}

func (s *Server) interactionSourceLocked(c *channelState, userID, ts string) (interactionSource, error) {
	if m := c.byTS[ts]; m != nil {
		return interactionSource{msg: m, ts: m.ts, threadTS: m.threadTS, blocks: m.blocks}, nil
	}
	if i := s.findEphemeralLocked(userID, ts); i >= 0 {
		e := s.dir.ephemerals[userID][i]
		if e.Channel == c.id {
			return interactionSource{ts: e.TS, threadTS: e.ThreadTS, blocks: e.Blocks, ephemeral: true}, nil
		}
	}
	return interactionSource{}, fmt.Errorf("slackemu: no message %s in channel %s visible to %s", ts, c.id, userID)
}

func (src interactionSource) container(channelID string) map[string]any {
	out := map[string]any{
		"type":         "message",
		"message_ts":   src.ts,
		"channel_id":   channelID,
		"is_ephemeral": src.ephemeral,
	}
	if src.threadTS != "" {
		out["thread_ts"] = src.threadTS
	}
	return out
}

// ClickButton clicks the button with actionID in the message at messageTS
// (a top-level message, a thread reply, or one of userID's ephemerals in
// channelID), delivering a block_actions payload with the button's value,
// block_id, the container, message, channel, response_url and trigger_id.
func (s *Server) ClickButton(ctx context.Context, userID, channelID, messageTS, actionID string) (Ack, error) {
	return s.blockAction(ctx, userID, channelID, messageTS, actionID, nil, true)
}

// SelectOption picks value in the select menu, overflow menu, radio
// buttons, checkboxes, date picker or other input element with actionID in
// a message, delivering a block_actions payload. value is an option value
// (or a user/channel ID, date, ...); multi-selects and checkboxes take a
// []string.
func (s *Server) SelectOption(ctx context.Context, userID, channelID, messageTS, actionID string, value any) (Ack, error) {
	return s.blockAction(ctx, userID, channelID, messageTS, actionID, value, false)
}

func (s *Server) blockAction(ctx context.Context, userID, channelID, messageTS, actionID string, value any, button bool) (Ack, error) {
	payload, target, err := s.prepareBlockAction(userID, channelID, messageTS, actionID, value, button)
	if err != nil {
		return Ack{}, err
	}
	return s.deliverInteraction(ctx, payload, target, false)
}

// prepareBlockAction builds a block_actions payload (without trigger_id and
// response_url, which are added at delivery) and its response_url target.
func (s *Server) prepareBlockAction(userID, channelID, messageTS, actionID string, value any, button bool) (map[string]any, *responseURL, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, c, err := s.actorLocked(userID, channelID)
	if err != nil {
		return nil, nil, err
	}
	src, err := s.interactionSourceLocked(c, userID, messageTS)
	if err != nil {
		return nil, nil, err
	}
	blocks, err := decodeBlocks(src.blocks)
	if err != nil {
		return nil, nil, fmt.Errorf("slackemu: message %s has unreadable blocks: %w", messageTS, err)
	}
	blockID, el, ok := findElement(blocks, actionID)
	if !ok {
		return nil, nil, fmt.Errorf("slackemu: message %s has no element with action_id %q", messageTS, actionID)
	}
	var action map[string]any
	inputs := map[string]any{}
	if button {
		if t := elementType(el); t != "button" {
			return nil, nil, fmt.Errorf("slackemu: element %q is a %s, not a button", actionID, t)
		}
		action = map[string]any{"type": "button", "text": el["text"]}
		for _, k := range []string{"value", "style", "url"} {
			if v, ok := el[k]; ok {
				action[k] = v
			}
		}
	} else {
		if action, err = elementValue(el, value); err != nil {
			return nil, nil, err
		}
		if initialValue(el) != nil {
			inputs[actionID] = value
		}
	}
	action["action_id"] = actionID
	action["block_id"] = blockID
	action["action_ts"] = s.actionTSLocked()
	state, err := buildState(blocks, inputs)
	if err != nil {
		return nil, nil, err
	}
	payload := map[string]any{
		"type":                  "block_actions",
		"user":                  s.userRefJSON(u),
		"api_app_id":            s.cfg.AppID,
		"token":                 verificationToken,
		"container":             src.container(c.id),
		"team":                  s.teamJSON(),
		"enterprise":            nil,
		"is_enterprise_install": false,
		"channel":               map[string]any{"id": c.id, "name": c.name},
		"state":                 map[string]any{"values": state},
		"actions":               []any{action},
	}
	if src.msg != nil {
		payload["message"] = s.messageJSONLocked(src.msg, false)
	}
	return payload, &responseURL{channel: c.id, user: userID, sourceTS: src.ts, sourceEphemeral: src.ephemeral}, nil
}

// deliverInteraction adds a fresh trigger_id (and a response_url when
// target is not nil) to an interactive payload and delivers it.
func (s *Server) deliverInteraction(ctx context.Context, payload map[string]any, target *responseURL, accepts bool) (Ack, error) {
	userID := payload["user"].(map[string]any)["id"].(string)
	build := func(base string) (json.RawMessage, error) {
		p := maps.Clone(payload)
		s.mu.Lock()
		p["trigger_id"] = s.newTriggerLocked(userID)
		if target != nil {
			p["response_url"] = s.newResponseURLLocked(base, "actions", *target)
		}
		s.mu.Unlock()
		return json.Marshal(p)
	}
	return s.deliver(ctx, delivery{kind: envelopeInteractive, accepts: accepts, build: build})
}

// MessageShortcut runs the message shortcut callbackID on the message at
// messageTS, delivering a message_action payload.
func (s *Server) MessageShortcut(ctx context.Context, userID, channelID, messageTS, callbackID string) (Ack, error) {
	s.mu.Lock()
	u, c, err := s.actorLocked(userID, channelID)
	if err != nil {
		s.mu.Unlock()
		return Ack{}, err
	}
	m := c.byTS[messageTS]
	if m == nil {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slackemu: no message %s in channel %s", messageTS, channelID)
	}
	payload := map[string]any{
		"type":                  "message_action",
		"token":                 verificationToken,
		"action_ts":             s.actionTSLocked(),
		"team":                  s.teamJSON(),
		"user":                  s.userRefJSON(u),
		"channel":               map[string]any{"id": c.id, "name": c.name},
		"is_enterprise_install": false,
		"enterprise":            nil,
		"callback_id":           callbackID,
		"message_ts":            m.ts,
		"message":               s.messageJSONLocked(m, false),
	}
	target := &responseURL{channel: c.id, user: userID, sourceTS: m.ts}
	s.mu.Unlock()
	return s.deliverInteraction(ctx, payload, target, false)
}

// SubmitView submits the modal viewID (the top of userID's stack). inputs
// are keyed by action_id; each value is rendered in view.state.values by
// element type: plain_text_input/number_input → value, static_select and
// radio_buttons → selected_option (matched by option value),
// multi_static_select and checkboxes → selected_options (a []string of
// values), users_select → selected_user, conversations_select →
// selected_conversation, channels_select → selected_channel, multi_*_select
// → selected_users/selected_conversations/selected_channels ([]string),
// datepicker → selected_date. Untouched elements report their initial
// values. After the ack the response_action is applied: errors (the view
// stays, with View.Errors set), update, push, clear, or none (the view is
// closed).
func (s *Server) SubmitView(ctx context.Context, userID, viewID string, inputs map[string]any) (Ack, error) {
	s.mu.Lock()
	u, v, err := s.topViewLocked(userID, viewID)
	if err != nil {
		s.mu.Unlock()
		return Ack{}, err
	}
	payload, err := s.submissionLocked(u, v, inputs)
	if err != nil {
		s.mu.Unlock()
		return Ack{}, err
	}
	s.mu.Unlock()
	ack, err := s.deliverInteraction(ctx, payload, nil, true)
	if err != nil {
		return ack, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return ack, s.applyViewResponseLocked(v, ack.Payload)
}

// topViewLocked finds viewID, which must be the top of userID's stack.
func (s *Server) topViewLocked(userID, viewID string) (User, *viewState, error) {
	u, _, err := s.actorLocked(userID, "")
	if err != nil {
		return User{}, nil, err
	}
	stack := s.views.stacks[userID]
	i := slices.IndexFunc(stack, func(v *viewState) bool { return v.id == viewID })
	if i < 0 {
		return User{}, nil, fmt.Errorf("slackemu: %s has no open view %s", userID, viewID)
	}
	if i != len(stack)-1 {
		return User{}, nil, fmt.Errorf("slackemu: view %s is not the top of %s's stack", viewID, userID)
	}
	return u, stack[i], nil
}

// CloseView closes the modal viewID (the top of userID's stack) as its
// Close button would: the whole stack when the view has clear_on_close,
// otherwise just this view. A view_closed payload is delivered only when the
// view has notify_on_close; otherwise the returned Ack is empty.
func (s *Server) CloseView(ctx context.Context, userID, viewID string) (Ack, error) {
	s.mu.Lock()
	u, v, err := s.topViewLocked(userID, viewID)
	if err != nil {
		s.mu.Unlock()
		return Ack{}, err
	}
	blocks, _ := decodeBlocks(v.blocks)
	state, _ := buildState(blocks, nil)
	viewJSON := s.viewJSONLocked(v, state)
	stack := s.views.stacks[userID]
	if v.clearOnClose {
		delete(s.views.stacks, userID)
	} else {
		s.views.truncate(userID, len(stack)-1)
	}
	s.bumpLocked()
	notify, cleared := v.notifyOnClose, v.clearOnClose
	s.mu.Unlock()
	if !notify {
		return Ack{}, nil
	}
	payload := map[string]any{
		"type":                  "view_closed",
		"team":                  s.teamJSON(),
		"user":                  s.userRefJSON(u),
		"api_app_id":            s.cfg.AppID,
		"token":                 verificationToken,
		"view":                  viewJSON,
		"is_cleared":            cleared,
		"is_enterprise_install": false,
		"enterprise":            nil,
	}
	build := func(string) (json.RawMessage, error) { return json.Marshal(payload) }
	return s.deliver(ctx, delivery{kind: envelopeInteractive, build: build})
}

// SendEvent delivers an Events API event (the inner event, with at least
// "type") wrapped in an event_callback. event_ts is added when missing. An
// event that is not acked in time is redelivered up to 3 times with
// retry_attempt 1..3 and retry_reason "timeout"; the Ack is that of the
// attempt that was acked.
func (s *Server) SendEvent(ctx context.Context, event map[string]any) (Ack, error) {
	if t, _ := event["type"].(string); t == "" {
		return Ack{}, fmt.Errorf("slackemu: event has no type")
	}
	ev := maps.Clone(event)
	s.mu.Lock()
	if _, ok := ev["event_ts"]; !ok {
		ev["event_ts"] = s.newTSLocked()
	}
	eventTime := s.now().Unix()
	s.mu.Unlock()
	payload, err := json.Marshal(map[string]any{
		"token":      verificationToken,
		"team_id":    s.cfg.TeamID,
		"api_app_id": s.cfg.AppID,
		"event":      ev,
		"type":       "event_callback",
		"event_id":   randomID("Ev", 10),
		"event_time": eventTime,
		"authorizations": []any{map[string]any{
			"enterprise_id":         nil,
			"team_id":               s.cfg.TeamID,
			"user_id":               s.cfg.BotUserID,
			"is_bot":                true,
			"is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
		"event_context":         "4-" + randomHex(20),
	})
	if err != nil {
		return Ack{}, err
	}
	build := func(string) (json.RawMessage, error) { return payload, nil }
	return s.deliver(ctx, delivery{kind: envelopeEventsAPI, maxRetries: maxEventRetries, build: build})
}

// JoinChannel adds userID to channelID and delivers the
// member_joined_channel event, returning once it is acked. The membership
// changes even when the event is not acked (then the error is
// ErrAckTimeout, after Slack's redeliveries). Joining a channel one is
// already in does nothing.
func (s *Server) JoinChannel(ctx context.Context, channelID, userID string) error {
	return s.changeMembership(ctx, channelID, userID, true)
}

// LeaveChannel removes userID from channelID and delivers the
// member_left_channel event. Leaving a channel one is not in does nothing.
func (s *Server) LeaveChannel(ctx context.Context, channelID, userID string) error {
	return s.changeMembership(ctx, channelID, userID, false)
}

func (s *Server) changeMembership(ctx context.Context, channelID, userID string, join bool) error {
	s.mu.Lock()
	_, c, err := s.actorLocked(userID, channelID)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	if c.isMember(userID) == join {
		s.mu.Unlock()
		return nil
	}
	evType := "member_left_channel"
	if join {
		evType = "member_joined_channel"
		c.members = append(c.members, userID)
	} else {
		c.members = slices.DeleteFunc(c.members, func(id string) bool { return id == userID })
	}
	s.bumpLocked()
	chType := c.channelType()
	s.mu.Unlock()
	_, err = s.SendEvent(ctx, map[string]any{
		"type":         evType,
		"user":         userID,
		"channel":      channelID,
		"channel_type": chType,
		"team":         s.cfg.TeamID,
	})
	return err
}

// submissionLocked builds the view_submission payload of view v with
// inputs, as user u sends it. The caller holds s.mu.
func (s *Server) submissionLocked(u User, v *viewState, inputs map[string]any) (map[string]any, error) {
	blocks, err := decodeBlocks(v.blocks)
	if err != nil {
		return nil, err
	}
	state, err := buildState(blocks, inputs)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"type":                  "view_submission",
		"team":                  s.teamJSON(),
		"user":                  s.userRefJSON(u),
		"api_app_id":            s.cfg.AppID,
		"token":                 verificationToken,
		"view":                  s.viewJSONLocked(v, state),
		"response_urls":         []any{},
		"is_enterprise_install": false,
		"enterprise":            nil,
	}, nil
}
