package handlers

import (
	"context"
	"maps"

	"github.com/armistice/armistice/hubspot"
	"github.com/armistice/armistice/storage"
)

// HubSpot is how Armistice writes decisions to HubSpot's contacts and reads
// deals back (HUBSPOT_ACCESS_TOKEN); a nil Client turns both off.
type HubSpot struct {
	Client *hubspot.Client
	// OnAccept and OnReject are the contact properties written on each
	// verdict (ARMISTICE_HUBSPOT_ON_ACCEPT, ARMISTICE_HUBSPOT_ON_REJECT);
	// nil: DefaultOnAccept, DefaultOnReject.
	OnAccept map[string]string
	OnReject map[string]string
}

// The properties written to a lead's contact unless configured otherwise.
var (
	DefaultOnAccept = map[string]string{"lifecyclestage": "salesqualifiedlead"}
	DefaultOnReject = map[string]string{"hs_lead_status": "UNQUALIFIED"}
)

// HubSpotWriteKind says what a write to a lead's HubSpot contact carries.
type HubSpotWriteKind string

// The writes to HubSpot.
const (
	// HubSpotAccepted: the accept properties, and the rep as the owner.
	HubSpotAccepted HubSpotWriteKind = "accepted"
	// HubSpotRejected: the reject properties, and a note with the reason
	// and the comment.
	HubSpotRejected HubSpotWriteKind = "rejected"
	// HubSpotOwner: the owner alone (a lead given to another rep).
	HubSpotOwner HubSpotWriteKind = "owner"
)

// HubSpotWrite is one write to a lead's HubSpot contact, run as a job.
type HubSpotWrite struct {
	LeadID int64            `json:"lead_id"`
	Kind   HubSpotWriteKind `json:"kind"`
	// User is the chat user who becomes the contact's owner, for
	// HubSpotOwner; an acceptance's owner is the rep who accepted.
	User string `json:"user,omitempty"`
}

// HubSpotSetOwner schedules, in the caller's transaction, writing user (a
// chat user ID) as the owner of the lead's HubSpot contact: the HubSpot
// owner with the user's email address. Without HubSpot nothing is
// scheduled.
func (s *Service) HubSpotSetOwner(ctx context.Context, tx *storage.Tx, leadID int64, user string) error {
	return s.jobs.WriteToHubSpot(ctx, tx, HubSpotWrite{LeadID: leadID, Kind: HubSpotOwner, User: user})
}

// properties returns the properties a write sets, besides the owner.
func (h HubSpot) properties(kind HubSpotWriteKind) map[string]string {
	switch kind {
	case HubSpotAccepted:
		if h.OnAccept != nil {
			return maps.Clone(h.OnAccept)
		}
		return maps.Clone(DefaultOnAccept)
	case HubSpotRejected:
		if h.OnReject != nil {
			return maps.Clone(h.OnReject)
		}
		return maps.Clone(DefaultOnReject)
	}
	return map[string]string{}
}
