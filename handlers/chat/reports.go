package chat

import "github.com/armistice/armistice"

// GoalsReport is the agreement for a month: every metric's actual against
// its goal, with pace, as both teams see it.
type GoalsReport struct {
	Month       armistice.Month
	Progress    []armistice.Progress // in armistice.Metrics order
	WorkingDays int
	DaysElapsed int
	// Unsigned is the month's newest agreement when both teams have not
	// signed it yet; nil when they have or nothing was proposed.
	Unsigned *armistice.Agreement
}

// StatsReport is a month's funnel and how sales handled it.
type StatsReport struct {
	Month   armistice.Month
	Counts  armistice.Counts
	Reasons []armistice.ReasonCount
	Reps    []armistice.RepCount
}

// DecideResult is what came of a decision: Decided is false when an
// earlier decision stands, and Lead then says which and by whom.
type DecideResult struct {
	Lead    armistice.Lead
	Decided bool
}

// Erasure is what a request to erase a lead's personal data erased, and
// how the leads were found.
type Erasure struct {
	Key     string // the email address or external ID asked for
	ByEmail bool   // found by email address; false: by external ID
	Leads   []armistice.Erased
}

// MatchedBy names what Key matched: "email address" or "external ID".
func (e Erasure) MatchedBy() string {
	if e.ByEmail {
		return "email address"
	}
	return "external ID"
}
