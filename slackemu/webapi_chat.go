package slackemu

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"
)

// chat.* methods.

// messageContent reads text, blocks and metadata arguments; code is a Slack
// error for malformed ones.
type messageContent struct {
	text        string
	blocks      json.RawMessage
	metadata    *Metadata
	hasText     bool
	hasBlocks   bool
	hasMetadata bool
	hasAttach   bool
}

func readMessageContent(q *apiRequest) (messageContent, string) {
	mc := messageContent{
		text:        q.str("text"),
		hasText:     q.has("text"),
		hasBlocks:   q.has("blocks"),
		hasMetadata: q.has("metadata"),
		hasAttach:   q.has("attachments"),
	}
	raw, ok := q.raw("blocks")
	if !ok {
		return mc, "invalid_blocks"
	}
	if mc.blocks, ok = normalizeBlocks(raw); !ok {
		return mc, "invalid_blocks"
	}
	if blocks, _ := decodeBlocks(mc.blocks); !withinLimits(blocks) {
		return mc, "invalid_blocks"
	}
	if utf8.RuneCountInString(mc.text) > maxMessageText {
		return mc, "msg_too_long"
	}
	mdRaw, ok := q.raw("metadata")
	if !ok {
		return mc, "invalid_metadata_format"
	}
	if mc.metadata, ok = parseMetadata(mdRaw); !ok {
		return mc, "invalid_metadata_format"
	}
	return mc, ""
}

func (mc messageContent) empty() bool {
	return mc.text == "" && len(mc.blocks) == 0 && !mc.hasAttach
}

// botChannelLocked resolves the channel argument for a method that needs
// the bot to be a member: private channels the bot is not in do not exist
// for it, public ones answer not_in_channel.
func (s *Server) botChannelLocked(arg string) (*channelState, string) {
	c := s.dir.channel(arg)
	if c == nil {
		return nil, "channel_not_found"
	}
	if !c.isMember(s.cfg.BotUserID) {
		if c.private {
			return nil, "channel_not_found"
		}
		return c, "not_in_channel"
	}
	return c, ""
}

// visibleChannelLocked resolves the channel argument for a method that only
// needs to see the channel: any public channel, or a private one the bot is in.
func (s *Server) visibleChannelLocked(arg string) *channelState {
	c := s.dir.channel(arg)
	if c == nil || (c.private && !c.isMember(s.cfg.BotUserID)) {
		return nil
	}
	return c
}

func (s *Server) apiPostMessage(q *apiRequest) apiReply {
	mc, code := readMessageContent(q)
	if code != "" {
		return errReply(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	chanArg := q.str("channel")
	if chanArg == "" {
		return errReply("channel_not_found")
	}
	if dm := s.directChannelLocked(chanArg); dm != nil {
		chanArg = dm.id
	}
	key := chanArg
	if c := s.dir.channel(chanArg); c != nil {
		key = c.id
	}
	if ok, wait := s.rate.take(key, s.now()); !ok {
		return apiReply{
			status:     http.StatusTooManyRequests,
			retryAfter: wait,
			body:       map[string]any{"ok": false, "error": "ratelimited"},
		}
	}
	c, code := s.botChannelLocked(chanArg)
	if code != "" {
		return errReply(code)
	}
	if mc.empty() {
		return errReply("no_text")
	}
	threadTS := c.threadParentTS(q.str("thread_ts"))
	m := s.postLocked(c, s.cfg.BotUserID, mc.text, mc.blocks, mc.metadata, threadTS, q.boolean("reply_broadcast"))
	return okReply(map[string]any{
		"channel": c.id,
		"ts":      m.ts,
		"message": s.messageJSONLocked(m, true),
	})
}

func (s *Server) apiUpdate(q *apiRequest) apiReply {
	mc, code := readMessageContent(q)
	if code != "" {
		return errReply(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.visibleChannelLocked(q.str("channel"))
	if c == nil {
		return errReply("channel_not_found")
	}
	m := c.byTS[q.str("ts")]
	if m == nil {
		return errReply("message_not_found")
	}
	if m.user != s.cfg.BotUserID {
		return errReply("cant_update_message")
	}
	if !mc.hasText && !mc.hasBlocks && !mc.hasAttach {
		return errReply("no_text")
	}
	if mc.hasText {
		m.text = mc.text
	}
	// Slack keeps the previous blocks when the argument is left out and
	// clears them for an empty array.
	if mc.hasBlocks {
		m.blocks = mc.blocks
	}
	if mc.hasMetadata {
		m.metadata = mc.metadata
	}
	m.edited = true
	m.editedBy = s.cfg.BotUserID
	m.editedTS = s.newTSLocked()
	s.bumpLocked()
	return okReply(map[string]any{
		"channel": c.id,
		"ts":      m.ts,
		"text":    m.text,
		"message": s.messageJSONLocked(m, true),
	})
}

func (s *Server) apiPostEphemeral(q *apiRequest) apiReply {
	mc, code := readMessageContent(q)
	if code != "" {
		return errReply(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, code := s.botChannelLocked(q.str("channel"))
	if code != "" {
		return errReply(code)
	}
	userID := q.str("user")
	if _, ok := s.dir.users[userID]; !ok {
		return errReply("user_not_found")
	}
	if !c.isMember(userID) {
		return errReply("user_not_in_channel")
	}
	if mc.empty() {
		return errReply("no_text")
	}
	ts := s.addEphemeralLocked(Ephemeral{
		Channel:  c.id,
		User:     userID,
		ThreadTS: c.threadParentTS(q.str("thread_ts")),
		Text:     mc.text,
		Blocks:   mc.blocks,
		Source:   SourcePostEphemeral,
	})
	return okReply(map[string]any{"message_ts": ts})
}

func (s *Server) apiGetPermalink(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.visibleChannelLocked(q.str("channel"))
	if c == nil {
		return errReply("channel_not_found")
	}
	m := c.byTS[q.str("message_ts")]
	if m == nil {
		return errReply("message_not_found")
	}
	link := q.base + "/archives/" + c.id + "/p" + strings.Replace(m.ts, ".", "", 1)
	if m.threadTS != "" && m.threadTS != m.ts {
		link += "?thread_ts=" + m.threadTS + "&cid=" + c.id
	}
	return okReply(map[string]any{"channel": c.id, "permalink": link})
}
