package slackemu

import "strings"

// apiUsersLookupByEmail answers users.lookupByEmail: the human user whose
// profile has the address (compared without regard to case), else
// users_not_found, as Slack answers for an address nobody in the workspace
// has.
func (s *Server) apiUsersLookupByEmail(q *apiRequest) apiReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	email := q.str("email")
	for _, id := range s.dir.userOrder {
		u := s.dir.users[id]
		if email != "" && !u.IsBot && strings.EqualFold(u.Email, email) {
			return okReply(map[string]any{"user": s.userJSONLocked(u)})
		}
	}
	return errReply("users_not_found")
}
