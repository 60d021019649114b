package armistice

import "math"

// Trailing is what the last 90 days hold, from which the plan's rates come.
type Trailing struct {
	Visits, MQLs, Decided, Accepted, Opportunities, Won float64
	WonAmount                                           float64
}

// Defaults used when the trailing window holds too little history; the plan
// says which it used.
const (
	DefaultWinRate         = 25.0  // % of opportunities won
	DefaultOpportunityRate = 40.0  // % of accepted leads that become opportunities
	DefaultAcceptanceRate  = 60.0  // % of decided MQLs accepted
	DefaultVisitRate       = 2.0   // % of visits that become MQLs
	DefaultAverageDeal     = 10000 // revenue of a won deal
)

// Minimum history for a trailing rate to be used instead of its default.
const (
	minOpportunities = 5
	minAccepted      = 10
	minDecided       = 10
	minVisits        = 100
	minWon           = 3
)

// Plan is the reverse funnel: what each step must bring for a revenue target.
type Plan struct {
	Revenue       float64
	AverageDeal   float64
	Deals         int
	Opportunities int
	SALs          int
	MQLs          int
	Visits        int

	WinRate, OpportunityRate, AcceptanceRate, VisitRate float64 // in %
	// Defaulted names what came from the defaults for lack of history
	// ("win rate", "average deal"…).
	Defaulted []string
}

// ReversePlan works back from a revenue target: deals from the average deal
// (given, or the trailing average), then opportunities, SALs, MQLs and
// visits from the trailing rates, each rounded up.
func ReversePlan(revenue, averageDeal float64, t Trailing) Plan {
	p := Plan{Revenue: revenue, AverageDeal: averageDeal}
	rate := func(name string, part, whole, min, def float64) float64 {
		if whole >= min && part > 0 {
			return part / whole * 100
		}
		p.Defaulted = append(p.Defaulted, name)
		return def
	}
	if p.AverageDeal <= 0 {
		if t.Won >= minWon && t.WonAmount > 0 {
			p.AverageDeal = t.WonAmount / t.Won
		} else {
			p.AverageDeal = DefaultAverageDeal
			p.Defaulted = append(p.Defaulted, "average deal")
		}
	}
	p.WinRate = rate("win rate", t.Won, t.Opportunities, minOpportunities, DefaultWinRate)
	p.OpportunityRate = rate("opportunity rate", t.Opportunities, t.Accepted, minAccepted, DefaultOpportunityRate)
	p.AcceptanceRate = rate("acceptance rate", t.Accepted, t.Decided, minDecided, DefaultAcceptanceRate)
	p.VisitRate = rate("visit-to-MQL rate", t.MQLs, t.Visits, minVisits, DefaultVisitRate)

	up := func(v float64) int { return int(math.Ceil(v - 1e-9)) }
	p.Deals = up(revenue / p.AverageDeal)
	p.Opportunities = up(float64(p.Deals) / (p.WinRate / 100))
	p.SALs = up(float64(p.Opportunities) / (p.OpportunityRate / 100))
	p.MQLs = up(float64(p.SALs) / (p.AcceptanceRate / 100))
	p.Visits = up(float64(p.MQLs) / (p.VisitRate / 100))
	return p
}
