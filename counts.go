package armistice

import "time"

// Counts is the funnel of a period.
type Counts struct {
	Visits, MQLs, Decided, Accepted, SLAMet, Opportunities, Won, Lost int64
	Revenue                                                           float64
	// BelowBar are the MQLs received under the agreed MQL bar, and
	// BelowBarAccepted those of them that sales accepted.
	BelowBar, BelowBarAccepted  int64
	MedianDecision, P90Decision time.Duration // business time to decision
}

// ReasonCount is how often a rejection reason was given.
type ReasonCount struct {
	Reason string
	Count  int64
}

// RepCount is one rep's decisions in a period. The stats also count the
// leads assigned to the rep, those moved on from them to another rep, and
// the decisions within the SLA; MedianDecision is their speed to lead, in
// business time.
type RepCount struct {
	User           string
	Decided        int64
	Accepted       int64
	MedianDecision time.Duration
	Assigned       int64
	Rejected       int64
	ReassignedAway int64
	SLAMet         int64
}

// DayCount is one day of the trend.
type DayCount struct {
	Day      time.Time
	MQLs     int64
	Accepted int64
}
