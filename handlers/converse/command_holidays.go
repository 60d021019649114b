package converse

import (
	"context"
	"strings"

	"github.com/armistice/armistice"
)

// holidays answers `holidays` (anyone), and admins' `holidays add
// YYYY-MM-DD [name]` and `holidays remove YYYY-MM-DD` (checked by the use
// cases).
func (c *Conversation) holidays(ctx context.Context, call Call, args []string) Reply {
	sub := "list"
	if len(args) > 0 {
		sub, args = strings.ToLower(args[0]), args[1:]
	}
	switch {
	case sub == "list":
		return c.holidayList(ctx, call)
	case (sub == "add" && len(args) >= 1) || (sub == "remove" && len(args) == 1):
	default:
		return Text(T("Use "), call.usage("holidays"), T(", "), call.usage("holidays add YYYY-MM-DD [name]"), T(" or "), call.usage("holidays remove YYYY-MM-DD"), T("."))
	}
	if sub == "remove" {
		h, err := c.svc.HolidayRemove(ctx, call.User, args[0])
		if err != nil {
			return c.refused(call, err)
		}
		return Text(B(h.Date.String()), T(" is a working day again."))
	}
	h, changed, err := c.svc.HolidayAdd(ctx, call.User, args[0], strings.Join(args[1:], " "))
	if err != nil {
		return c.refused(call, err)
	}
	if !changed {
		return Text(B(h.Date.String()), T(" is a holiday already."))
	}
	line := append([]Span{B(h.Date.String())}, holidayName(h)...)
	return Text(append(line, T(" is a holiday: the business-hours clock stands still on it."))...)
}

func (c *Conversation) holidayList(ctx context.Context, call Call) Reply {
	all, err := c.svc.Holidays(ctx)
	if err != nil {
		return c.failed(err)
	}
	if len(all) == 0 {
		return Text(T("No holidays are set. Admins add one with "), call.usage("holidays add 2026-12-25 Christmas"), T("."))
	}
	list := make(List, len(all))
	for i, h := range all {
		list[i] = P(append([]Span{B(h.Date.String()), T(" " + h.Date.Start(c.svc.Location()).Weekday().String())}, holidayName(h)...)...)
	}
	return Reply{Blocks: []Block{P(T("Holidays, on which the business-hours clock (the SLA, time to decision, the goals' pace) stands still:")), list}}
}

// holidayName is " — Christmas", or nothing for a holiday without a name.
func holidayName(h armistice.Holiday) []Span {
	if h.Name == "" {
		return nil
	}
	return []Span{T(" — " + h.Name)}
}
