package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
	"github.com/armistice/armistice/storage/storagetest"
)

// Erasure scrubs a lead's personal data everywhere it is kept — the lead,
// its decision's comment in the trail — keeps what the counts need, and
// names the fields it erased, never their values.
func TestErasureScrubsPersonalDataAndKeepsTheCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storagetest.DB(t)
	score := 70
	in := []armistice.Lead{
		{ExternalID: "ana@acme.example", Email: "Ana@Acme.example", Name: "Ana Ruiz", Company: "Acme", Title: "CFO", Phone: "+34 600",
			Source: "webinar", Score: &score, Region: "EMEA", Notes: "call after 5", CRMURL: "https://crm.example/1", Fields: map[string]string{"utm": "q4"}},
		{ExternalID: "hs-2", Email: "ana@acme.example", Name: "Ana R.", Company: "Acme"},
		{ExternalID: "hs-3", Name: "Nora Nomail", Company: "Initech", Title: "COO"},
		{ExternalID: "hs-4", Email: "bob@acme.example", Name: "Bob", Company: "Acme"},
	}
	got, err := db.InsertLeads(ctx, in, "api", time.Now().Add(time.Hour), armistice.Month{}, func([]armistice.RoutingRule, *armistice.Agreement) []string {
		return []string{"C0SALES01", "C0SALES01", "C0SALES01", "C0SALES01"}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := got[0].ID
	decide(t, db, first, armistice.Decision{Verdict: armistice.StatusRejected, By: "U0REP0001", At: time.Now(), Reason: "other", Comment: "Ana's assistant asked us to stop"})

	var thenRan []int64
	then := func(_ context.Context, _ *storage.Tx, ids []int64) error {
		thenRan = append(thenRan, ids...)
		return nil
	}
	erased, err := db.EraseByEmail(ctx, "ANA@acme.example", "U0ADMIN01", then)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range erased {
		ids = append(ids, e.LeadID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{got[0].ID, got[1].ID}) || !slices.Equal(thenRan, ids) && !slices.Equal(thenRan, []int64{ids[1], ids[0]}) {
		t.Fatalf("erased %v (then ran for %v), want both of Ana's leads", ids, thenRan)
	}
	lead, err := db.Lead(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if lead.ErasedAt == nil || lead.Email != "" || lead.Name != "" || lead.Title != "" || lead.Phone != "" || lead.Notes != "" || lead.CRMURL != "" || len(lead.Fields) != 0 || lead.Comment != "" || lead.ExternalID == "ana@acme.example" {
		t.Errorf("personal data left: %+v", lead)
	}
	if lead.Company != "Acme" || lead.Source != "webinar" || lead.Region != "EMEA" || lead.Score == nil || *lead.Score != 70 || lead.Status != armistice.StatusRejected || lead.Reason != "other" {
		t.Errorf("what the counts need was lost: %+v", lead)
	}
	events, err := db.LeadEvents(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.Kind == armistice.EventRejected && e.Data["comment"] != nil && e.Data["comment"] != "" {
			t.Errorf("the trail keeps the comment: %+v", e)
		}
		if e.Kind == armistice.EventErased && (e.Actor != "U0ADMIN01" || slices.Contains(anyStrings(e.Data["fields"]), "Ana Ruiz")) {
			t.Errorf("the erasure's event: %+v", e)
		}
	}
	if bob, _ := db.LeadByExternalID(ctx, "hs-4"); bob.ErasedAt != nil || bob.Email != "bob@acme.example" {
		t.Errorf("another lead of the company was erased: %+v", bob)
	}

	// A lead without an email is reached by its external ID; a second
	// erasure finds nothing left to erase.
	if erased, err := db.EraseByExternalID(ctx, "hs-3", "U0ADMIN01", nil); err != nil || len(erased) != 1 {
		t.Fatalf("by external ID: %+v %v", erased, err)
	}
	if erased, err := db.EraseByExternalID(ctx, "hs-3", "U0ADMIN01", nil); err != nil || len(erased) != 0 {
		t.Errorf("erasing twice: %+v %v", erased, err)
	}

	// A failing follow-up undoes the erasure.
	boom := errors.New("boom")
	if _, err := db.EraseByEmail(ctx, "bob@acme.example", "U0ADMIN01", func(context.Context, *storage.Tx, []int64) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("the follow-up's error: %v", err)
	}
	if bob, _ := db.LeadByExternalID(ctx, "hs-4"); bob.ErasedAt != nil || bob.Name != "Bob" {
		t.Errorf("a failed erasure left %+v", bob)
	}
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}
