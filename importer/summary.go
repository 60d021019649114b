package importer

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxListed is how many refused rows and duplicate lines a summary lists.
const maxListed = 50

// Summary is what an import came to.
type Summary struct {
	DryRun   bool
	Announce bool
	Columns  string // how the columns were read

	Read      int // data rows read, blank ones aside
	Stored    int // new leads stored (for a dry run: that would be)
	Duplicate int
	Refused   int
	Blank     int // blank rows skipped

	RefusedRows    []RefusedRow // the first maxListed
	DuplicateLines []int        // the first maxListed
}

// RefusedRow is a row that was not stored, and why.
type RefusedRow struct {
	Line    int
	Reasons []string // "field: message"
}

func (s *Summary) refuse(line int, reasons []string) {
	s.Refused++
	if len(s.RefusedRows) < maxListed {
		s.RefusedRows = append(s.RefusedRows, RefusedRow{Line: line, Reasons: reasons})
	}
}

func (s *Summary) duplicate(line int) {
	s.Duplicate++
	if len(s.DuplicateLines) < maxListed {
		s.DuplicateLines = append(s.DuplicateLines, line)
	}
}

// Write prints the summary for a person to read.
func (s *Summary) Write(w io.Writer) error {
	var b strings.Builder
	if s.DryRun {
		b.WriteString("dry run: nothing was stored\n")
	}
	fmt.Fprintf(&b, "columns: %s\n", s.Columns)
	fmt.Fprintf(&b, "rows read: %d\n", s.Read)
	if s.DryRun {
		fmt.Fprintf(&b, "would be stored: %d\n", s.Stored)
	} else {
		fmt.Fprintf(&b, "stored: %d\n", s.Stored)
	}
	fmt.Fprintf(&b, "duplicate: %d\n", s.Duplicate)
	fmt.Fprintf(&b, "refused: %d\n", s.Refused)
	if s.Blank > 0 {
		fmt.Fprintf(&b, "blank rows skipped: %d\n", s.Blank)
	}
	switch {
	case s.DryRun || s.Stored == 0:
	case s.Announce:
		fmt.Fprintf(&b, "announced: the %d new leads are queued for the sales channel\n", s.Stored)
	default:
		b.WriteString("announced: no, stored quietly (--announce posts new leads to the sales channel)\n")
	}
	if len(s.RefusedRows) > 0 {
		b.WriteString("refused rows:\n")
		for _, r := range s.RefusedRows {
			fmt.Fprintf(&b, "  line %d: %s\n", r.Line, strings.Join(r.Reasons, "; "))
		}
		if more := s.Refused - len(s.RefusedRows); more > 0 {
			fmt.Fprintf(&b, "  … and %d more\n", more)
		}
	}
	if len(s.DuplicateLines) > 0 {
		lines := make([]string, len(s.DuplicateLines))
		for i, l := range s.DuplicateLines {
			lines[i] = strconv.Itoa(l)
		}
		word := "lines"
		if s.Duplicate == 1 {
			word = "line"
		}
		fmt.Fprintf(&b, "duplicate rows (external_id already stored or earlier in the file): %s %s", word, strings.Join(lines, ", "))
		if more := s.Duplicate - len(s.DuplicateLines); more > 0 {
			fmt.Fprintf(&b, " … and %d more", more)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
