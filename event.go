package armistice

import (
	"strings"
	"time"
)

// EventKind names what happened to a lead in one entry of its audit trail.
type EventKind string

// The kinds of a lead's events.
const (
	EventReceived        EventKind = "received"         // stored from the API, an import or the lead form
	EventAnnounced       EventKind = "announced"        // its card was posted
	EventAnnounceRefused EventKind = "announce_refused" // the platform refused even its minimal card; set aside
	EventCardMinimal     EventKind = "card_minimal"     // the platform refused its full card: the minimal one stands in
	EventAccepted        EventKind = EventKind(StatusAccepted)
	EventRejected        EventKind = EventKind(StatusRejected)
	EventReminded        EventKind = "reminded"   // the SLA reminder was posted
	EventEscalated       EventKind = "escalated"  // the SLA ran out undecided; the managers were told
	EventStage           EventKind = "stage"      // the CRM moved it on (opportunity, won, lost)
	EventErased          EventKind = "erased"     // its personal data was erased
	EventAssigned        EventKind = "assigned"   // given to a rep on its announcement (data: to, reason, why, candidates)
	EventReassigned      EventKind = "reassigned" // moved on to another rep (data: from, to, reason, why, candidates)
	EventUnassigned      EventKind = "unassigned" // nobody in its pool was available: claim mode (data: why, candidates)
)

// The events of the writes to HubSpot.
const (
	EventHubSpotWritten EventKind = "hubspot_written" // its decision or owner was written to its HubSpot contact
	EventHubSpotRefused EventKind = "hubspot_refused" // HubSpot refused that write for good (its message in the data)
)

// Event is one entry of a lead's audit trail.
type Event struct {
	Kind  EventKind
	Actor string // "api", "import", "crm", "armistice", or a user ID
	Data  map[string]any
	At    time.Time
}

// PassedOver says, for an assignment event, who was passed over and why,
// one "user: why" after another ("" for other events or when nobody was).
func (e Event) PassedOver() string {
	list, _ := e.Data["candidates"].([]any)
	var parts []string
	for _, c := range list {
		m, _ := c.(map[string]any)
		if passed, _ := m["passed"].(string); passed != "" {
			user, _ := m["user"].(string)
			parts = append(parts, user+": "+passed)
		}
	}
	return strings.Join(parts, "; ")
}
