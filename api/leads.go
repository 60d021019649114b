package api

import (
	"errors"
	"mime"
	"net/http"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// leadResult is one lead of an intake answer.
type leadResult struct {
	ID         int64  `json:"id"`
	ExternalID string `json:"external_id"`
	Status     string `json:"status"`
	Duplicate  bool   `json:"duplicate"`
}

// postLeads takes one lead or an array of up to 1,000: 201 when at least one
// is new, 200 when all were known already. The leads and the jobs that will
// announce them are committed before the answer.
func (s *Server) postLeads(w http.ResponseWriter, r *http.Request) {
	body, ok := s.signedBody(w, r)
	if !ok {
		return
	}
	leads, isArray, fieldErrs, err := decodeLeads(body)
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	if isArray && len(leads) == 0 {
		fail(w, http.StatusBadRequest, "the array holds no leads")
		return
	}
	if len(leads) > handlers.MaxBatch {
		fail(w, http.StatusBadRequest, "more than 1,000 leads in one request; split the array")
		return
	}
	if len(fieldErrs) > 0 {
		for k, v := range handlers.ValidateLeads(leads) {
			if _, seen := fieldErrs[k]; !seen {
				fieldErrs[k] = v
			}
		}
		s.writeError(w, r, &armistice.Error{Code: armistice.EINVALID, Message: handlers.InvalidMessage(len(fieldErrs)), Fields: fieldErrs})
		return
	}
	received, err := s.cfg.Service.TakeLeads(r.Context(), leads, handlers.TakeOptions{Actor: "api"})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	results := make([]leadResult, len(received))
	status := http.StatusOK
	for i, rc := range received {
		results[i] = leadResult{ID: rc.ID, ExternalID: rc.ExternalID, Status: string(rc.Status), Duplicate: rc.Duplicate}
		if !rc.Duplicate {
			status = http.StatusCreated
		}
	}
	if isArray {
		writeJSON(w, status, map[string]any{"results": results})
		return
	}
	writeJSON(w, status, results[0])
}

// signedBody reads a JSON body of at most 1 MiB and checks its signature,
// answering the request itself when something is wrong. The size is checked
// before the signature, so an oversized body is never hashed.
func (s *Server) signedBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if !s.cfg.WebhookSecret.IsSet() {
		fail(w, http.StatusServiceUnavailable, "the intake API is off: ARMISTICE_WEBHOOK_SECRET is not configured on the server")
		return nil, false
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			fail(w, http.StatusUnsupportedMediaType, "send the body as application/json")
			return nil, false
		}
	}
	body, err := readBody(w, r)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			fail(w, http.StatusRequestEntityTooLarge, "the body is larger than 1 MiB; send at most 1,000 leads per request")
			return nil, false
		}
		fail(w, http.StatusBadRequest, "could not read the body")
		return nil, false
	}
	if err := verifySignature([]byte(s.cfg.WebhookSecret.Reveal()), r, body, s.now()); err != nil {
		fail(w, http.StatusUnauthorized, err.Error())
		return nil, false
	}
	return body, true
}
