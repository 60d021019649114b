package hubspotemu

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// contactOptions are the contact properties the emulator knows, with the
// options of those that are enumerations (nil: any value).
var contactOptions = map[string][]string{
	"email": nil, "firstname": nil, "lastname": nil, "company": nil, "jobtitle": nil, "phone": nil,
	"lifecyclestage":   {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"},
	"hs_lead_status":   {"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"},
	"hubspot_owner_id": nil,
}

// AddContact adds a contact with the given properties and returns its ID.
func (s *Server) AddContact(properties map[string]string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newIDLocked()
	s.contacts[id] = maps.Clone(properties)
	s.changedLocked()
	return id
}

// DeleteContact removes a contact, as archiving it in HubSpot does.
func (s *Server) DeleteContact(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.contacts, id)
	s.changedLocked()
}

// Contact returns a contact's properties; ok is false when it does not
// exist.
func (s *Server) Contact(id string) (properties map[string]string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.contacts[id]
	return maps.Clone(c), ok
}

func contactJSON(id string, props map[string]string, want []string) map[string]any {
	out := map[string]string{"hs_object_id": id}
	for _, k := range want {
		if v, ok := props[k]; ok {
			out[k] = v
		}
	}
	return map[string]any{"id": id, "properties": out, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "archived": false}
}

// getContact answers GET /crm/v3/objects/contacts/{id}.
func (s *Server) getContact(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	props, ok := s.contacts[r.PathValue("id")]
	props = maps.Clone(props)
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "resource not found")
		return
	}
	want := strings.Split(r.URL.Query().Get("properties"), ",")
	writeJSON(w, http.StatusOK, contactJSON(r.PathValue("id"), props, want))
}

// validation is one of HubSpot's per-property validation results.
type validation struct {
	IsValid bool   `json:"isValid"`
	Message string `json:"message"`
	Error   string `json:"error"`
	Name    string `json:"name"`
}

// patchContact answers PATCH /crm/v3/objects/contacts/{id}, refusing
// unknown properties and values outside an enumeration's options as HubSpot
// does, all or nothing.
func (s *Server) patchContact(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Properties map[string]string `json:"properties"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	props, ok := s.contacts[id]
	if !ok {
		writeError(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "resource not found")
		return
	}
	var bad []validation
	for _, name := range slices.Sorted(maps.Keys(in.Properties)) {
		v := in.Properties[name]
		options, known := contactOptions[name]
		switch {
		case !known:
			bad = append(bad, validation{Message: fmt.Sprintf("Property %q does not exist", name), Error: "PROPERTY_DOESNT_EXIST", Name: name})
		case options != nil && v != "" && !slices.Contains(options, v):
			bad = append(bad, validation{Message: fmt.Sprintf("%s was not one of the allowed options: %s", v, strings.Join(options, ", ")), Error: "INVALID_OPTION", Name: name})
		case name == "hubspot_owner_id" && v != "" && !s.ownerLocked(v):
			bad = append(bad, validation{Message: fmt.Sprintf("%s is not a valid owner id", v), Error: "INVALID_OWNER_ID", Name: name})
		}
	}
	if len(bad) > 0 {
		detail, _ := json.Marshal(bad)
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Property values were not valid: "+string(detail))
		return
	}
	maps.Copy(props, in.Properties)
	s.changedLocked()
	writeJSON(w, http.StatusOK, contactJSON(id, props, slices.Collect(maps.Keys(props))))
}

// searchRequest is the body of a CRM search, as far as the emulator reads it.
type searchRequest struct {
	FilterGroups []struct {
		Filters []struct {
			PropertyName string `json:"propertyName"`
			Operator     string `json:"operator"`
			Value        string `json:"value"`
		} `json:"filters"`
	} `json:"filterGroups"`
	Sorts []struct {
		PropertyName string `json:"propertyName"`
		Direction    string `json:"direction"`
	} `json:"sorts"`
	Properties []string `json:"properties"`
	Limit      int      `json:"limit"`
	After      string   `json:"after"`
}

// searchContacts answers POST /crm/v3/objects/contacts/search for an email
// EQ filter, the one search Armistice makes of contacts.
func (s *Server) searchContacts(w http.ResponseWriter, r *http.Request) {
	var in searchRequest
	if !readJSON(w, r, &in) {
		return
	}
	email := ""
	for _, g := range in.FilterGroups {
		for _, f := range g.Filters {
			if f.PropertyName != "email" || f.Operator != "EQ" {
				writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "the emulator searches contacts by email EQ only")
				return
			}
			email = f.Value
		}
	}
	s.mu.Lock()
	results := []map[string]any{}
	for _, id := range slices.Sorted(maps.Keys(s.contacts)) {
		if props := s.contacts[id]; strings.EqualFold(props["email"], email) {
			results = append(results, contactJSON(id, props, in.Properties))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"total": len(results), "results": results})
}
