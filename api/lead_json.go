package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// decodeLeads reads one lead object or an array of them. Field errors are
// keyed by field name, prefixed with the index for an array ("3.score").
//
// It reads the body in one pass straight into the leads (leadReader), so
// that a field of the wrong type is one field error among the others
// rather than the end of the decoding, and no intermediate map or copy of
// each lead is made. A body that is not JSON at all is an error.
func decodeLeads(body []byte) (leads []armistice.Lead, isArray bool, fieldErrs map[string]string, err error) {
	left := bytes.TrimLeftFunc(body, unicode.IsSpace)
	trimmed := bytes.TrimRightFunc(left, unicode.IsSpace)
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') {
		return nil, false, nil, errors.New("the body must be a JSON object (one lead) or an array of objects")
	}
	isArray = trimmed[0] == '['
	r := &leadReader{s: string(trimmed), skipped: len(body) - len(left), errs: map[string]string{}}
	if !isArray {
		l, err := r.lead(-1)
		if err != nil {
			return nil, false, nil, notJSON(err)
		}
		leads = []armistice.Lead{l}
	} else {
		r.i++ // [
		if r.peek() == ']' {
			r.i++
		} else {
			// Room for as many leads as the body could hold at 200 bytes
			// each, a lead with a few fields; a longer array grows.
			leads = make([]armistice.Lead, 0, min(len(r.s)/200+1, handlers.MaxBatch))
			for {
				l, err := r.lead(len(leads))
				if err != nil {
					return nil, true, nil, notJSON(err)
				}
				leads = append(leads, l)
				if more, err := r.next(']'); err != nil {
					return nil, true, nil, notJSON(err)
				} else if !more {
					break
				}
			}
		}
	}
	if r.peek(); r.i < len(r.s) {
		return nil, isArray, nil, notJSON(r.unexpected())
	}
	return leads, isArray, r.errs, nil
}

// notJSON is the error of a body that cannot be read as JSON.
func notJSON(err error) error {
	return fmt.Errorf("the body is not valid JSON: %v", err)
}

// leadReader reads the intake's JSON (RFC 8259) in one pass: the values of
// the leads' fields, and past any other value, checking its syntax. As
// encoding/json has it, a repeated name keeps its last value and invalid
// UTF-8 reads as U+FFFD. Text without escapes or invalid UTF-8, nearly all
// of it, is a substring of the body: the body is copied once rather than
// each value.
type leadReader struct {
	s       string            // the body, white space around it trimmed
	skipped int               // the bytes of white space trimmed before it
	i       int               // the offset in s of the next byte to read
	errs    map[string]string // the field errors, keyed by fieldKey
}

// at is where offset i of s is in the body, for error messages.
func (r *leadReader) at(i int) int { return r.skipped + i }

// maxDepth bounds the nesting of the values read past (an unknown field's),
// as encoding/json bounds it.
const maxDepth = 10000

