package api

// HubSpot contact → lead mapping. Sources (read for the shapes only; no code
// copied):
//
//   - Workflow webhooks: the action POSTs the enrolled record "exactly" as the
//     object API returns it; contact-based workflows include each property's
//     current value and its history.
//     https://developers.hubspot.com/docs/methods/workflows/webhook_information
//     https://knowledge.hubspot.com/workflows/how-do-i-use-webhooks-with-hubspot-workflows
//   - Legacy contact shape (Contacts API v1, "get a contact by vid"): "vid",
//     "canonical-vid", "portal-id", "is-contact", and "properties" whose values
//     are objects {"value": "…", "versions": […]}.
//     https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/contacts/v1/get-contacts-v1-contactvidvid-profile
//   - Current CRM object shape (CRM API v3): "id" (or "objectId") and
//     "properties" whose values are plain strings, "hs_object_id" among them.
//     https://developers.hubspot.com/docs/api/crm/contacts
//   - Record links: https://app.hubspot.com/contacts/{portalId}/record/0-1/{objectId}
//     (0-1 is the contact object type).
//
// Both shapes are read, and so is a flat object of properties (the action's
// "customize request body" option), each value plain or {"value": …}.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/armistice/armistice"
)

// hubSpotIDPrefix starts the external ID of every lead from HubSpot, so that
// its IDs never collide with another sender's.
const hubSpotIDPrefix = "hubspot-"

// hubSpotMapped are the contact properties that become lead fields, and
// hubSpotSkipped the ones left out of the extra fields besides "hs_…" ones:
// HubSpot's bookkeeping, and the envelope keys of a flat body.
var (
	hubSpotMapped = []string{
		"hs_object_id", "email", "firstname", "lastname", "company", "jobtitle", "phone", "mobilephone",
		"hs_analytics_source", "hs_latest_source", "hubspotscore", "hs_lead_score", "persona", "hs_persona",
		"country", "state", "region", "industry",
	}
	hubSpotSkipped = []string{
		"createdate", "lastmodifieddate",
		"vid", "canonical-vid", "merged-vids", "portal-id", "portalId", "is-contact", "objectId", "objectType",
		"objectTypeId", "id", "profile-token", "profile-url", "createdAt", "updatedAt", "archived", "archivedAt",
	}
)

