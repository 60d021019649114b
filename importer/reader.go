package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// maxRowBytes bounds one row. A longer one is taken as a file that cannot be
// read (an unclosed quote swallowing the rest of the file, or no CSV at all),
// so that memory stays bounded whatever the file holds.
const maxRowBytes = 4 << 20

// errRowTooLong stops the reading of a row longer than maxRowBytes.
var errRowTooLong = fmt.Errorf("a row longer than %d MiB (an unclosed quote?)", maxRowBytes>>20)

// Row is one data row of a file.
type Row struct {
	Line int            // the file's line where the row starts; the header is line 1
	Lead armistice.Lead // normalized
	// Problems say why the row cannot be stored, as "field: message",
	// sorted; none when the lead is valid.
	Problems []string
}

// Reader reads leads from a CSV file, one row at a time, in constant memory.
type Reader struct {
	csv     *csv.Reader
	guard   *guard
	m       *mapping
	colKeys []string // per column, the name its problems go by ("" for an ignored column)
	one     [1]armistice.Lead
	last    int // line of the last row read
	blank   int
}

// NewReader reads the header line of r and maps its columns onto lead
// fields. It detects the delimiter (',' or ';') from the header line and
// skips a UTF-8 byte order mark. A header that cannot be mapped is a
// *HeaderError.
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading the file: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, errors.New("the file is UTF-16 text; save it as CSV UTF-8 (comma delimited)")
	}
	g := &guard{r: br}
	c := csv.NewReader(g)
	c.Comma = delimiter(head)
	c.ReuseRecord = true
	header, err := c.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, errors.New("the file is empty: no header line")
	case err != nil:
		return nil, fmt.Errorf("header line: %w", err)
	}
	m, err := newMapping(header)
	if err != nil {
		return nil, err
	}
	c.FieldsPerRecord = len(header)
	rd := &Reader{csv: c, guard: g, m: m, colKeys: make([]string, len(header)), last: 1}
	for f, col := range m.cols {
		if col >= 0 {
			rd.colKeys[col] = fieldNames[f]
			if field(f) == fFirstName || field(f) == fLastName {
				rd.colKeys[col] = "name"
			}
		}
	}
	for _, e := range m.extras {
		rd.colKeys[e.col] = "fields." + e.key
	}
	return rd, nil
}

// delimiter is ';' when the header line has more semicolons than commas
// outside quotes, else ','.
func delimiter(head []byte) rune {
	commas, semis, quoted := 0, 0, false
	for _, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			if semis > commas {
				return ';'
			}
			return ','
		case b == ',':
			commas++
		case b == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// Columns says in one line how the columns are read.
func (r *Reader) Columns() string { return r.m.describe() }

// Blank is the number of blank rows skipped so far.
func (r *Reader) Blank() int { return r.blank }

// Next returns the next row, or io.EOF after the last. A row that cannot
// be parsed (a wrong number of fields, a bad quote) comes back with its
// problem; only a file that cannot be read further is an error.
func (r *Reader) Next() (Row, error) {
	for {
		r.guard.n = 0
		rec, err := r.csv.Read()
		if errors.Is(err, io.EOF) {
			return Row{}, io.EOF
		}
		if pe, ok := errors.AsType[*csv.ParseError](err); ok {
			r.last = pe.StartLine
			if errors.Is(pe.Err, csv.ErrFieldCount) && blank(rec) { // a line of spaces
				r.blank++
				continue
			}
			return Row{Line: pe.StartLine, Problems: []string{parseProblem(pe, len(rec), len(r.m.header))}}, nil
		}
		if err != nil {
			return Row{}, fmt.Errorf("after line %d: %w", r.last, err)
		}
		r.last, _ = r.csv.FieldPos(0)
		if blank(rec) {
			r.blank++
			continue
		}
		return r.row(r.last, rec), nil
	}
}

func parseProblem(pe *csv.ParseError, got, want int) string {
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		if got == 1 {
			return fmt.Sprintf("csv: 1 field, the header has %d", want)
		}
		return fmt.Sprintf("csv: %d fields, the header has %d", got, want)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf(`csv: a " in a field that is not quoted (line %d, column %d)`, pe.Line, pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Sprintf(`csv: a stray or missing " in a quoted field (line %d, column %d)`, pe.Line, pe.Column)
	}
	return "csv: " + pe.Err.Error()
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// row maps a record onto a lead, normalizes and validates it.
func (r *Reader) row(line int, rec []string) Row {
	m := r.m
	get := func(f field) string {
		if c := m.cols[f]; c >= 0 {
			return rec[c]
		}
		return ""
	}
	problems := map[string]string{}
	l := armistice.Lead{
		ExternalID: get(fExternalID), Email: get(fEmail), Name: get(fName), Company: get(fCompany),
		Title: get(fTitle), Phone: get(fPhone), Source: get(fSource), Persona: get(fPersona),
		Segment: get(fSegment), Region: get(fRegion), Country: get(fCountry), CRMURL: get(fCRMURL), Notes: get(fNotes),
	}
	if m.cols[fName] < 0 {
		l.Name = strings.TrimSpace(strings.TrimSpace(get(fFirstName)) + " " + strings.TrimSpace(get(fLastName)))
	}
	if s := strings.TrimSpace(get(fScore)); s != "" {
		if n, ok := parseScore(s); ok {
			l.Score = &n
		} else {
			problems["score"] = "not a number"
		}
	}
	for _, e := range m.extras {
		v := strings.TrimSpace(rec[e.col])
		if v == "" {
			continue
		}
		if l.Fields == nil {
			l.Fields = make(map[string]string, len(m.extras))
		}
		l.Fields[e.key] = v
	}

	r.one[0] = l
	for k, v := range handlers.ValidateLeads(r.one[:]) {
		if _, ok := problems[k]; !ok {
			problems[k] = v
		}
	}
	l = r.one[0]
	r.one[0] = armistice.Lead{}
	// Postgres takes neither invalid UTF-8 nor NUL in text.
	for i, v := range rec {
		if r.colKeys[i] == "" {
			continue
		}
		if !utf8.ValidString(v) {
			problems[r.colKeys[i]] = "not UTF-8 text (save the file as CSV UTF-8)"
		} else if strings.IndexByte(v, 0) >= 0 {
			problems[r.colKeys[i]] = "contains a NUL character"
		}
	}
	row := Row{Line: line, Lead: l}
	if len(problems) > 0 {
		row.Problems = make([]string, 0, len(problems))
		for k, v := range problems {
			row.Problems = append(row.Problems, k+": "+v)
		}
		slices.Sort(row.Problems)
	}
	return row
}

// parseScore reads a score such as "87" or "87.5" (rounded).
func parseScore(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(math.Round(f)), true
}

// guard fails the read of a row once it has read more than maxRowBytes.
type guard struct {
	r io.Reader
	n int64 // bytes read since the row began
}

func (g *guard) Read(p []byte) (int, error) {
	if g.n > maxRowBytes {
		return 0, errRowTooLong
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}
