package chat

import (
	"time"

	"github.com/armistice/armistice"
)

// DigestKind is which digest: the daily one, the weekly summary (Mondays)
// or the monthly review (the first working day).
type DigestKind string

// The digests.
const (
	DigestDaily   DigestKind = "daily"
	DigestWeekly  DigestKind = "weekly"
	DigestMonthly DigestKind = "monthly"
	// DigestAgreement is not a digest of numbers but the month's agreement,
	// posted to both teams' channels: proposed (to sign), or signed.
	DigestAgreement DigestKind = "agreement"
	// DigestAgreementReminder reminds both teams, each working day after
	// the proposal, of a month's agreement not signed yet.
	DigestAgreementReminder DigestKind = "agreement_reminder"
)

// Digest is what a digest reports; how it looks is the adapter's business.
type Digest struct {
	Kind   DigestKind
	Period string // the key it is posted once for: 2026-11-23, 2026-W48, 2026-11
	Title  string
	// Counts are the reported period's: yesterday, last week, last month.
	From, To time.Time
	Counts   armistice.Counts
	Reasons  []armistice.ReasonCount
	// Pending and Overdue are the leads awaiting a decision now.
	Pending, Overdue int64
	// Goals is the month so far (daily, weekly) or the month just ended
	// (monthly), against its goals.
	Goals GoalsReport
	Reps  []armistice.RepCount
	Trend []armistice.DayCount // the last 14 days
	// Insights are those saved in the reported period, by persona.
	Insights []armistice.Insight
	// Plan, for the monthly review, suggests this month's goals from the
	// trailing rates and last month's revenue goal (nil without one).
	Plan *armistice.Plan
	Zone *time.Location
	// Briefs are the language model's briefs of the reported week's
	// insights, by persona (weekly summary, with a model configured; none
	// when it failed). Their text is model output: untrusted.
	Briefs []armistice.PersonaBrief
	// RejectionBrief is its summary of why sales rejected the week's leads,
	// in the weekly summary of the marketing channel only; nil otherwise.
	RejectionBrief *armistice.RejectionBrief
	// Agenda, in the weekly summary, is the open items of the weekly
	// meeting's agenda.
	Agenda []armistice.AgendaItem
	// Agreement, in a DigestAgreement, is the version proposed or signed.
	Agreement *armistice.Agreement
}
