package armistice

import (
	"fmt"
	"slices"
	"time"
)

// Limits on a pool's reps.
const (
	MinWeight = 1
	MaxWeight = 10
	MaxCap    = 1000
)

// PoolRep is a rep of a channel's pool and where they stand now.
type PoolRep struct {
	User     string
	Weight   int // 1–10: a rep of weight 2 takes twice the leads of one of weight 1
	DailyCap int // leads a day at most; 0: no cap
	// Month counts the leads this month that took the rep's turn, Credit
	// the leads the rep counts as having besides (joined or came back
	// mid-month at the pool's share), Today every lead assigned today.
	Month    int
	Credit   float64
	Today    int
	LastTurn time.Time // the rep's last turn; zero: never
	Away     bool
	// AwayUntil is the day the absence ends, nil: until the rep is back.
	AwayUntil *Date
	AwayNote  string
}

// Load is the rep's leads this month relative to weight, the credit
// included: the rotation gives the next lead to the lowest.
func (r PoolRep) Load() float64 { return (float64(r.Month) + r.Credit) / float64(max(r.Weight, 1)) }

// Capped tells whether the rep has reached the daily cap.
func (r PoolRep) Capped() bool { return r.DailyCap > 0 && r.Today >= r.DailyCap }

// AwayText says how long the rep is away: "away until 2026-12-10" or
// "away".
func (r PoolRep) AwayText() string {
	if r.AwayUntil != nil {
		return "away until " + r.AwayUntil.String()
	}
	return "away"
}

// AssignReason says why a lead went to its rep.
type AssignReason string

// The reasons of an assignment.
const (
	AssignOwner      AssignReason = "owner"       // the intake named the rep
	AssignCompany    AssignReason = "company"     // the rep owns a recent lead of the same company
	AssignRoundRobin AssignReason = "round_robin" // the rep's turn
	AssignSLA        AssignReason = "sla"         // the previous rep's window ended undecided
	AssignAway       AssignReason = "away"        // the previous rep went away
	AssignNobody     AssignReason = "nobody"      // nobody was available: claim mode
	AssignManual     AssignReason = "manual"      // a sales manager chose the rep
)

// Candidate is a rep considered for a lead; Passed says why they did not
// get it, empty for the one who did.
type Candidate struct {
	User   string `json:"user"`
	Passed string `json:"passed,omitempty"`
}

// Assignment is who gets a lead and why.
type Assignment struct {
	To     string // empty: nobody was available
	Reason AssignReason
	Why    string // for people: "round robin: 3 this month, the fewest"
	// Turn says the lead took the rep's turn in the rotation (an owner's
	// lead does not).
	Turn       bool
	Candidates []Candidate
}

// Preferred is the rep a lead should go to before the rotation: the owner
// its intake named, or the owner of a recent lead of the same company.
type Preferred struct {
	User   string
	Reason AssignReason // AssignOwner or AssignCompany
	Why    string       // "owner named by the intake", "owns acme.com's lead of 2026-11-03"
	// Away and Capped say the rep is not available now (then the rotation
	// decides).
	Away   string
	Capped bool
}

// Assign chooses the rep for a lead: the preferred rep when available,
// without using up a turn; else, by reason, the available rep of reps with
// the lowest Load, ties to the one whose last turn is oldest (then by
// user ID). Away and capped reps and skip (the rep the lead comes from) are
// passed over; with nobody left, To is empty and Why says why.
func Assign(reps []PoolRep, preferred *Preferred, reason AssignReason, skip string) Assignment {
	var cands []Candidate
	if p := preferred; p != nil && p.User != "" {
		switch {
		case p.Away != "":
			cands = append(cands, Candidate{User: p.User, Passed: string(p.Reason) + " first, but " + p.Away})
		case p.Capped:
			cands = append(cands, Candidate{User: p.User, Passed: string(p.Reason) + " first, but at the daily cap"})
		case p.User == skip:
			cands = append(cands, Candidate{User: p.User, Passed: "the rep it comes from"})
		default:
			return Assignment{To: p.User, Reason: p.Reason, Why: p.Why, Candidates: []Candidate{{User: p.User}}}
		}
	}
	best := -1
	for i, r := range reps {
		switch {
		case r.User == skip:
			continue
		case r.Away || r.Capped():
			continue
		case best < 0 || before(r, reps[best]):
			best = i
		}
	}
	for i, r := range reps {
		c := Candidate{User: r.User}
		switch {
		case r.User == skip:
			c.Passed = "the rep it comes from"
		case r.Away:
			c.Passed = r.AwayText()
		case r.Capped():
			c.Passed = fmt.Sprintf("capped: %d of %d today", r.Today, r.DailyCap)
		case i != best:
			c.Passed = fmt.Sprintf("%s against %s", loadText(r), loadText(reps[best]))
			if r.Load() == reps[best].Load() {
				c.Passed = fmt.Sprintf("as many this month (%s), but had a lead more recently", loadText(r))
			}
		}
		cands = append(cands, c)
	}
	if best < 0 {
		why := "nobody available"
		if len(reps) == 0 {
			why = "nobody in the pool"
		} else if !slices.ContainsFunc(reps, func(r PoolRep) bool { return !r.Away && r.User != skip }) {
			why = "nobody available: everyone is away"
		} else {
			why = "nobody available: everyone is away or at the daily cap"
		}
		return Assignment{Reason: AssignNobody, Why: why, Candidates: cands}
	}
	r := reps[best]
	why := fmt.Sprintf("%s: %s, the fewest", reasonText(reason), loadText(r))
	if len(reps) == 1 {
		why = fmt.Sprintf("%s: the only rep available", reasonText(reason))
	}
	return Assignment{To: r.User, Reason: reason, Why: why, Turn: true, Candidates: cands}
}

// before tells whether a comes before b in the rotation.
func before(a, b PoolRep) bool {
	if la, lb := a.Load(), b.Load(); la != lb {
		return la < lb
	}
	if !a.LastTurn.Equal(b.LastTurn) {
		return a.LastTurn.Before(b.LastTurn)
	}
	return a.User < b.User
}

func loadText(r PoolRep) string {
	n := float64(r.Month) + r.Credit
	s := fmt.Sprintf("%.0f this month", n)
	if r.Weight != 1 {
		s += fmt.Sprintf(" at weight %d", r.Weight)
	}
	return s
}

func reasonText(r AssignReason) string {
	switch r {
	case AssignSLA:
		return "reassigned when the window ended, round robin"
	case AssignAway:
		return "handed back by a rep away, round robin"
	}
	return "round robin"
}

// ShareCredit is the credit that brings rep, joining the pool or back from
// an absence, to the pool's current share: the lowest Load of the other
// reps available, so that the rep takes turns with them at once instead of
// getting every lead until caught up. It is zero when the rep is there
// already or nobody else is available.
func ShareCredit(reps []PoolRep, rep PoolRep) float64 {
	share, found := 0.0, false
	for _, r := range reps {
		if r.User == rep.User || r.Away {
			continue
		}
		if l := r.Load(); !found || l < share {
			share, found = l, true
		}
	}
	return max(0, share*float64(max(rep.Weight, 1))-float64(rep.Month))
}

// Status says whether the rep takes leads now: "available", "away until
// 2026-12-10" (or "away"), or "capped for today".
func (r PoolRep) Status() string {
	switch {
	case r.Away:
		return r.AwayText()
	case r.Capped():
		return "capped for today"
	}
	return "available"
}
