package teams

import (
	"strconv"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/converse"
)

// leadButtonSet draws a reply's row of a lead's Accept and Reject (a
// personal view's) as the lead card draws them, in an ActionSet beside the
// lead rather than at the card's foot; ok is false for any other row.
func leadButtonSet(b converse.Buttons) (set acElem, ok bool) {
	var actions []acElem
	for _, btn := range b {
		id, err := strconv.ParseInt(btn.Value, 10, 64)
		if err != nil {
			return nil, false
		}
		switch btn.Action {
		case converse.ActionAcceptLead:
			actions = append(actions, decideActions(armistice.Lead{ID: id, Status: armistice.StatusAnnounced})[0])
		case converse.ActionRejectLead:
			actions = append(actions, decideActions(armistice.Lead{ID: id, Status: armistice.StatusAnnounced})[1])
		default:
			return nil, false
		}
	}
	return acElem{"type": "ActionSet", "actions": actions}, len(actions) > 0
}
