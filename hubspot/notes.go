package hubspot

import (
	"context"
	"time"
)

// noteToContact is HubSpot's association type of a note with a contact.
const noteToContact = 202

// CreateNote adds a note with the given body (HTML, as HubSpot shows notes)
// to a contact's timeline at time at, and returns its ID.
func (c *Client) CreateNote(ctx context.Context, contactID, body string, at time.Time) (string, error) {
	in := map[string]any{
		"properties": map[string]string{
			"hs_timestamp": at.UTC().Format(time.RFC3339Nano),
			"hs_note_body": body,
		},
		"associations": []map[string]any{{
			"to":    map[string]string{"id": contactID},
			"types": []map[string]any{{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": noteToContact}},
		}},
	}
	var out Object
	if err := c.call(ctx, "POST", "/crm/v3/objects/notes", nil, in, &out); err != nil {
		return "", err
	}
	return out.ID, nil
}
