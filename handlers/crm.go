package handlers

import (
	"context"
	"strconv"
	"time"
)

// CRMEvent is what Armistice tells the CRM about a lead: a decision or an
// escalation. ID is stable across retries, for the receiver to drop repeats.
type CRMEvent struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"` // lead.accepted, lead.rejected, lead.escalated
	OccurredAt time.Time `json:"occurred_at"`
	Actor      string    `json:"actor"`
	Lead       CRMLead   `json:"lead"`
	Reason     string    `json:"reason,omitempty"`
	Comment    string    `json:"comment,omitempty"`
}

// CRMLead identifies the lead of a CRMEvent.
type CRMLead struct {
	ID         int64  `json:"id"`
	ExternalID string `json:"external_id"`
	Email      string `json:"email,omitempty"`
	Status     string `json:"status"`
	Owner      string `json:"owner,omitempty"`
	Overdue    bool   `json:"overdue"`
}

// CRMEventFor builds the CRM event of an audit-trail event.
func (s *Service) CRMEventFor(ctx context.Context, eventID int64) (CRMEvent, error) {
	rec, err := s.db.EventByID(ctx, eventID)
	if err != nil {
		return CRMEvent{}, err
	}
	e := CRMEvent{
		ID: "armistice-event-" + strconv.FormatInt(rec.ID, 10), Type: "lead." + string(rec.Kind), OccurredAt: rec.At, Actor: rec.Actor,
		Lead: CRMLead{ID: rec.Lead.ID, ExternalID: rec.Lead.ExternalID, Email: rec.Lead.Email, Status: string(rec.Lead.Status), Owner: rec.Lead.OwnerID, Overdue: rec.Lead.Overdue},
	}
	e.Reason, _ = rec.Data["reason"].(string)
	e.Comment, _ = rec.Data["comment"].(string)
	return e, nil
}
