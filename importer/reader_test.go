package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/armistice/armistice"
)

func TestHeaderKeyIgnoresCaseSpacesAndPunctuation(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"E-mail", "email"}, {"external_id", "externalid"}, {" Lead ID ", "leadid"},
		{"State/Region", "stateregion"}, {"HUBSPOT_SCORE", "hubspotscore"}, {"Número", "número"},
	} {
		if got := headerKey(tt.in); got != tt.want {
			t.Errorf("headerKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMappingPrefersTheBetterNameAndKeepsTheOtherAsExtraField(t *testing.T) {
	t.Parallel()
	m, err := newMapping([]string{"ID", "Work Email", "Record ID", "E-Mail", "Name", "First Name", "Region", "State", "", "Notes", "notes"})
	if err != nil {
		t.Fatal(err)
	}
	for f, col := range map[field]int{fExternalID: 2, fEmail: 3, fName: 4, fFirstName: -1, fRegion: 6, fNotes: 9} {
		if m.cols[f] != col {
			t.Errorf("%s from column %d, want %d", fieldNames[f], m.cols[f], col)
		}
	}
	var keys []string
	for _, e := range m.extras {
		keys = append(keys, e.key)
	}
	if got, want := strings.Join(keys, "|"), "ID|Work Email|First Name|State|column 9|notes"; got != want {
		t.Errorf("extra fields %s, want %s", got, want)
	}
}

func TestMappingKeepsAtMostMaxFieldsExtraColumns(t *testing.T) {
	t.Parallel()
	header := []string{"ID", "Email", "x", "x", strings.Repeat("long", 40)}
	for i := range armistice.MaxFields {
		header = append(header, fmt.Sprintf("extra %d", i))
	}
	m, err := newMapping(header)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.extras) != armistice.MaxFields || len(m.ignored) != 3 {
		t.Fatalf("%d extra fields and %d ignored, want %d and 3", len(m.extras), len(m.ignored), armistice.MaxFields)
	}
	if m.extras[1].key != "x (2)" || utf8.RuneCountInString(m.extras[2].key) != 90 {
		t.Errorf("keys %q, %q: want repeated names numbered and long ones cut", m.extras[1].key, m.extras[2].key)
	}
}

func TestDelimiterComesFromTheHeaderLine(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		head string
		want rune
	}{
		{"a,b,c\n1;2;3;4;5\n", ','}, {"a;b;c\n", ';'}, {`"a;b",c` + "\n", ','}, {`"x,y";b;c`, ';'}, {"abc", ','},
	} {
		if got := delimiter([]byte(tt.head)); got != tt.want {
			t.Errorf("delimiter(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestRowsWithBadEncodingAreRefused(t *testing.T) {
	t.Parallel()
	file := "ID,Email,Name,Company,Colour\n" +
		"a,a@example.com,Jos\xe9,Acme,\n" +
		"b,b@example.com,Ana,Ac\x00me,\n" +
		"c,c@example.com,Ana,Acme,r\xe9d\n"
	r, err := NewReader(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"name: not UTF-8 text (save the file as CSV UTF-8)",
		"company: contains a NUL character",
		"fields.Colour: not UTF-8 text (save the file as CSV UTF-8)",
	}
	for i, w := range want {
		row, err := r.Next()
		if err != nil || row.Line != i+2 || strings.Join(row.Problems, "; ") != w {
			t.Errorf("row %d: %+v, %v; want %q", i, row, err, w)
		}
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the last row: %v", err)
	}
}

func TestUTF16FileIsRefusedSayingHowToSaveIt(t *testing.T) {
	t.Parallel()
	_, err := NewReader(bytes.NewReader([]byte{0xFF, 0xFE, 'I', 0, 'D', 0}))
	if err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("error %v", err)
	}
}

// FuzzCSVReader: whatever the bytes, reading neither panics nor yields a
// lead that would not pass validation or that Postgres could not store.
func FuzzCSVReader(f *testing.F) {
	for _, seed := range []string{
		"external_id,email,name,company,score\nL1,ana@example.com,Ana,Acme,87\n,x,,,\n",
		"\uFEFFLead ID;E-mail;First Name;Last Name;Organization\nhs-1;a@b.co;Ana;Ruiz;Acme\n",
		"ID,Email,Extra\n\"a\"\"b\",\"x@y.z\",\"multi\nline\"\nc,d\n\"unclosed,e@f.g,h\n",
		"ID,Full Name,Account,Lead Score,CRM URL,Persona\n1,A,B,1e3,http://x,Bad Slug\n2,A,B,NaN,ftp://x,ok\n",
		"ID,Email\n\x00,\xff@x.y\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		last := 1
		for range 10000 {
			row, err := r.Next()
			if err != nil {
				return
			}
			if row.Line <= last {
				t.Fatalf("row at line %d after line %d", row.Line, last)
			}
			last = row.Line
			if len(row.Problems) > 0 {
				continue
			}
			l := row.Lead
			if errs := l.Validate(); len(errs) > 0 {
				t.Fatalf("lead %+v yielded without problems fails validation: %v", l, errs)
			}
			texts := []string{l.ExternalID, l.Email, l.Name, l.Company, l.Title, l.Phone, l.Source, l.Persona,
				l.Segment, l.Region, l.Country, l.CRMURL, l.Notes}
			for k, v := range l.Fields {
				texts = append(texts, k, v)
			}
			for _, s := range texts {
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Fatalf("lead %+v holds text Postgres refuses: %q", l, s)
				}
			}
		}
	})
}