// LeadFromHubSpot maps the body of a HubSpot workflow's "Send a webhook"
// action (the enrolled contact) onto a lead, normalized. The error says why
// the body cannot be read at all; otherwise the map names each bad field, by
// its lead field name (as in the JSON intake API), and is empty when the lead
// is valid.
func LeadFromHubSpot(body []byte) (armistice.Lead, map[string]string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		if json.Valid(body) {
			return armistice.Lead{}, nil, errors.New("the body must be one HubSpot contact as a JSON object, as a workflow's \"Send a webhook\" action sends it")
		}
		return armistice.Lead{}, nil, fmt.Errorf("the body is not valid JSON: %s", jsonProblem(err))
	}
	props := top
	if raw, ok := top["properties"]; ok {
		props = nil
		if err := json.Unmarshal(raw, &props); err != nil || props == nil {
			return armistice.Lead{}, nil, errors.New("\"properties\" must be a JSON object of contact properties")
		}
	}
	errs := map[string]string{}
	// text reads a property as text: "" when absent, null or not a scalar.
	text := func(name string) string {
		s, _ := hubSpotScalar(props[name])
		return strings.TrimSpace(s)
	}
	// mapped reads the first non-empty of a lead field's properties, and
	// names the field in errs when one holds something other than a scalar.
	mapped := func(field string, names ...string) string {
		v := ""
		for _, n := range names {
			if _, ok := hubSpotScalar(props[n]); !ok {
				errs[field] = n + " must be a string"
			}
			if v == "" {
				v = text(n)
			}
		}
		return v
	}

	var l armistice.Lead
	objectID := text("hs_object_id")
	for _, k := range []string{"objectId", "vid", "canonical-vid", "id"} {
		if objectID != "" {
			break
		}
		objectID, _ = hubSpotScalar(top[k])
		objectID = strings.TrimSpace(objectID)
	}
	switch {
	case objectID == "":
		errs["external_id"] = "required: the contact has no hs_object_id, objectId or vid"
	case !isDigits(objectID) || len(objectID) > 30:
		errs["external_id"] = "the HubSpot object ID must be a whole number"
	default:
		l.ExternalID = hubSpotIDPrefix + objectID
	}
	l.Email = mapped("email", "email")
	l.Name = strings.TrimSpace(mapped("name", "firstname") + " " + mapped("name", "lastname"))
	l.Company = mapped("company", "company")
	l.Title = mapped("title", "jobtitle")
	l.Phone = mapped("phone", "phone", "mobilephone")
	l.Source = mapped("source", "hs_analytics_source", "hs_latest_source")
	l.Persona = strings.ToLower(mapped("persona", "persona", "hs_persona"))
	l.Country = mapped("country", "country")
	l.Region = mapped("region", "state", "region")
	l.Segment = mapped("segment", "industry")
	if v := mapped("score", "hubspotscore", "hs_lead_score"); v != "" && errs["score"] == "" {
		// HubSpot scores are numbers, possibly with decimals: rounded.
		f, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
			errs["score"] = "hubspotscore (or hs_lead_score) must be a number"
		case math.Round(f) < 0 || math.Round(f) > 100:
			errs["score"] = "must be between 0 and 100"
		default:
			n := int(math.Round(f))
			l.Score = &n
		}
	}
	portal, _ := hubSpotScalar(top["portal-id"])
	if portal == "" {
		portal, _ = hubSpotScalar(top["portalId"])
	}
	if portal = strings.TrimSpace(portal); isDigits(portal) && len(portal) <= 30 && l.ExternalID != "" {
		l.CRMURL = "https://app.hubspot.com/contacts/" + portal + "/record/0-1/" + objectID
	}
	l.Fields = hubSpotExtraFields(props)

	l.Normalize()
	if _, bad := errs["email"]; bad {
		// The email is there but unreadable: it is not missing.
		l.Email = "unreadable@invalid"
	}
	for k, v := range l.Validate() {
		if _, seen := errs[k]; !seen {
			errs[k] = v
		}
	}
	return l, errs, nil
}

// hubSpotExtraFields keeps the contact's other non-empty scalar properties,
// HubSpot's own ("hs_…") left out: at most armistice.MaxFields, the first by
// name, with values cut to armistice.MaxTextLen characters so that an extra
// never makes the lead invalid.
func hubSpotExtraFields(props map[string]json.RawMessage) map[string]string {
	names := make([]string, 0, len(props))
	for name := range props {
		if name == "" || utf8.RuneCountInString(name) > 100 || strings.HasPrefix(strings.ToLower(name), "hs_") ||
			slices.Contains(hubSpotMapped, name) || slices.Contains(hubSpotSkipped, name) {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	var fields map[string]string
	for _, name := range names {
		v, _ := hubSpotScalar(props[name])
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if utf8.RuneCountInString(v) > armistice.MaxTextLen {
			v = string([]rune(v)[:armistice.MaxTextLen-1]) + "…"
		}
		if fields == nil {
			fields = map[string]string{}
		}
		fields[name] = v
		if len(fields) == armistice.MaxFields {
			break
		}
	}
	return fields
}

// hubSpotScalar reads a property value: a string, number or boolean as text,
// or the "value" of an object such as the legacy {"value": …, "versions": […]}.
// Absent and null read as "" and true; other values (arrays, objects without
// a scalar "value") as "" and false.
func hubSpotScalar(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		// PostgreSQL text cannot hold NUL, and no contact detail needs it.
		return strings.ReplaceAll(s, "\x00", ""), true
	case '{':
		var obj struct {
			Value json.RawMessage `json:"value"`
		}
		if json.Unmarshal(raw, &obj) != nil || len(obj.Value) == 0 {
			return "", false
		}
		if v := bytes.TrimSpace(obj.Value); len(v) > 0 && (v[0] == '{' || v[0] == '[') {
			return "", false
		}
		return hubSpotScalar(obj.Value)
	case '[':
		return "", false
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return strconv.FormatBool(b), true
	}
	return "", false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
