package importer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
	"github.com/armistice/armistice/importer"
	"github.com/armistice/armistice/jobs"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

type testBundle struct {
	db *storage.DB
	im *importer.Importer
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	db := storagetest.DB(t)
	enq, err := jobs.NewEnqueuer(db.Pool(), false)
	if err != nil {
		t.Fatal(err)
	}
	svc := handlers.New(handlers.Config{DB: db, Jobs: enq})
	// One lead stored before the import, which the file repeats.
	if _, err := svc.TakeLeads(context.Background(), []armistice.Lead{{ExternalID: "OLD", Email: "old@example.com"}},
		handlers.TakeOptions{Actor: "api", Quiet: true}); err != nil {
		t.Fatal(err)
	}
	return &testBundle{db: db, im: importer.New(svc, db)}
}

func (b *testBundle) count(t *testing.T, query string) int {
	t.Helper()
	var n int
	if err := b.db.Pool().QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func run(t *testing.T, b *testBundle, file string, opts importer.Options) string {
	t.Helper()
	s, err := b.im.Import(context.Background(), strings.NewReader(file), int64(len(file)), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	var out strings.Builder
	if err := s.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// mixedFile has good rows, a repeat of an earlier row, a row already in the
// database, bad rows and CSV that does not parse; the comment after each
// line is its line number.
const mixedFile = "external_id,email,name,company,score\n" + // 1
	"L1,Ana@Example.com,Ana Ruiz,Acme,87\n" + // 2 stored
	"L2,,Bo Berg,Beta,\n" + // 3 stored (name and company, no email)
	"L1,ana@example.com,Ana Ruiz,Acme,87\n" + // 4 duplicate of line 2
	"OLD,old@example.com,Old,Co,\n" + // 5 duplicate of the stored lead
	"L3,not-an-email,Cy,Gamma,\n" + // 6 refused: email
	",dee@example.com,Dee,Delta,\n" + // 7 refused: no external_id
	"L4,eve@example.com,Eve\n" + // 8 refused: 3 fields
	"L5,,Fay,,101\n" + // 9 refused: company, score
	"\"L6\",\"gus@example.com\",\"Gus \"\"G\"\" Lee\n" + // 10 stored, over two lines
	"of Eta\",Eta,50\n" + // 11
	"L7,hal@example.com,Hal,\"Theta\"x,\n" + // 12 refused: bad quote
	",,,,\n" + // 13 blank, skipped
	"L8,ivy@example.com,Ivy,Iota,seventy\n" + // 14 refused: score
	"L9,jo@example.com,Jo,Kappa,12.6\n" + // 15 stored, score 13
	"   \n" // 16 blank, skipped

const mixedColumns = "columns: external_id → external_id, email → email, name → name, company → company, score → score\n"

const mixedCounts = "rows read: 12\n" +
	"%s: 4\n" +
	"duplicate: 2\n" +
	"refused: 6\n" +
	"blank rows skipped: 2\n"

const mixedLists = "refused rows:\n" +
	"  line 6: email: not an email address\n" +
	"  line 7: external_id: required\n" +
	"  line 8: csv: 3 fields, the header has 5\n" +
	"  line 9: company: required when there is no email; score: must be between 0 and 100\n" +
	"  line 12: csv: a stray or missing \" in a quoted field (line 12, column 30)\n" +
	"  line 14: score: not a number\n" +
	"duplicate rows (external_id already stored or earlier in the file): lines 4, 5\n"

func TestImportReportsStoredDuplicateAndRefusedRowsByLine(t *testing.T) {
	t.Parallel()
	for _, batch := range []int{0, 1, 2} {
		b := setup(t)
		got := run(t, b, mixedFile, importer.Options{BatchSize: batch})
		want := mixedColumns + strings.Replace(mixedCounts, "%s", "stored", 1) +
			"announced: no, stored quietly (--announce posts new leads to the sales channel)\n" + mixedLists
		if got != want {
			t.Errorf("batch size %d: summary\n%s\nwant\n%s", batch, got, want)
		}
		if n := b.count(t, "SELECT count(*) FROM leads"); n != 5 {
			t.Errorf("batch size %d: %d leads stored, want 5 (4 and the one there before)", batch, n)
		}
		l, err := b.db.LeadByExternalID(context.Background(), "L6")
		if err != nil || l.Name != "Gus \"G\" Lee\nof Eta" || *l.Score != 50 {
			t.Errorf("L6 = %+v, %v", l, err)
		}
		if l, _ := b.db.LeadByExternalID(context.Background(), "L9"); l.Score == nil || *l.Score != 13 {
			t.Errorf("L9 score = %v, want 13 (12.6 rounded)", l.Score)
		}
		if l, _ := b.db.LeadByExternalID(context.Background(), "L1"); l.Email != "ana@example.com" {
			t.Errorf("L1 email = %q, want it normalized", l.Email)
		}
	}
}

func TestDryRunStoresNothingAndReportsTheSame(t *testing.T) {
	t.Parallel()
	b := setup(t)
	got := run(t, b, mixedFile, importer.Options{DryRun: true, BatchSize: 2})
	want := "dry run: nothing was stored\n" + mixedColumns + strings.Replace(mixedCounts, "%s", "would be stored", 1) + mixedLists
	if got != want {
		t.Errorf("summary\n%s\nwant\n%s", got, want)
	}
	if n := b.count(t, "SELECT count(*) FROM leads"); n != 1 {
		t.Errorf("%d leads after a dry run, want the 1 there before", n)
	}
	if n := b.count(t, "SELECT count(*) FROM lead_events"); n != 1 {
		t.Errorf("%d events after a dry run, want 1", n)
	}
}

func TestImportTwiceFindsEveryRowDuplicate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	file := "ID,Email\na,a@example.com\nb,b@example.com\n"
	run(t, b, file, importer.Options{})
	got := run(t, b, file, importer.Options{})
	if !strings.Contains(got, "stored: 0\nduplicate: 2\n") || !strings.Contains(got, "lines 2, 3\n") {
		t.Errorf("second import:\n%s", got)
	}
}

func TestImportReadsAliasesSemicolonsBOMAndFirstAndLastName(t *testing.T) {
	t.Parallel()
	b := setup(t)
	file := "\uFEFFLead ID;E-mail;First Name;Last Name;Organization;Job Title;Phone Number;Campaign;HubSpot Score;" +
		"Persona;Industry;State/Region;Country;Record URL;Comments;Favourite Colour;Lifecycle Stage\n" +
		"hs-1;ANA@example.com;Ana;Ruiz;Acme;CTO;+34 600;Spring webinar;87;" +
		"it-director;SaaS;Catalonia;ES;https://crm.example.com/1;Asked for a demo;blue;\n" +
		"hs-2;bo@example.com;;Berg;Beta;;;;;;;;;;;;lead\n"
	got := run(t, b, file, importer.Options{})
	wantColumns := "columns: Lead ID → external_id, E-mail → email, First Name + Last Name → name, Organization → company, " +
		"Job Title → title, Phone Number → phone, Campaign → source, HubSpot Score → score, Persona → persona, " +
		"Industry → segment, State/Region → region, Country → country, Record URL → crm_url, Comments → notes; " +
		"extra fields: Favourite Colour, Lifecycle Stage\n"
	if !strings.HasPrefix(got, wantColumns) || !strings.Contains(got, "stored: 2\n") {
		t.Fatalf("summary\n%s\nwant it to start with\n%s", got, wantColumns)
	}
	l, err := b.db.LeadByExternalID(context.Background(), "hs-1")
	if err != nil {
		t.Fatal(err)
	}
	want := armistice.Lead{
		ExternalID: "hs-1", Email: "ana@example.com", Name: "Ana Ruiz", Company: "Acme", Title: "CTO", Phone: "+34 600",
		Source: "Spring webinar", Persona: "it-director", Segment: "SaaS", Region: "Catalonia", Country: "ES",
		CRMURL: "https://crm.example.com/1", Notes: "Asked for a demo",
	}
	if l.ExternalID != want.ExternalID || l.Email != want.Email || l.Name != want.Name || l.Company != want.Company ||
		l.Title != want.Title || l.Phone != want.Phone || l.Source != want.Source || l.Persona != want.Persona ||
		l.Segment != want.Segment || l.Region != want.Region || l.Country != want.Country || l.CRMURL != want.CRMURL ||
		l.Notes != want.Notes || l.Score == nil || *l.Score != 87 || len(l.Fields) != 1 || l.Fields["Favourite Colour"] != "blue" {
		t.Errorf("stored\n%+v\nwant\n%+v with score 87 and fields {Favourite Colour: blue}", l, want)
	}
	if l, _ := b.db.LeadByExternalID(context.Background(), "hs-2"); l.Name != "Berg" || l.Fields["Lifecycle Stage"] != "lead" {
		t.Errorf("hs-2 = %+v, want name Berg (last name only)", l)
	}
}

func TestUnmappableHeaderRefusesTheFileNamingItsColumns(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		header string
		want   []string
	}{
		{"Nombre,Correo,Empresa", []string{"no external ID column", "no email column", `"Nombre", "Correo", "Empresa"`}},
		{"ID,Full Name,Phone", []string{"no email column", `"ID", "Full Name", "Phone"`}},
		{"Email,Company", []string{"no external ID column", `"Email", "Company"`}},
	} {
		b := setup(t)
		file := tt.header + "\n1,2,3\n"
		s, err := b.im.Import(context.Background(), strings.NewReader(file), -1, importer.Options{})
		var he *importer.HeaderError
		if s != nil || !errors.As(err, &he) {
			t.Fatalf("%s: summary %v, error %v; want a HeaderError", tt.header, s, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", tt.header, err, w)
			}
		}
		if n := b.count(t, "SELECT count(*) FROM leads"); n != 1 {
			t.Errorf("%s: %d leads, want nothing imported", tt.header, n)
		}
	}
}

func TestQuietImportSchedulesNoAnnouncementsAndAnnounceOnePerNewLead(t *testing.T) {
	t.Parallel()
	file := "ID,Email\nn1,a@example.com\nn2,b@example.com\nOLD,old@example.com\nn1,a@example.com\nn3,c@example.com\n"
	b := setup(t)
	run(t, b, file, importer.Options{BatchSize: 2})
	if n := b.count(t, "SELECT count(*) FROM river_job"); n != 0 {
		t.Errorf("quiet import: %d jobs, want none", n)
	}
	b = setup(t)
	got := run(t, b, file, importer.Options{Announce: true, BatchSize: 2})
	if n := b.count(t, "SELECT count(*) FROM river_job WHERE kind = 'announce'"); n != 3 {
		t.Errorf("announced import: %d announce jobs, want 3 (one per new lead)", n)
	}
	if !strings.Contains(got, "announced: the 3 new leads are queued for the sales channel\n") {
		t.Errorf("summary\n%s", got)
	}
}

func TestSummaryListsFiftyRefusedRowsAndDuplicates(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var file strings.Builder
	file.WriteString("ID,Email\n")
	for range 60 {
		file.WriteString("x,bad\n")
	}
	for range 61 {
		file.WriteString("OLD,old@example.com\n")
	}
	got := run(t, b, file.String(), importer.Options{})
	if !strings.Contains(got, "  line 51: email: not an email address\n  … and 10 more\n") ||
		strings.Contains(got, "line 52:") {
		t.Errorf("refused list:\n%s", got)
	}
	if !strings.Contains(got, ", 111 … and 11 more\n") {
		t.Errorf("duplicate list:\n%s", got)
	}
}

func TestImportFileThatCannotBeReadIsAnError(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if _, err := b.im.File(context.Background(), t.TempDir()+"/missing.csv", importer.Options{}); err == nil {
		t.Error("no error for a missing file")
	}
	if _, err := b.im.Import(context.Background(), strings.NewReader(""), 0, importer.Options{}); err == nil ||
		!strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: %v", err)
	}
	// An unclosed quote would swallow the rest of the file: past a bound,
	// the import stops instead of holding it all in memory.
	long := "ID,Email\na,a@example.com\nb,\"" + strings.Repeat("x", 5<<20) + "\n"
	s, err := b.im.Import(context.Background(), strings.NewReader(long), -1, importer.Options{})
	if err == nil || !strings.Contains(err.Error(), "after line 2") || !strings.Contains(err.Error(), "unclosed quote") {
		t.Errorf("unclosed quote: %v", err)
	}
	if s == nil || s.Stored != 0 || s.Read != 1 {
		t.Errorf("summary of the stopped import: %+v", s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.im.Import(ctx, strings.NewReader("ID,Email\na,a@example.com\n"), -1, importer.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: %v", err)
	}
}

func TestProgressLinesWhenNotATerminal(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var progress strings.Builder
	run(t, b, "ID,Email\na,a@example.com\n", importer.Options{Progress: &progress, DryRun: true})
	if progress.Len() != 0 {
		t.Errorf("progress for 1 row: %q", progress.String())
	}
}
