package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

func TestACardKeepsItsVerdictWhenTheCRMMovesTheLeadOn(t *testing.T) {
	decided := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	l := armistice.Lead{ID: 1, ExternalID: "won-1", Name: "Ana", Status: armistice.StatusWon, Verdict: armistice.StatusAccepted, DecidedBy: "U0REP00001", DecidedAt: &decided}
	line := cardStatusLine(chat.LeadCard{Lead: l, Zone: time.UTC, DueAt: decided.Add(time.Hour)})
	if !strings.Contains(line, "*Accepted* by <@U0REP00001>") || strings.Contains(line, "Decide by") {
		t.Errorf("a won lead's card says %q", line)
	}
}
