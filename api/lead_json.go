package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/armistice/armistice"
)

// decodeLeads reads one lead object or an array of them. Field errors are
// keyed by field name, prefixed with the index for an array ("3.score").
func decodeLeads(body []byte) (leads []armistice.Lead, isArray bool, fieldErrs map[string]string, err error) {
	trimmed := bytes.TrimSpace(body)
	fieldErrs = map[string]string{}
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		l, errs := decodeLead(trimmed)
		for k, v := range errs {
			fieldErrs[k] = v
		}
		return []armistice.Lead{l}, false, fieldErrs, nil
	case len(trimmed) > 0 && trimmed[0] == '[':
		var items []json.RawMessage
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return nil, true, nil, fmt.Errorf("the body is not valid JSON: %v", jsonProblem(err))
		}
		for i, item := range items {
			l, errs := decodeLead(item)
			for k, v := range errs {
				fieldErrs[fmt.Sprintf("%d.%s", i, k)] = v
			}
			leads = append(leads, l)
		}
		return leads, true, fieldErrs, nil
	}
	return nil, false, nil, errors.New("the body must be a JSON object (one lead) or an array of objects")
}

// textField is the lead's text field named key in the intake's JSON, nil
// for the others.
func textField(l *armistice.Lead, key string) *string {
	switch key {
	case "email":
		return &l.Email
	case "name":
		return &l.Name
	case "company":
		return &l.Company
	case "title":
		return &l.Title
	case "phone":
		return &l.Phone
	case "source":
		return &l.Source
	case "persona":
		return &l.Persona
	case "segment":
		return &l.Segment
	case "region":
		return &l.Region
	case "country":
		return &l.Country
	case "crm_url":
		return &l.CRMURL
	case "notes":
		return &l.Notes
	case "owner":
		return &l.OwnerHint
	}
	return nil
}

// decodeLead reads one lead object field by field, so that every field that
// cannot be read becomes its own field error.
func decodeLead(raw json.RawMessage) (armistice.Lead, map[string]string) {
	errs := map[string]string{}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		errs["_"] = "each lead must be a JSON object"
		return armistice.Lead{}, errs
	}
	var l armistice.Lead
	for key, value := range obj {
		switch target := textField(&l, key); {
		case target != nil:
			if string(value) != "null" && json.Unmarshal(value, target) != nil {
				errs[key] = "must be a string"
			}
		case key == "external_id":
			l.ExternalID = scalarString(value, key, errs)
		case key == "score":
			if string(value) == "null" {
				continue
			}
			if n, err := strconv.Atoi(strings.TrimSpace(scalarString(value, key, errs))); err == nil {
				l.Score = &n
			} else {
				errs[key] = "must be a whole number between 0 and 100"
			}
		case key == "fields":
			var fields map[string]json.RawMessage
			if string(value) != "null" && json.Unmarshal(value, &fields) != nil {
				errs[key] = "must be a JSON object of strings"
				continue
			}
			for k, v := range fields {
				if l.Fields == nil {
					l.Fields = make(map[string]string, len(fields))
				}
				l.Fields[k] = scalarString(v, "fields."+k, errs)
			}
		default:
			errs[key] = "unknown field; put extra values in \"fields\""
		}
	}
	if _, bad := errs["email"]; bad {
		// The email is there but unreadable: it is not missing.
		l.Email = "unreadable@invalid"
	}
	return l, errs
}

// scalarString reads a JSON string, number or boolean as text; other values
// are a field error.
func scalarString(raw json.RawMessage, field string, errs map[string]string) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return strconv.FormatBool(b)
	}
	errs[field] = "must be a string or a number"
	return ""
}

func jsonProblem(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("%s at byte %d", syn.Error(), syn.Offset)
	}
	return err.Error()
}
