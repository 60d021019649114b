package teams

import (
	"context"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// reassignAction is a lead card's "Reassign…" while the lead is undecided
// and in a pool: an Action.ShowCard that unfolds a choice of the pool's
// other reps and a Reassign button (Action.Execute, verb VerbReassign).
// Anyone sees it; only a sales manager's choice is carried out.
func reassignAction(c chat.LeadCard, names Names) acElem {
	if !armistice.Undecided(c.Lead.Status) {
		return nil
	}
	var choices []acElem
	for _, rep := range c.Reps {
		if rep != c.Lead.Assignee {
			choices = append(choices, acElem{"title": cardCut(oneLine(names.of(rep)), cutName), "value": rep})
		}
	}
	if len(choices) == 0 {
		return nil
	}
	form := adaptiveCard([]acElem{{
		"type": "Input.ChoiceSet", "id": InputReassignTo, "label": "Give the lead to", "style": "compact",
		"isRequired": true, "errorMessage": "Choose a rep.", "choices": choices,
	}}, []acElem{acExecute("Reassign", VerbReassign, ActionData{LeadID: c.Lead.ID})})
	return acElem{"type": "Action.ShowCard", "title": "Reassign…", "card": form}
}

// reassign gives a lead to the rep a sales manager chose on its card and
// says what happened; the cards are redrawn for everyone by the move.
func (b *Bot) reassign(ctx context.Context, user string, leadID int64, to string) string {
	l, err := b.svc.Reassign(ctx, user, leadID, to)
	if err != nil {
		return b.conv.Message(err)
	}
	return "You gave " + leadWhoPlain(l) + " to " + b.names(ctx, to).of(to) + "."
}
