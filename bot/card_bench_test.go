package bot

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

func BenchmarkLeadCardBlocks(b *testing.B) {
	score := 87
	c := chat.LeadCard{
		Lead: armistice.Lead{ID: 42, ExternalID: "hs-42", Name: "Ana <Ruiz>", Email: "ana@example.com", Company: "Acme & Co",
			Title: "CFO", Source: "webinar", Score: &score, Persona: "cfo", Country: "Spain", Notes: "Asked about pricing", CRMURL: "https://crm.example.com/42"},
		DueAt: time.Now(), Zone: time.UTC,
		Insights: []armistice.Insight{{Team: "sales", Body: "Budgets freeze in December"}, {Team: "marketing", Body: "ROI first"}},
	}
	for b.Loop() {
		blocks, _ := leadCardBlocks(c)
		if _, err := json.Marshal(blocks); err != nil {
			b.Fatal(err)
		}
	}
}
