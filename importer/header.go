package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/armistice/armistice"
)

// field is a lead field that a column can fill.
type field int

const (
	fExternalID field = iota
	fEmail
	fName
	fFirstName
	fLastName
	fCompany
	fTitle
	fPhone
	fSource
	fScore
	fPersona
	fSegment
	fRegion
	fCountry
	fCRMURL
	fNotes
	numFields
)

// fieldNames are the JSON names of the fields, as problems are keyed.
var fieldNames = [numFields]string{
	"external_id", "email", "name", "first name", "last name", "company", "title", "phone", "source",
	"score", "persona", "segment", "region", "country", "crm_url", "notes",
}

// aliases are the header texts each field is recognised by (compared by
// headerKey, so "external_id" also stands for "External ID" and "email" for
// "E-mail"), best first:
// when two columns name the same field, the better name wins and the other
// becomes an extra field.
var aliases = [numFields][]string{
	fExternalID: {"external_id", "Lead ID", "Record ID", "Contact ID", "ID"},
	fEmail:      {"email", "Email Address", "Work Email"},
	fName:       {"name", "Full Name", "Contact Name", "Lead Name"},
	fFirstName:  {"First Name", "Given Name"},
	fLastName:   {"Last Name", "Surname", "Family Name"},
	fCompany:    {"company", "Company Name", "Organization", "Organisation", "Account", "Account Name"},
	fTitle:      {"title", "Job Title", "Position", "Role"},
	fPhone:      {"phone", "Phone Number", "Mobile", "Mobile Phone", "Mobile Phone Number"},
	fSource:     {"source", "Lead Source", "Campaign", "Original Source", "Campaign Name"},
	fScore:      {"score", "Lead Score", "HubSpot Score"},
	fPersona:    {"persona", "Buyer Persona"},
	fSegment:    {"segment", "Industry"},
	fRegion:     {"region", "State", "State/Region", "Province"},
	fCountry:    {"country", "Country/Region"},
	fCRMURL:     {"crm_url", "CRM URL", "Record URL", "CRM Link"},
	fNotes:      {"notes", "Comments", "Description", "Note"},
}

type alias struct {
	field field
	rank  int
}

// byKey maps a normalized header text onto the field it names.
var byKey = func() map[string]alias {
	m := map[string]alias{}
	for f, names := range aliases {
		for rank, n := range names {
			m[headerKey(n)] = alias{field(f), rank}
		}
	}
	return m
}()

// headerKey is a header text reduced to lowercase letters and digits, so that
// "E-mail", "E_Mail" and "email" compare equal.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// extra is a column that goes to the lead's extra fields.
type extra struct {
	col int
	key string
}

// mapping says which column of a row fills which field of a lead.
type mapping struct {
	header  []string
	cols    [numFields]int // column index, or -1
	extras  []extra
	ignored []string // header texts beyond armistice.MaxFields extra columns
}

// HeaderError is a header line that cannot be mapped onto leads; nothing of
// the file is imported.
type HeaderError struct {
	Columns []string // the header texts as read
	Missing []string // what is missing, one sentence each
}

func (e *HeaderError) Error() string {
	cols := make([]string, 0, min(len(e.Columns), maxListed))
	for _, c := range e.Columns[:min(len(e.Columns), maxListed)] {
		cols = append(cols, fmt.Sprintf("%q", c))
	}
	list := strings.Join(cols, ", ")
	if len(e.Columns) > maxListed {
		list += fmt.Sprintf(" … and %d more", len(e.Columns)-maxListed)
	}
	return fmt.Sprintf("cannot map the columns onto leads: %s. The header has %d columns: %s",
		strings.Join(e.Missing, "; "), len(e.Columns), list)
}

// newMapping maps the header's columns onto lead fields.
func newMapping(header []string) (*mapping, error) {
	m := &mapping{header: make([]string, len(header))}
	for i := range m.cols {
		m.cols[i] = -1
	}
	ranks := [numFields]int{}
	for i, h := range header {
		// Header texts become the keys of extra fields: text Postgres takes.
		h = strings.ReplaceAll(strings.ToValidUTF8(strings.TrimSpace(h), "\uFFFD"), "\x00", "")
		m.header[i] = h
		a, ok := byKey[headerKey(h)]
		if !ok || h == "" {
			continue
		}
		if m.cols[a.field] < 0 || a.rank < ranks[a.field] {
			m.cols[a.field], ranks[a.field] = i, a.rank
		}
	}
	if m.cols[fName] >= 0 { // a full name wins; first and last names are kept as extra fields
		m.cols[fFirstName], m.cols[fLastName] = -1, -1
	}

	var missing []string
	if m.cols[fExternalID] < 0 {
		missing = append(missing, `no external ID column (name it "external_id", "ID", "Lead ID", "Record ID", "Contact ID" or "External ID")`)
	}
	hasName := m.cols[fName] >= 0 || m.cols[fFirstName] >= 0 || m.cols[fLastName] >= 0
	if m.cols[fEmail] < 0 && (!hasName || m.cols[fCompany] < 0) {
		missing = append(missing, `no email column ("Email", "E-mail", "Email Address", "Work Email"), `+
			`and not both a name ("Name", "Full Name", or "First Name" and "Last Name") and a company column ("Company", "Company Name", "Organization", "Account")`)
	}
	if len(missing) > 0 {
		return nil, &HeaderError{Columns: m.header, Missing: missing}
	}

	used := map[int]bool{}
	for _, c := range m.cols {
		used[c] = true
	}
	keys := map[string]bool{}
	for i, h := range m.header {
		if used[i] {
			continue
		}
		key := h
		if key == "" {
			key = fmt.Sprintf("column %d", i+1)
		}
		key = truncate(key, 90)
		for n := 2; keys[key]; n++ {
			key = fmt.Sprintf("%s (%d)", truncate(h, 90), n)
		}
		if len(m.extras) == armistice.MaxFields {
			m.ignored = append(m.ignored, key)
			continue
		}
		keys[key] = true
		m.extras = append(m.extras, extra{col: i, key: key})
	}
	return m, nil
}

// truncate cuts s to at most n runes.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// describe says in one line how the columns are read, for the summary.
func (m *mapping) describe() string {
	var parts []string
	for f := range numFields {
		c := m.cols[f]
		switch {
		case c < 0, f == fLastName && m.cols[fFirstName] >= 0:
			continue
		case f == fFirstName && m.cols[fLastName] >= 0:
			parts = append(parts, fmt.Sprintf("%s + %s → name", m.header[c], m.header[m.cols[fLastName]]))
		case f == fFirstName || f == fLastName:
			parts = append(parts, fmt.Sprintf("%s → name", m.header[c]))
		default:
			parts = append(parts, fmt.Sprintf("%s → %s", m.header[c], fieldNames[f]))
		}
	}
	s := strings.Join(parts, ", ")
	if len(m.extras) > 0 {
		keys := make([]string, len(m.extras))
		for i, e := range m.extras {
			keys[i] = e.key
		}
		s += "; extra fields: " + strings.Join(keys, ", ")
	}
	if len(m.ignored) > 0 {
		s += fmt.Sprintf("; ignored (more than %d extra fields): %s", armistice.MaxFields, strings.Join(m.ignored, ", "))
	}
	return s
}
