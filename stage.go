package armistice

import (
	"fmt"
	"regexp"
)

// Stage is a step the CRM reports after the decision.
type Stage = Status

// rank orders statuses along the funnel; a lead only moves to a higher rank.
var rank = map[Status]int{
	StatusNew: 0, StatusAnnounced: 1, StatusAccepted: 2, StatusRejected: 2,
	StatusOpportunity: 3, StatusWon: 4, StatusLost: 4,
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// StageUpdate is the CRM telling how a lead went on.
type StageUpdate struct {
	Stage    Stage
	Amount   *float64 // the deal's value; required when won
	Currency string   // ISO 4217, with the amount
}

// Validate returns what is wrong with each bad field.
func (u StageUpdate) Validate() map[string]string {
	errs := map[string]string{}
	switch u.Stage {
	case StatusOpportunity, StatusWon, StatusLost:
	case "":
		errs["stage"] = "required: opportunity, won or lost"
	default:
		errs["stage"] = fmt.Sprintf("%q is not a stage: use opportunity, won or lost", string(u.Stage))
	}
	if u.Amount != nil && (*u.Amount < 0 || *u.Amount > 1e12) {
		errs["amount"] = "must be between 0 and 1,000,000,000,000"
	}
	if u.Stage == StatusWon && u.Amount == nil {
		errs["amount"] = "required when the deal is won"
	}
	if u.Amount != nil && !currencyCode.MatchString(u.Currency) {
		errs["currency"] = "required with an amount: a three-letter code such as EUR"
	}
	if u.Amount == nil && u.Currency != "" {
		errs["amount"] = "required with a currency"
	}
	return errs
}

// CanMove tells whether a lead in status from may move to stage to: only
// forward along the funnel, and won and lost are final.
func CanMove(from Status, to Stage) bool {
	return rank[to] > rank[from]
}
