package chat

import (
	"time"

	"github.com/armistice/armistice"
)

// MyLeadsReport is a rep's personal view (Slack's Home tab, Teams' `my
// leads`): their undecided leads, oldest first, their last decisions,
// their month and the agreement's numbers as `goals` shows them.
type MyLeadsReport struct {
	User      string
	Leads     []MyLead // the oldest of them, at most a few dozen
	LeadCount int      // all the undecided leads assigned to the user
	Decided   []armistice.Lead
	Month     MyMonth
	Goals     GoalsReport
}

// MyLead is an undecided lead and its time left in business hours
// (negative once its SLA window ended).
type MyLead struct {
	Lead armistice.Lead
	Left time.Duration
}

// MyMonth is a rep's month: the leads assigned to them, and of their
// decisions how many, how many accepted and in time, and the median
// business time to decision.
type MyMonth struct {
	Month                               armistice.Month
	Assigned, Decided, Accepted, SLAMet int
	MedianTook                          time.Duration
}
