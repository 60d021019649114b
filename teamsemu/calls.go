package teamsemu

import "maps"

// Route names a request the emulator serves, for counting.
type Route string

// Routes, named after the Bot Framework REST operations.
const (
	RouteMetadata           Route = "openidConfiguration" // GET /v1/.well-known/openidconfiguration
	RouteKeys               Route = "keys"                // GET /v1/.well-known/keys
	RouteToken              Route = "token"               // POST /{tenant}/oauth2/v2.0/token
	RouteCreateConversation Route = "createConversation"  // POST v3/conversations
	RouteSend               Route = "sendToConversation"  // POST v3/conversations/{id}/activities
	RouteReply              Route = "replyToActivity"     // POST v3/conversations/{id}/activities/{activityId}
	RouteUpdate             Route = "updateActivity"      // PUT v3/conversations/{id}/activities/{activityId}
	RouteDelete             Route = "deleteActivity"      // DELETE v3/conversations/{id}/activities/{activityId}
	RoutePagedMembers       Route = "getPagedMembers"     // GET v3/conversations/{id}/pagedmembers
	// RouteUnknown counts requests that match no route (answered 404) or
	// use a method the route does not take (405).
	RouteUnknown Route = "unknown"
)

// Call is a route and the HTTP status a request to it was answered with.
type Call struct {
	Route  Route
	Status int
}

// Calls returns how many requests each route has been answered with each
// status, including rejected and faulted ones.
func (s *Server) Calls() map[Call]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.calls)
}

// CallsTo returns how many requests route has received, whatever the
// answer.
func (s *Server) CallsTo(route Route) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for c, k := range s.calls {
		if c.Route == route {
			n += k
		}
	}
	return n
}

// count records one request to route answered with status.
func (s *Server) count(route Route, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[Call{Route: route, Status: status}]++
	s.bumpLocked()
}
