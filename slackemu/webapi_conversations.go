package slackemu

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
)

// conversations.* methods.

const (
	defaultPageLimit = 100
	maxMembersLimit  = 1000
	maxHistoryLimit  = 999
)

func encodeCursor(prefix, value string) string {
	return base64.StdEncoding.EncodeToString([]byte(prefix + value))
}

// decodeCursor returns the value of a cursor made by encodeCursor with the
// same prefix; ok is false for a malformed cursor.
func decodeCursor(prefix, cursor string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(cursor)
	if err != nil {
		return "", false
	}
	v, found := strings.CutPrefix(string(b), prefix)
	return v, found && v != ""
}

func clampLimit(n, max int) int {
	if n <= 0 {
		return defaultPageLimit
	}
	return min(n, max)
}

func (s *Server) apiConversationsMembers(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.visibleChannelLocked(q.str("channel"))
	if c == nil {
		return errReply("channel_not_found")
	}
	limit := clampLimit(q.integer("limit", defaultPageLimit), maxMembersLimit)
	start := 0
	if cur := q.str("cursor"); cur != "" {
		id, ok := decodeCursor("user:", cur)
		if !ok {
			return errReply("invalid_cursor")
		}
		start = slices.Index(c.members, id)
		if start < 0 {
			return errReply("invalid_cursor")
		}
	}
	end := min(start+limit, len(c.members))
	next := ""
	if end < len(c.members) {
		next = encodeCursor("user:", c.members[end])
	}
	return okReply(map[string]any{
		"members":           slices.Clone(c.members[start:end]),
		"response_metadata": map[string]any{"next_cursor": next},
	})
}

// channelJSONLocked renders a channel as conversations.info shows it.
func (s *Server) channelJSONLocked(c *channelState, withNumMembers bool) map[string]any {
	creator := ""
	if len(c.members) > 0 {
		creator = c.members[0]
	}
	out := map[string]any{
		"id":                    c.id,
		"name":                  c.name,
		"name_normalized":       c.name,
		"is_channel":            true,
		"is_group":              false,
		"is_im":                 false,
		"is_mpim":               false,
		"is_private":            c.private,
		"created":               c.created,
		"creator":               creator,
		"is_archived":           false,
		"is_general":            false,
		"unlinked":              0,
		"is_shared":             false,
		"is_org_shared":         false,
		"is_ext_shared":         false,
		"is_pending_ext_shared": false,
		"pending_shared":        []string{},
		"context_team_id":       s.cfg.TeamID,
		"shared_team_ids":       []string{s.cfg.TeamID},
		"parent_conversation":   nil,
		"is_member":             c.isMember(s.cfg.BotUserID),
		"previous_names":        []string{},
		"topic":                 map[string]any{"value": "", "creator": "", "last_set": 0},
		"purpose":               map[string]any{"value": "", "creator": "", "last_set": 0},
	}
	if withNumMembers {
		out["num_members"] = len(c.members)
	}
	return out
}

func (s *Server) apiConversationsInfo(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.visibleChannelLocked(q.str("channel"))
	if c == nil {
		return errReply("channel_not_found")
	}
	ch := s.channelJSONLocked(c, q.boolean("include_num_members"))
	if q.boolean("include_locale") {
		ch["locale"] = "en-US"
	}
	return okReply(map[string]any{"channel": ch})
}

func (s *Server) apiConversationsHistory(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, code := s.botChannelLocked(q.str("channel"))
	if code != "" {
		return errReply(code)
	}
	limit := clampLimit(q.integer("limit", defaultPageLimit), maxHistoryLimit)
	inclusive := q.boolean("inclusive")
	var oldest, latest int64 = -1, -1
	if v := q.str("oldest"); v != "" {
		if t, ok := parseTS(v); ok {
			oldest = t
		}
	}
	if v := q.str("latest"); v != "" {
		if t, ok := parseTS(v); ok {
			latest = t
		}
	}
	var cursorTS int64 = -1
	if cur := q.str("cursor"); cur != "" {
		v, ok := decodeCursor("next_ts:", cur)
		if !ok {
			return errReply("invalid_cursor")
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return errReply("invalid_cursor")
		}
		cursorTS = n
	}
	withMetadata := q.boolean("include_all_metadata")

	// Newest first.
	var matched []*message
	for i := len(c.messages) - 1; i >= 0; i-- {
		m := c.messages[i]
		if !m.isTopLevel() {
			continue
		}
		t, _ := parseTS(m.ts)
		if latest >= 0 && (t > latest || (t == latest && !inclusive)) {
			continue
		}
		if oldest >= 0 && (t < oldest || (t == oldest && !inclusive)) {
			continue
		}
		if cursorTS >= 0 && t > cursorTS {
			continue
		}
		matched = append(matched, m)
	}
	page := matched[:min(limit, len(matched))]
	msgs := make([]map[string]any, 0, len(page))
	for _, m := range page {
		msgs = append(msgs, s.messageJSONLocked(m, withMetadata))
	}
	hasMore := len(matched) > len(page)
	body := map[string]any{
		"messages":              msgs,
		"has_more":              hasMore,
		"pin_count":             0,
		"channel_actions_ts":    nil,
		"channel_actions_count": 0,
	}
	if hasMore {
		t, _ := parseTS(matched[len(page)].ts)
		body["response_metadata"] = map[string]any{"next_cursor": encodeCursor("next_ts:", formatTSCompact(t))}
	}
	return okReply(body)
}

// formatTSCompact renders microseconds as the digits-only form Slack uses
// inside history cursors.
func formatTSCompact(micros int64) string {
	return strings.Replace(formatTS(micros), ".", "", 1)
}
