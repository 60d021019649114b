package slackemu

import "strings"

// Direct messages from the app: chat.postMessage with a user's ID as the
// channel posts in the app's direct messages with that user (its "D…"
// channel), as Slack does. They are not listed among the channels.

// directChannelLocked returns the app's direct message channel with a
// human user, opened on first use; nil when userID names no such user.
func (s *Server) directChannelLocked(userID string) *channelState {
	u, ok := s.dir.users[userID]
	if !ok || u.IsBot || userID == s.cfg.BotUserID {
		return nil
	}
	id := "D" + strings.TrimLeft(userID, "UW")
	c, ok := s.dir.channels[id]
	if !ok {
		c = &channelState{id: id, members: []string{s.cfg.BotUserID, userID}, private: true, created: s.now().Unix(), byTS: make(map[string]*message)}
		s.dir.channels[id] = c
	}
	return c
}

// DirectMessages returns the app's messages to a user in their direct
// messages, oldest first.
func (s *Server) DirectMessages(userID string) []Message {
	return s.Messages("D" + strings.TrimLeft(userID, "UW"))
}
