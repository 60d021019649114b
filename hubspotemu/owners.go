package hubspotemu

import (
	"net/http"
	"strings"
)

// Owner is a HubSpot user who may own records.
type Owner struct {
	ID        string
	Email     string
	FirstName string
	LastName  string
}

// AddOwner adds an owner.
func (s *Server) AddOwner(o Owner) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.owners = append(s.owners, o)
	s.changedLocked()
}

func (s *Server) ownerLocked(id string) bool {
	for _, o := range s.owners {
		if o.ID == id {
			return true
		}
	}
	return false
}

// listOwners answers GET /crm/v3/owners, filtered by email when asked.
func (s *Server) listOwners(w http.ResponseWriter, r *http.Request) {
	email := r.URL.Query().Get("email")
	s.mu.Lock()
	results := []map[string]any{}
	for _, o := range s.owners {
		if email != "" && !strings.EqualFold(o.Email, email) {
			continue
		}
		results = append(results, map[string]any{
			"id": o.ID, "email": o.Email, "firstName": o.FirstName, "lastName": o.LastName, "userId": 0,
			"createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "archived": false,
		})
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"results": results})
}
