package api

import (
	"errors"
	"net/http"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// postHubSpot takes the contact that a HubSpot workflow's "Send a webhook"
// action posts, signed with HubSpot's v3 signature under the app's client
// secret, and hands it over like a lead of the intake API: 201 when new, 200
// when its contact was taken already. Without a client secret the endpoint
// is off (404).
//
// HubSpot retries 5xx and 429 answers but no other 4xx, so a bad signature
// or an invalid contact is answered once and shows as failed in the
// workflow's history.
func (s *Server) postHubSpot(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.HubSpotClientSecret.IsSet() {
		fail(w, http.StatusNotFound, "the HubSpot endpoint is off: HUBSPOT_CLIENT_SECRET is not configured on the server")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			fail(w, http.StatusRequestEntityTooLarge, "the body is larger than 1 MiB")
			return
		}
		fail(w, http.StatusBadRequest, "could not read the body")
		return
	}
	if err := verifyHubSpotV3([]byte(s.cfg.HubSpotClientSecret.Reveal()), r, body, s.now()); err != nil {
		s.cfg.Logger.Warn("api: HubSpot request refused", "path", r.URL.Path, "reason", err)
		fail(w, http.StatusUnauthorized, err.Error())
		return
	}
	lead, fieldErrs, err := LeadFromHubSpot(body)
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	if len(fieldErrs) > 0 {
		s.writeError(w, r, &armistice.Error{Code: armistice.EINVALID, Message: handlers.InvalidMessage(len(fieldErrs)), Fields: fieldErrs})
		return
	}
	received, err := s.cfg.Service.TakeLeads(r.Context(), []armistice.Lead{lead}, handlers.TakeOptions{Actor: "hubspot"})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rc := received[0]
	status := http.StatusCreated
	if rc.Duplicate {
		status = http.StatusOK
	}
	writeJSON(w, status, leadResult{ID: rc.ID, ExternalID: rc.ExternalID, Status: string(rc.Status), Duplicate: rc.Duplicate})
}
