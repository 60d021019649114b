package converse

import (
	"strings"
	"testing"

	"github.com/armistice/armistice"
)

func TestLeadHistoryShowsWhoALeadWasAssignedToAndWhoWasPassedOver(t *testing.T) {
	e := armistice.Event{
		Kind: armistice.EventAssigned, Actor: "armistice",
		Data: map[string]any{"to": "U0REPB0001", "reason": "round_robin", "why": "round robin: 3 this month, the fewest",
			"candidates": []any{
				map[string]any{"user": "U0REPA0001", "passed": "away until 2026-12-05"},
				map[string]any{"user": "U0REPB0001"},
				map[string]any{"user": "U0REPC0001", "passed": "capped: 2 of 2 today"},
			}},
	}
	got := eventDetail(e)
	for _, want := range []string{"to: U0REPB0001", "why: round robin: 3 this month, the fewest",
		"passed over: U0REPA0001: away until 2026-12-05; U0REPC0001: capped: 2 of 2 today"} {
		if !strings.Contains(got, want) {
			t.Errorf("the history lacks %q: %s", want, got)
		}
	}
}
