package handlers

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/hubspot"
	"github.com/armistice/armistice/storage"
)

// hubSpotIDPrefix starts the external ID of a lead that came from HubSpot,
// followed by its contact's ID.
const hubSpotIDPrefix = "hubspot-"

// WriteToHubSpot writes a decision or an owner to the lead's HubSpot
// contact: the one named by its external ID (hubspot-<contact ID>), else
// the one with its email address; a lead with neither is left alone. A
// write HubSpot refuses for good (the contact deleted, a property or value
// it does not take) becomes a "hubspot_refused" event with HubSpot's
// message and an error log, and ends there; one that succeeds a
// "hubspot_written" event saying what was written. Other errors (5xx, the
// network, a hubspot.RateLimitError) are returned for the job to try again.
func (s *Service) WriteToHubSpot(ctx context.Context, hs HubSpot, w HubSpotWrite) error {
	lead, err := s.db.Lead(ctx, w.LeadID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil || lead.ErasedAt != nil {
		return err
	}
	contact, found, err := s.hubSpotContactOf(ctx, hs.Client, lead)
	if done, err := s.hubSpotRefused(ctx, lead.ID, contact, err); done || err != nil || !found {
		return err
	}
	props := hs.properties(w.Kind)
	owner := w.User
	if w.Kind == HubSpotAccepted {
		owner = lead.DecidedBy
	}
	var notes []string
	if owner != "" {
		id, why, err := s.hubSpotOwnerOf(ctx, hs.Client, owner)
		if err != nil {
			return err
		}
		if id != "" {
			props["hubspot_owner_id"] = id
		} else {
			notes = append(notes, why)
			s.log.Warn("hubspot: no owner for a lead's contact", "lead", lead.ID, "user", owner, "why", why)
		}
	}
	var written []string
	if len(props) > 0 {
		err := hs.Client.UpdateContact(ctx, contact, props)
		if done, err := s.hubSpotRefused(ctx, lead.ID, contact, err); done || err != nil {
			return err
		}
		written = append(written, hubspot.FormatProperties(props))
	}
	if w.Kind == HubSpotRejected {
		at := s.now()
		if lead.DecidedAt != nil {
			at = *lead.DecidedAt
		}
		_, err := hs.Client.CreateNote(ctx, contact, rejectionNote(lead), at)
		if done, err := s.hubSpotRefused(ctx, lead.ID, contact, err); done || err != nil {
			return err
		}
		written = append(written, "a note with the reason and comment")
	}
	if len(written) == 0 {
		return nil
	}
	text := "written to HubSpot contact " + contact + ": " + strings.Join(append(written, notes...), "; ")
	_, err = s.db.AddEvent(ctx, lead.ID, armistice.EventHubSpotWritten, "armistice",
		map[string]any{"hubspot": text, "contact": contact, "properties": props}, false)
	return err
}

// hubSpotContactOf finds the contact of a lead: by its external ID, else
// by its email address through HubSpot's search.
func (s *Service) hubSpotContactOf(ctx context.Context, hc *hubspot.Client, lead armistice.Lead) (id string, found bool, err error) {
	if id, ok := strings.CutPrefix(lead.ExternalID, hubSpotIDPrefix); ok && id != "" {
		return id, true, nil
	}
	if lead.Email == "" {
		return "", false, nil
	}
	c, found, err := hc.ContactByEmail(ctx, lead.Email)
	return c.ID, found, err
}

// hubSpotOwnerOf finds the HubSpot owner of a chat user by email address;
// when there is none, why says so.
func (s *Service) hubSpotOwnerOf(ctx context.Context, hc *hubspot.Client, user string) (id, why string, err error) {
	email, err := s.chat.UserEmail(ctx, user)
	if err != nil {
		return "", "", fmt.Errorf("the email address of %s: %w", user, err)
	}
	if email == "" {
		return "", "the owner is not set: the chat gives no email address for " + user, nil
	}
	o, found, err := hc.OwnerByEmail(ctx, email)
	if refused, ok := hubspot.Refused(err); ok {
		s.log.Error("hubspot refused reading its owners", "status", refused.Status, "message", refused.Message)
		return "", "the owner is not set: HubSpot refused reading its owners: " + armistice.Truncate(refused.Message, 200), nil
	}
	if err != nil || !found {
		return "", "the owner is not set: no HubSpot owner has the email address of " + user, err
	}
	return o.ID, "", nil
}

// hubSpotRefused records a write HubSpot refused for good as an event on
// the lead and an error log; done says it was one. Other errors are
// returned.
func (s *Service) hubSpotRefused(ctx context.Context, leadID int64, contact string, err error) (done bool, _ error) {
	refused, ok := hubspot.Refused(err)
	if !ok {
		return false, err
	}
	s.log.Error("hubspot refused a write to a lead's contact", "lead", leadID, "contact", contact, "status", refused.Status, "message", refused.Message)
	msg := refused.Message
	if msg == "" {
		msg = fmt.Sprintf("HTTP %d", refused.Status)
	}
	_, err = s.db.AddEvent(ctx, leadID, armistice.EventHubSpotRefused, "armistice",
		map[string]any{"hubspot": "refused by HubSpot: " + armistice.Truncate(msg, 500), "contact": contact, "status": refused.Status}, false)
	return true, err
}

// rejectionNote is the note a rejection leaves on the contact, in HTML as
// HubSpot shows notes, every outside text escaped.
func rejectionNote(l armistice.Lead) string {
	var sb strings.Builder
	sb.WriteString("<p><strong>Rejected by sales in Armistice</strong>")
	if l.Reason != "" {
		sb.WriteString(": " + html.EscapeString(l.Reason))
	}
	sb.WriteString("</p>")
	if l.Comment != "" {
		sb.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(l.Comment), "\n", "<br>") + "</p>")
	}
	return sb.String()
}
