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
	got, err := db.InsertLeads(ctx, in, []string{"C0SALES01", "C0SALES01", "C0SALES01", "C0SALES01"}, "api", time.Now().Add(time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	first := got[0].ID
	decide(t, db, first, armistice.Decision{Verdict: armistice.StatusRejected, By: "U0REP0001", At: time.Now(), Reason: "other", Comment: "Ana's assistant asked us to stop"})

	erased := erase(t, db, func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
		return tx.EraseByEmail(ctx, "ANA@acme.example", "U0ADMIN01")
	})
	var ids []int64
	for _, e := range erased {
		ids = append(ids, e.LeadID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{got[0].ID, got[1].ID}) {
		t.Fatalf("erased %v, want both of Ana's leads", ids)
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
	byExternalID := func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
		return tx.EraseByExternalID(ctx, "hs-3", "U0ADMIN01")
	}
	if erased := erase(t, db, byExternalID); len(erased) != 1 {
		t.Fatalf("by external ID: %+v", erased)
	}
	if erased := erase(t, db, byExternalID); len(erased) != 0 {
		t.Errorf("erasing twice: %+v", erased)
	}

	// A failing follow-up in the erasure's transaction undoes it.
	boom := errors.New("boom")
	if err := db.InTx(ctx, func(ctx context.Context, tx *storage.Tx) error {
		if _, err := tx.EraseByEmail(ctx, "bob@acme.example", "U0ADMIN01"); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("the follow-up's error: %v", err)
	}
	if bob, _ := db.LeadByExternalID(ctx, "hs-4"); bob.ErasedAt != nil || bob.Name != "Bob" {
		t.Errorf("a failed erasure left %+v", bob)
	}
}

// erase runs an erasure in a transaction of its own.
func erase(t *testing.T, db *storage.DB, step func(context.Context, *storage.Tx) ([]armistice.Erased, error)) []armistice.Erased {
	t.Helper()
	var erased []armistice.Erased
	if err := db.InTx(context.Background(), func(ctx context.Context, tx *storage.Tx) error {
		var err error
		erased, err = step(ctx, tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return erased
}

// The retention leaves alone the leads received after its cutoff, and its
// batches walk those received before it once, oldest first, each batch
// after the last lead of the one before.
func TestRetentionErasesInBatchesOldestFirst(t *testing.T) {
	t.Parallel()
	db := storagetest.DB(t)
	ids := storeLeads(t, db, nil, "r-1", "r-2", "r-3")
	if erased := erase(t, db, func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
		return tx.EraseReceivedBefore(ctx, time.Now().Add(-time.Hour), armistice.Erased{}, 2, "retention")
	}); len(erased) != 0 {
		t.Errorf("leads received after the cutoff were erased: %+v", erased)
	}
	cutoff := time.Now().Add(time.Hour)
	var after armistice.Erased
	var batches [][]int64
	for range 3 {
		erased := erase(t, db, func(ctx context.Context, tx *storage.Tx) ([]armistice.Erased, error) {
			return tx.EraseReceivedBefore(ctx, cutoff, after, 2, "retention")
		})
		var batch []int64
		for _, e := range erased {
			batch = append(batch, e.LeadID)
		}
		batches = append(batches, batch)
		if len(erased) > 0 {
			after = erased[len(erased)-1]
		}
	}
	if len(batches[0]) != 2 || len(batches[1]) != 1 || len(batches[2]) != 0 || !slices.Equal(append(batches[0], batches[1]...), ids) {
		t.Fatalf("batches %v, want %v by two", batches, ids)
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
