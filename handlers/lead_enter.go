package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/armistice/armistice"
)

// EnterLead stores a lead typed into the lead form by user, from the form's
// values by field name, and schedules its card. Problems come back by field
// (fields), nothing stored; err is for the rest (not allowed, database).
func (s *Service) EnterLead(ctx context.Context, user string, values map[string]string) (lead armistice.Lead, fields map[string]string, err error) {
	if err := s.CanEnterLeads(ctx, user); err != nil {
		return armistice.Lead{}, nil, err
	}
	value := func(name string) string { return strings.TrimSpace(values[name]) }
	lead = armistice.Lead{
		ExternalID: value("external_id"), Email: value("email"), Name: value("name"), Company: value("company"),
		Title: value("title"), Phone: value("phone"), Source: value("source"), Persona: value("persona"),
		Country: value("country"), Region: value("region"), Segment: value("segment"), CRMURL: value("crm_url"),
		Notes: value("notes"),
	}
	if lead.Source == "" {
		lead.Source = "manual"
	}
	if lead.ExternalID == "" {
		lead.ExternalID = "manual-" + randomID()
	}
	bad := map[string]string{}
	if v := value("score"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			lead.Score = &n
		} else {
			bad["score"] = "must be a whole number between 0 and 100"
		}
	}
	leads := []armistice.Lead{lead}
	for k, v := range ValidateLeads(leads) {
		if _, seen := bad[k]; !seen {
			bad[k] = v
		}
	}
	if len(bad) > 0 {
		return leads[0], bad, nil
	}
	got, err := s.TakeLeads(ctx, leads, TakeOptions{Actor: user})
	if err != nil {
		return leads[0], nil, err
	}
	if got[0].Duplicate {
		return leads[0], map[string]string{"external_id": fmt.Sprintf("A lead with the ID %s exists already.", lead.ExternalID)}, nil
	}
	return leads[0], nil, nil
}

func randomID() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