// peek skips whitespace and returns the next byte, 0 at the end.
func (r *leadReader) peek() byte {
	for ; r.i < len(r.s); r.i++ {
		switch c := r.s[r.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// unexpected is the syntax error at the next byte.
func (r *leadReader) unexpected() error {
	if r.i >= len(r.s) {
		return errors.New("unexpected end of the body")
	}
	return fmt.Errorf("invalid character %q at byte %d", r.s[r.i], r.at(r.i))
}

// next reads what follows a member of an object or an element of an array
// (closing: '}' or ']'): true after a comma, false after the end.
func (r *leadReader) next(closing byte) (more bool, err error) {
	switch r.peek() {
	case ',':
		r.i++
		return true, nil
	case closing:
		r.i++
		return false, nil
	}
	return false, r.unexpected()
}

// members reads an object, the next value, calling member for each name
// once the reader is past its colon; member reads the value.
func (r *leadReader) members(member func(name string) error) error {
	if r.peek() != '{' {
		return r.unexpected()
	}
	r.i++
	if r.peek() == '}' {
		r.i++
		return nil
	}
	for {
		if r.peek() != '"' {
			return r.unexpected()
		}
		name, err := r.str()
		if err != nil {
			return err
		}
		if r.peek() != ':' {
			return r.unexpected()
		}
		r.i++
		if err := member(name); err != nil {
			return err
		}
		if more, err := r.next('}'); err != nil || !more {
			return err
		}
	}
}

// fieldKey names a field in the field errors: "email" for the lead of a
// single-lead body (index -1), "3.email" for the fourth of an array. It is
// built only for a field that has an error.
func fieldKey(index int, name string) string {
	if index < 0 {
		return name
	}
	return strconv.Itoa(index) + "." + name
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

// lead reads the next value as one lead, field by field, so that every
// field that cannot be read becomes its own field error (keyed by
// fieldKey). A value that is not an object is a field error "_". The error
// returned is the JSON's, which ends the decoding.
func (r *leadReader) lead(index int) (armistice.Lead, error) {
	var l armistice.Lead
	if r.peek() != '{' {
		r.errs[fieldKey(index, "_")] = "each lead must be a JSON object"
		return l, r.skip(0)
	}
	err := r.members(func(key string) error {
		var problem string
		var err error
		switch target := textField(&l, key); {
		case target != nil:
			*target, problem, err = r.text()
		case key == "external_id":
			l.ExternalID, problem, err = r.scalar()
		case key == "score":
			l.Score, problem, err = r.score()
		case key == "fields":
			l.Fields, err = r.fields(index)
		default:
			problem = "unknown field; put extra values in \"fields\""
			err = r.skip(0)
		}
		if err != nil {
			return err
		}
		if problem != "" {
			r.errs[fieldKey(index, key)] = problem
			if key == "email" {
				// The email is there but unreadable: it is not missing.
				l.Email = "unreadable@invalid"
			}
		}
		return nil
	})
	return l, err
}

// text reads a JSON string (null reads as empty); another value is the
// problem returned.
func (r *leadReader) text() (value, problem string, err error) {
	switch r.peek() {
	case '"':
		v, err := r.str()
		return v, "", err
	case 'n':
		return "", "", r.literal("null")
	}
	return "", "must be a string", r.skip(0)
}

// scalar reads a JSON string, number or boolean as text (null reads as
// empty); an object or an array is the problem returned.
func (r *leadReader) scalar() (value, problem string, err error) {
	switch c := r.peek(); {
	case c == '"':
		v, err := r.str()
		return v, "", err
	case c == '-' || c >= '0' && c <= '9':
		v, err := r.number()
		return v, "", err
	case c == 't':
		return "true", "", r.literal("true")
	case c == 'f':
		return "false", "", r.literal("false")
	case c == 'n':
		return "", "", r.literal("null")
	}
	return "", "must be a string or a number", r.skip(0)
}

// score reads a whole number, given as a number or a string; null is no
// score.
func (r *leadReader) score() (score *int, problem string, err error) {
	var text string
	switch c := r.peek(); {
	case c == 'n':
		return nil, "", r.literal("null")
	case c == '"':
		text, err = r.str()
	case c == '-' || c >= '0' && c <= '9':
		text, err = r.number()
	default:
		err = r.skip(0)
	}
	if err != nil {
		return nil, "", err
	}
	if n, err := strconv.Atoi(strings.TrimSpace(text)); err == nil {
		return &n, "", nil
	}
	return nil, "must be a whole number between 0 and 100", nil
}

// fields reads the object of extra values, each a string, number or
// boolean kept as text; its problems are field errors of the lead at index
// ("fields", "fields.plan").
func (r *leadReader) fields(index int) (map[string]string, error) {
	switch r.peek() {
	case 'n':
		return nil, r.literal("null")
	case '{':
	default:
		r.errs[fieldKey(index, "fields")] = "must be a JSON object of strings"
		return nil, r.skip(0)
	}
	var fields map[string]string
	err := r.members(func(k string) error {
		v, problem, err := r.scalar()
		if err != nil {
			return err
		}
		if problem != "" {
			r.errs[fieldKey(index, "fields."+k)] = problem
		}
		if fields == nil {
			fields = make(map[string]string, 8)
		}
		fields[k] = v
		return nil
	})
	return fields, err
}

// skip reads past the next value, nested depth deep, checking its syntax.
func (r *leadReader) skip(depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("values nested more than %d deep at byte %d", maxDepth, r.at(r.i))
	}
	switch c := r.peek(); {
	case c == '"':
		_, err := r.str()
		return err
	case c == '-' || c >= '0' && c <= '9':
		_, err := r.number()
		return err
	case c == 't':
		return r.literal("true")
	case c == 'f':
		return r.literal("false")
	case c == 'n':
		return r.literal("null")
	case c == '{':
		return r.members(func(string) error { return r.skip(depth + 1) })
	case c == '[':
		r.i++
		if r.peek() == ']' {
			r.i++
			return nil
		}
		for {
			if err := r.skip(depth + 1); err != nil {
				return err
			}
			if more, err := r.next(']'); err != nil || !more {
				return err
			}
		}
	}
	return r.unexpected()
}

// literal reads true, false or null.
func (r *leadReader) literal(word string) error {
	if strings.HasPrefix(r.s[r.i:], word) {
		r.i += len(word)
		return nil
	}
	for r.i < len(r.s) && r.s[r.i] == word[0] { // to the first byte that differs
		r.i++
		word = word[1:]
	}
	return r.unexpected()
}

// number reads a JSON number and returns it as written.
func (r *leadReader) number() (string, error) {
	start := r.i
	if r.i < len(r.s) && r.s[r.i] == '-' {
		r.i++
	}
	switch {
	case r.i < len(r.s) && r.s[r.i] == '0':
		r.i++
	case r.digits() == 0:
		return "", r.unexpected()
	}
	if r.i < len(r.s) && r.s[r.i] == '.' {
		r.i++
		if r.digits() == 0 {
			return "", r.unexpected()
		}
	}
	if r.i < len(r.s) && (r.s[r.i] == 'e' || r.s[r.i] == 'E') {
		r.i++
		if r.i < len(r.s) && (r.s[r.i] == '+' || r.s[r.i] == '-') {
			r.i++
		}
		if r.digits() == 0 {
			return "", r.unexpected()
		}
	}
	return r.s[start:r.i], nil
}

// digits reads decimal digits and says how many.
func (r *leadReader) digits() int {
	start := r.i
	for r.i < len(r.s) && r.s[r.i] >= '0' && r.s[r.i] <= '9' {
		r.i++
	}
	return r.i - start
}

// str reads a JSON string, a value or a name, as Go text. A string
// without escapes, control characters or invalid UTF-8, nearly all of
// them, is a substring of the body, found by searching rather than byte by
// byte; the others are built.
func (r *leadReader) str() (string, error) {
	r.i++ // "
	start := r.i
	end := strings.IndexByte(r.s[start:], '"')
	if end < 0 {
		return r.build(start)
	}
	text := r.s[start : start+end]
	if strings.IndexByte(text, '\\') >= 0 || !utf8.ValidString(text) || hasControl(text) {
		return r.build(start)
	}
	r.i = start + end + 1
	return text, nil
}

// hasControl tells whether s, valid UTF-8, holds a byte below ' ', eight
// bytes at a time.
func hasControl(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte below 0x20 borrows in x - 0x20…; bytes of 0x80 and above,
		// whose high bit is set already, are masked out by ^x.
		if (x-0x20*ones)&^x&highs != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] < ' ' {
			return true
		}
	}
	return false
}

// build reads a string that holds an escape or invalid UTF-8 (read as
// U+FFFD), or a control character (an error), from its first byte, start.
func (r *leadReader) build(start int) (string, error) {
	var b []byte
	for r.i = start; r.i < len(r.s); {
		c := r.s[r.i]
		switch {
		case c == '"':
			r.i++
			return string(b), nil
		case c == '\\':
			var err error
			if b, err = r.escape(b); err != nil {
				return "", err
			}
			continue
		case c < ' ':
			return "", r.control()
		case c < utf8.RuneSelf:
			b = append(b, c)
			r.i++
			continue
		}
		ch, size := utf8.DecodeRuneInString(r.s[r.i:])
		b = utf8.AppendRune(b, ch) // U+FFFD for a byte of invalid UTF-8
		r.i += size
	}
	return "", r.unexpected()
}

// control is the error of a control character in a string, which JSON
// wants escaped.
func (r *leadReader) control() error {
	return fmt.Errorf("control character %q in a string at byte %d", r.s[r.i], r.at(r.i))
}

// escape reads the escape sequence at the reader and appends the text it
// stands for to b. A surrogate \u escape not paired with its other half
// reads as U+FFFD.
func (r *leadReader) escape(b []byte) ([]byte, error) {
	if r.i+1 >= len(r.s) {
		r.i = len(r.s)
		return nil, r.unexpected()
	}
	r.i++
	c := r.s[r.i]
	r.i++
	switch c {
	case '"', '\\', '/':
		return append(b, c), nil
	case 'b':
		return append(b, '\b'), nil
	case 'f':
		return append(b, '\f'), nil
	case 'n':
		return append(b, '\n'), nil
	case 'r':
		return append(b, '\r'), nil
	case 't':
		return append(b, '\t'), nil
	case 'u':
		ch, err := r.hex4()
		if err != nil {
			return nil, err
		}
		if utf16.IsSurrogate(ch) {
			second := rune(-1)
			if strings.HasPrefix(r.s[r.i:], `\u`) {
				save := r.i
				r.i += 2
				if second, err = r.hex4(); err != nil {
					return nil, err
				}
				if utf16.DecodeRune(ch, second) == utf8.RuneError {
					r.i = save // not its pair: read on its own
				}
			}
			ch = utf16.DecodeRune(ch, second)
		}
		return utf8.AppendRune(b, ch), nil
	}
	r.i -= 2
	return nil, fmt.Errorf("invalid escape %q in a string at byte %d", r.s[r.i:r.i+2], r.at(r.i))
}

// hex4 reads the four hexadecimal digits of a \u escape.
func (r *leadReader) hex4() (rune, error) {
	if r.i+4 > len(r.s) {
		r.i = len(r.s)
		return 0, r.unexpected()
	}
	n, err := strconv.ParseUint(r.s[r.i:r.i+4], 16, 16)
	if err != nil {
		return 0, fmt.Errorf("invalid \\u escape at byte %d", r.at(r.i-2))
	}
	r.i += 4
	return rune(n), nil
}

// jsonProblem says where encoding/json found a body not to be JSON.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("%s at byte %d", syn.Error(), syn.Offset)
	}
	return err.Error()
}
