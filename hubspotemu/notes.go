package hubspotemu

import (
	"fmt"
	"net/http"
)

// Note is a note created through the API, with the contacts it is
// associated with (by association type 202).
type Note struct {
	ID         string
	Properties map[string]string
	Contacts   []string
}

// Notes returns the notes created so far.
func (s *Server) Notes() []Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Note(nil), s.notes...)
}

// createNote answers POST /crm/v3/objects/notes: hs_timestamp is required,
// and each association must be of a known type to an existing contact.
func (s *Server) createNote(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Properties   map[string]string `json:"properties"`
		Associations []struct {
			To struct {
				ID string `json:"id"`
			} `json:"to"`
			Types []struct {
				AssociationCategory string `json:"associationCategory"`
				AssociationTypeID   int    `json:"associationTypeId"`
			} `json:"types"`
		} `json:"associations"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	if in.Properties["hs_timestamp"] == "" {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", `Property values were not valid: [{"isValid":false,"message":"hs_timestamp is required","error":"REQUIRED_PROPERTY","name":"hs_timestamp"}]`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	note := Note{Properties: in.Properties}
	for _, a := range in.Associations {
		for _, t := range a.Types {
			if t.AssociationCategory != "HUBSPOT_DEFINED" || t.AssociationTypeID != 202 {
				writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("association type %s/%d is not one from notes to contacts", t.AssociationCategory, t.AssociationTypeID))
				return
			}
		}
		if _, ok := s.contacts[a.To.ID]; !ok {
			writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", fmt.Sprintf("One or more associations are invalid: contact %s does not exist", a.To.ID))
			return
		}
		note.Contacts = append(note.Contacts, a.To.ID)
	}
	note.ID = s.newIDLocked()
	s.notes = append(s.notes, note)
	s.changedLocked()
	writeJSON(w, http.StatusCreated, map[string]any{"id": note.ID, "properties": note.Properties, "archived": false})
}
