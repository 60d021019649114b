package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
)

func TestLeadHistoryShowsWhoALeadWasAssignedToAndWhoWasPassedOver(t *testing.T) {
	events := []armistice.Event{{
		Kind: armistice.EventAssigned, Actor: "armistice", At: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC),
		Data: map[string]any{"to": "U0REPB0001", "reason": "round_robin", "why": "round robin: 3 this month, the fewest",
			"candidates": []any{
				map[string]any{"user": "U0REPA0001", "passed": "away until 2026-12-05"},
				map[string]any{"user": "U0REPB0001"},
				map[string]any{"user": "U0REPC0001", "passed": "capped: 2 of 2 today"},
			}},
	}}
	got := leadHistoryText(armistice.Lead{ExternalID: "e1", Email: "a@example.com", Status: armistice.StatusAnnounced}, events, time.UTC)
	for _, want := range []string{"assigned by armistice", "to: U0REPB0001", "why: round robin: 3 this month, the fewest",
		"passed over: U0REPA0001: away until 2026-12-05; U0REPC0001: capped: 2 of 2 today"} {
		if !strings.Contains(got, want) {
			t.Errorf("history lacks %q:\n%s", want, got)
		}
	}
}
