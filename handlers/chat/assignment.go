package chat

import (
	"strings"

	"github.com/armistice/armistice"
)

// Limits on an absence.
const (
	MaxAwayDays = 366
	MaxAwayNote = 200
)

// Pool is a channel's pool of reps as `pool` shows it: each rep with
// weight, daily cap, leads today and this month, and status (PoolRep's
// Status).
type Pool struct {
	Channel string
	Reps    []armistice.PoolRep
}

// PoolRepArgs are the arguments of `pool add|set|remove @rep [weight=N]
// [cap=N]`; a nil Weight or Cap was not given.
type PoolRepArgs struct {
	Rep    string // a user ID
	Weight *int
	Cap    *int
}

// AwayArgs are what `away [until YYYY-MM-DD | for Nd] [note]` says; a nil
// Until is an absence until the rep says they are back.
type AwayArgs struct {
	Until *armistice.Date
	Note  string
}

// AwayResult is what an absence came to: its end, and the undecided leads
// handed back (moved on to other reps, or left for anyone to claim when
// nobody was available).
type AwayResult struct {
	User       string
	Until      *armistice.Date
	Note       string
	HandedBack int
	Unassigned int
}

// RouteTestResult says where a lead would go now: its channel, and in a
// channel with a pool the rep and why (the candidates and why each would
// be passed over).
type RouteTestResult struct {
	Lead       armistice.Lead // the sample, as read
	Channel    string
	Pool       bool // the channel has a pool
	Assignment armistice.Assignment
}

// PassedOverText says who would be passed over and why, one "user: why"
// after another.
func (r RouteTestResult) PassedOverText() string {
	var parts []string
	for _, c := range r.Assignment.Candidates {
		if c.Passed != "" {
			parts = append(parts, c.User+": "+c.Passed)
		}
	}
	return strings.Join(parts, "; ")
}
