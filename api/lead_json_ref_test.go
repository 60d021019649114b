package api

// The intake's first decoder, on jsontext (the streaming layer of
// encoding/json/v2), kept as the reference the fuzz tests compare
// decodeLeads with: the same leads, the same field errors, the same
// bodies refused. It shares the field names (textField), the error keys
// (fieldKey) and the refusal's wording (notJSON) with decodeLeads.

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/armistice/armistice"
)

// refDecodeLeads reads one lead object or an array of them. Field errors are
// keyed by field name, prefixed with the index for an array ("3.score").
//
// It reads the body token by token straight into the leads (jsontext, the
// streaming layer of encoding/json/v2), so that a field of the wrong type is
// one field error among the others rather than the end of the decoding, and
// no intermediate map or copy of each lead is made. A body that is not JSON
// at all is an error.
func refDecodeLeads(body []byte) (leads []armistice.Lead, isArray bool, fieldErrs map[string]string, err error) {
	fieldErrs = map[string]string{}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') {
		return nil, false, nil, errors.New("the body must be a JSON object (one lead) or an array of objects")
	}
	isArray = trimmed[0] == '['
	// Repeated names keep the last value and invalid UTF-8 reads as U+FFFD,
	// as encoding/json has it.
	dec := jsontext.NewDecoder(bytes.NewBuffer(trimmed), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if !isArray {
		l, err := refDecodeLead(dec, -1, fieldErrs)
		if err != nil {
			return nil, false, nil, notJSON(err)
		}
		leads = []armistice.Lead{l}
	} else {
		if _, err := dec.ReadToken(); err != nil {
			return nil, true, nil, notJSON(err)
		}
		for i := 0; dec.PeekKind() != ']'; i++ {
			l, err := refDecodeLead(dec, i, fieldErrs)
			if err != nil {
				return nil, true, nil, notJSON(err)
			}
			leads = append(leads, l)
		}
		if _, err := dec.ReadToken(); err != nil {
			return nil, true, nil, notJSON(err)
		}
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one value")
		}
		return nil, isArray, nil, notJSON(err)
	}
	return leads, isArray, fieldErrs, nil
}

// refDecodeLead reads the next value as one lead, field by field, so that
// every field that cannot be read becomes its own field error (keyed by
// fieldKey). A value that is not an object is a field error "_". The error
// returned is the JSON's, which ends the decoding.
func refDecodeLead(dec *jsontext.Decoder, index int, errs map[string]string) (armistice.Lead, error) {
	var l armistice.Lead
	if dec.PeekKind() != '{' {
		errs[fieldKey(index, "_")] = "each lead must be a JSON object"
		return l, dec.SkipValue()
	}
	if _, err := dec.ReadToken(); err != nil {
		return l, err
	}
	for dec.PeekKind() != '}' {
		key, err := refReadString(dec)
		if err != nil {
			return l, err
		}
		var problem string
		switch target := textField(&l, key); {
		case target != nil:
			*target, problem, err = refReadText(dec)
		case key == "external_id":
			l.ExternalID, problem, err = refReadScalar(dec)
		case key == "score":
			l.Score, problem, err = refReadScore(dec)
		case key == "fields":
			l.Fields, err = refReadFields(dec, index, errs)
		default:
			problem = "unknown field; put extra values in \"fields\""
			err = dec.SkipValue()
		}
		if err != nil {
			return l, err
		}
		if problem != "" {
			errs[fieldKey(index, key)] = problem
			if key == "email" {
				// The email is there but unreadable: it is not missing.
				l.Email = "unreadable@invalid"
			}
		}
	}
	_, err := dec.ReadToken()
	return l, err
}

// refReadText reads a JSON string (null reads as empty); another value is
// the problem returned.
func refReadText(dec *jsontext.Decoder) (value, problem string, err error) {
	switch dec.PeekKind() {
	case '"':
		v, err := refReadString(dec)
		return v, "", err
	case 'n':
		_, err := dec.ReadToken()
		return "", "", err
	}
	return "", "must be a string", dec.SkipValue()
}

// refReadString reads the next value, a JSON string or an object's name, as
// Go text. Most hold no escape and are valid UTF-8: they are copied
// straight from the body; the others are unquoted, invalid UTF-8 read as
// U+FFFD.
func refReadString(dec *jsontext.Decoder) (string, error) {
	raw, err := dec.ReadValue()
	if err != nil {
		return "", err
	}
	if inner := raw[1 : len(raw)-1]; bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner), nil
	}
	text, _ := jsontext.AppendUnquote(nil, raw) // the only error left: invalid UTF-8, replaced
	return string(text), nil
}

// refReadScalar reads a JSON string, number or boolean as text (null reads as
// empty); an object or an array is the problem returned.
func refReadScalar(dec *jsontext.Decoder) (value, problem string, err error) {
	switch dec.PeekKind() {
	case '"':
		v, err := refReadString(dec)
		return v, "", err
	case '0', 't', 'f':
		tok, err := dec.ReadToken()
		return tok.String(), "", err
	case 'n':
		_, err := dec.ReadToken()
		return "", "", err
	}
	return "", "must be a string or a number", dec.SkipValue()
}

// refReadScore reads a whole number, given as a number or a string; null is
// no score.
func refReadScore(dec *jsontext.Decoder) (score *int, problem string, err error) {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return nil, "", err
	case '"', '0':
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, "", err
		}
		if n, err := strconv.Atoi(strings.TrimSpace(tok.String())); err == nil {
			return &n, "", nil
		}
	default:
		if err := dec.SkipValue(); err != nil {
			return nil, "", err
		}
	}
	return nil, "must be a whole number between 0 and 100", nil
}

// refReadFields reads the object of extra values, each a string, number or
// boolean kept as text; its problems are field errors of the lead at index
// ("fields", "fields.plan").
func refReadFields(dec *jsontext.Decoder, index int, errs map[string]string) (map[string]string, error) {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return nil, err
	case '{':
	default:
		errs[fieldKey(index, "fields")] = "must be a JSON object of strings"
		return nil, dec.SkipValue()
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	var fields map[string]string
	for dec.PeekKind() != '}' {
		k, err := refReadString(dec)
		if err != nil {
			return nil, err
		}
		v, problem, err := refReadScalar(dec)
		if err != nil {
			return nil, err
		}
		if problem != "" {
			errs[fieldKey(index, "fields."+k)] = problem
		}
		if fields == nil {
			fields = make(map[string]string, 8)
		}
		fields[k] = v
	}
	_, err := dec.ReadToken()
	return fields, err
}
