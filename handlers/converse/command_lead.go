package converse

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/armistice/armistice"
)

// maxEventDetail bounds each value an event's line shows.
const maxEventDetail = 300

// lead opens the form to hand over an MQL by hand (`lead`, the marketing
// team and admins), or shows a lead's state and history to the caller
// alone (`lead EXTERNAL_ID`, the sales and marketing teams and admins).
func (c *Conversation) lead(ctx context.Context, call Call, args []string) Reply {
	if len(args) == 0 {
		if err := c.svc.CanEnterLeads(ctx, call.User); err != nil {
			return c.failed(err)
		}
		return Reply{Form: &Form{Name: FormLead, Prompt: "Hand over an MQL by hand: it is announced like any other.", Open: "Enter a lead"}}
	}
	l, events, err := c.svc.LeadHistory(ctx, call.User, args[0])
	if err != nil {
		return c.failed(err)
	}
	return Reply{Blocks: leadHistory(l, events, c.svc.Location()), Private: true}
}

// leadHistory is a lead's state and audit trail, times in zone. An erased
// lead shows neither its name nor its company.
func leadHistory(l armistice.Lead, events []armistice.Event, zone *time.Location) []Block {
	title := P(B(firstNonEmpty(l.Name, l.Email, l.ExternalID)))
	if l.ErasedAt != nil {
		title = P(I("erased"))
	} else if l.Company != "" {
		title = append(title, T(" at "+l.Company))
	}
	title = append(title, T(" — "), B(string(l.Status)), T(" (lead "+l.ExternalID+")"))
	trail := make(List, len(events))
	for i, e := range events {
		trail[i] = P(T(e.At.In(zone).Format("2006-01-02 15:04 MST")+" — "+string(e.Kind)+" by "), U(e.Actor), T(eventDetail(e)))
	}
	return []Block{title, trail}
}

// eventDetail is what an event carries that people care about, each value
// on one line and cut to maxEventDetail characters.
func eventDetail(e armistice.Event) string {
	var parts []string
	for _, k := range []string{"stage", "reason", "comment", "channel", "amount", "currency", "from", "to", "why", "hubspot"} {
		if v, ok := e.Data[k]; ok && v != nil && fmt.Sprint(v) != "" {
			parts = append(parts, k+": "+oneLine(armistice.Truncate(fmt.Sprint(v), maxEventDetail)))
		}
	}
	if p := e.PassedOver(); p != "" {
		parts = append(parts, "passed over: "+oneLine(armistice.Truncate(p, 1000)))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// oneLine folds runs of white space, line breaks included, into single
// spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
