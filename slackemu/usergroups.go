package slackemu

import "slices"

// UserGroup is a Slack user group (an "S…" subteam, mentioned as
// @handle) and its members' user IDs.
type UserGroup struct {
	ID       string // empty in AddUserGroup: a new S… ID is given
	Handle   string
	Name     string
	Users    []string
	Disabled bool
}

// AddUserGroup adds a user group, or replaces the handle, name, members and
// state of the one with the same ID, and returns its ID.
func (s *Server) AddUserGroup(g UserGroup) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.ID == "" {
		g.ID = randomID("S", 10)
	}
	g.Users = uniqueIDs(g.Users)
	if _, ok := s.dir.groups[g.ID]; !ok {
		s.dir.groupOrder = append(s.dir.groupOrder, g.ID)
	}
	s.dir.groups[g.ID] = &g
	s.bumpLocked()
	return g.ID
}

// SetUserGroupMembers replaces the members of a user group, as
// usergroups.users.update does; it reports false for an unknown group.
func (s *Server) SetUserGroupMembers(id string, users ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.dir.groups[id]
	if ok {
		g.Users = uniqueIDs(users)
		s.bumpLocked()
	}
	return ok
}

// uniqueIDs is ids without blanks and repeats, in their order.
func uniqueIDs(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// UserGroups returns every user group, in the order they were added.
func (s *Server) UserGroups() []UserGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]UserGroup, 0, len(s.dir.groupOrder))
	for _, id := range s.dir.groupOrder {
		g := *s.dir.groups[id]
		g.Users = slices.Clone(g.Users)
		out = append(out, g)
	}
	return out
}

// usergroups.users.list: the members of a user group. A disabled group is
// answered only with include_disabled; without it, it is no_such_subteam.
func (s *Server) apiUserGroupsUsersList(q *apiRequest) apiReply {
	id := q.str("usergroup")
	if id == "" {
		return invalidArguments("missing required field: usergroup")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.dir.groups[id]
	if !ok || (g.Disabled && !q.boolean("include_disabled")) {
		return errReply("no_such_subteam")
	}
	return okReply(map[string]any{"users": append([]string{}, g.Users...)})
}
