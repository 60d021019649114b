package storage_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// A batch is stored as sent: every field, the extra fields with quotes,
// markup and non-Latin text, a persona created on first use, and a repeat
// of an external ID in the batch answered as a duplicate of the first.
func TestInsertLeadsKeepsEveryFieldAsSent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	score := 87
	full := armistice.Lead{
		ExternalID: "hs-1", Email: "ana@northwind.example", Name: "Ana Ruiz", Company: "Northwind & Sons",
		Title: "VP of Operations", Phone: "+34 912 345 678", Source: "webinar", Score: &score, Persona: "ops-leader",
		Segment: "enterprise", Region: "EMEA", Country: "ES", CRMURL: "https://crm.example/c/1",
		Notes:  "Asked about SSO.\nPrefers email.",
		Fields: map[string]string{"campaign": `q4 "automation"`, "html": "<b>&amp;</b>", "city": "Zürich — 東京", "back\\slash": "tab\there", "bad utf8": "a\xffb"},
	}
	second := armistice.Lead{ExternalID: "hs-2", Email: "liam@acme.example", Persona: "ops-leader"}
	repeat := full
	repeat.Name = "Someone Else"
	got, err := db.InsertLeads(ctx, []armistice.Lead{full, second, repeat}, "api", time.Now().Add(time.Hour), armistice.Month{},
		func([]armistice.RoutingRule, *armistice.Agreement) []string {
			return []string{"C0SALES01", "C0SALES01", "C0SALES01"}
		},
		func(context.Context, *storage.Tx, []storage.NewLead) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Duplicate || got[1].Duplicate || !got[2].Duplicate || got[2].ID != got[0].ID {
		t.Fatalf("results %+v: want the third a duplicate of the first", got)
	}
	stored, err := db.LeadByExternalID(ctx, "hs-1")
	if err != nil {
		t.Fatal(err)
	}
	want := full
	want.Fields = maps.Clone(full.Fields)
	want.Fields["bad utf8"] = "a\uFFFDb"
	if stored.Name != want.Name || stored.Company != want.Company || stored.Title != want.Title || stored.Phone != want.Phone ||
		stored.Source != want.Source || stored.Score == nil || *stored.Score != score || stored.Persona != want.Persona ||
		stored.Segment != want.Segment || stored.Region != want.Region || stored.Country != want.Country ||
		stored.CRMURL != want.CRMURL || stored.Notes != want.Notes || stored.Channel != "C0SALES01" {
		t.Errorf("stored %+v\nwant    %+v", stored, want)
	}
	if !maps.Equal(stored.Fields, want.Fields) {
		t.Errorf("fields %q, want %q", stored.Fields, want.Fields)
	}
	var personas int
	if err := db.Pool().QueryRow(ctx, "SELECT count(*) FROM personas WHERE slug = 'ops-leader'").Scan(&personas); err != nil {
		t.Fatal(err)
	}
	if personas != 1 {
		t.Errorf("%d personas ops-leader, want 1", personas)
	}
}
