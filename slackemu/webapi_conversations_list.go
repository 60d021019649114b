package slackemu

import (
	"slices"
	"strings"
)

// conversations.list: the channels the bot can see (every public channel,
// and the private ones it is in), filtered by type, paged by cursor.

const maxListLimit = 1000

func (s *Server) apiConversationsList(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	types := []string{"public_channel"}
	if v := q.str("types"); v != "" {
		types = strings.Split(v, ",")
	}
	for i, t := range types {
		types[i] = strings.TrimSpace(t)
		switch types[i] {
		case "public_channel", "private_channel", "im", "mpim":
		default:
			return errReply("invalid_types")
		}
	}
	var visible []*channelState
	for _, id := range s.dir.chanOrder {
		c := s.dir.channels[id]
		switch {
		case c.private && (!slices.Contains(types, "private_channel") || !c.isMember(s.cfg.BotUserID)):
		case !c.private && !slices.Contains(types, "public_channel"):
		default:
			visible = append(visible, c)
		}
	}
	limit := clampLimit(q.integer("limit", defaultPageLimit), maxListLimit)
	start := 0
	if cur := q.str("cursor"); cur != "" {
		id, ok := decodeCursor("channel:", cur)
		if !ok {
			return errReply("invalid_cursor")
		}
		start = slices.IndexFunc(visible, func(c *channelState) bool { return c.id == id })
		if start < 0 {
			return errReply("invalid_cursor")
		}
	}
	end := min(start+limit, len(visible))
	channels := make([]map[string]any, 0, end-start)
	for _, c := range visible[start:end] {
		channels = append(channels, s.channelJSONLocked(c, true))
	}
	next := ""
	if end < len(visible) {
		next = encodeCursor("channel:", visible[end].id)
	}
	return okReply(map[string]any{
		"channels":          channels,
		"response_metadata": map[string]any{"next_cursor": next},
	})
}
