package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/armistice/armistice"
)

// stageJSON is a stage update as the CRM sends it.
type stageJSON struct {
	Stage    string   `json:"stage"`
	Amount   *float64 `json:"amount"`
	Currency string   `json:"currency"`
}

// postStage records a CRM stage (opportunity, won, lost) of a lead: 200 with
// the lead's new status; 404 for an unknown lead; 409 for a stage that goes
// backwards.
func (s *Server) postStage(w http.ResponseWriter, r *http.Request) {
	body, ok := s.signedBody(w, r)
	if !ok {
		return
	}
	var in stageJSON
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		fail(w, http.StatusBadRequest, `the body must be a JSON object such as {"stage": "won", "amount": 12000, "currency": "EUR"}: `+jsonProblem(err))
		return
	}
	externalID := r.PathValue("external_id")
	u := armistice.StageUpdate{Stage: armistice.Stage(in.Stage), Amount: in.Amount, Currency: in.Currency}
	changed, err := s.cfg.Service.SetStage(r.Context(), externalID, u, "crm")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"external_id": externalID, "status": in.Stage, "changed": changed})
}
