package teamsemu

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// Paged rosters: GET v3/conversations/{id}/pagedmembers.

const (
	defaultPageSize = 100
	maxPageSize     = 500
	// pageTokenPrefix marks the emulator's continuation tokens (base64url
	// of the prefix and the next member's index).
	pageTokenPrefix = "teamsemu-page:"
)

// member is a roster entry as the connector answers it.
type member struct {
	ID                string `json:"id"`
	ObjectID          string `json:"objectId"`
	Name              string `json:"name"`
	GivenName         string `json:"givenName"`
	Surname           string `json:"surname"`
	Email             string `json:"email"`
	UserPrincipalName string `json:"userPrincipalName"`
	TenantID          string `json:"tenantId"`
	UserRole          string `json:"userRole"`
}

// pagedMembers answers one page of the roster of a team, a channel (a
// standard channel answers its team's roster; private and shared channels
// their own) or a 1:1 chat. pageSize is 1 to 500 (default 100); the answer
// carries a continuationToken while members remain.
func (s *Server) pagedMembers(call *connectorCall) reply {
	q := call.r.URL.Query()
	size := defaultPageSize
	if v := q.Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return errorReply(http.StatusBadRequest, "BadArgument", "pageSize must be between 1 and 500.")
		}
		size = n
	}
	start := 0
	if t := q.Get("continuationToken"); t != "" {
		n, ok := parsePageToken(t)
		if !ok {
			return errorReply(http.StatusBadRequest, "BadArgument", "Invalid continuation token.")
		}
		start = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, _, rp := s.targetLocked(call.conversationID)
	if rp != nil {
		return *rp
	}
	roster := c.roster()
	start = min(start, len(roster))
	end := min(start+size, len(roster))
	page := make([]member, 0, end-start)
	for _, u := range roster[start:end] {
		given, surname, _ := strings.Cut(u.Name, " ")
		page = append(page, member{
			ID:                u.MRI,
			ObjectID:          u.AADObjectID,
			Name:              u.Name,
			GivenName:         given,
			Surname:           surname,
			Email:             u.Email,
			UserPrincipalName: u.Email,
			TenantID:          s.opts.TenantID,
			UserRole:          "user",
		})
	}
	body := map[string]any{"members": page}
	if end < len(roster) {
		body["continuationToken"] = base64.RawURLEncoding.EncodeToString([]byte(pageTokenPrefix + strconv.Itoa(end)))
	}
	return reply{status: http.StatusOK, body: body}
}

// parsePageToken returns the index a continuation token continues from.
func parsePageToken(t string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(t)
	if err != nil {
		return 0, false
	}
	v, ok := strings.CutPrefix(string(b), pageTokenPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}
