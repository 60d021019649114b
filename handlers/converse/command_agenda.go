package converse

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/armistice/armistice"
)

// agenda answers `agenda` (the weekly meeting's items, with who added
// them), `agenda add TEXT` (anyone) and `agenda done N`.
func (c *Conversation) agenda(ctx context.Context, call Call, args []string) Reply {
	switch strings.ToLower(argAt(args, 0)) {
	case "":
		items, err := c.svc.Agenda(ctx)
		if err != nil {
			return c.failed(err)
		}
		if len(items) == 0 {
			return Text(T("The agenda of the weekly meeting is empty. Add a point with "), call.usage("agenda add TEXT"), T("."))
		}
		return Reply{Blocks: []Block{P(B("Agenda of the weekly meeting")), AgendaList(items, true)}}
	case "add":
		text := strings.TrimSpace(strings.Join(args[1:], " "))
		it, err := c.svc.AddAgendaItem(ctx, call.User, text)
		if err != nil {
			return c.failed(err)
		}
		return Text(T("Added to the weekly meeting's agenda: "), I(armistice.Truncate(oneLine(it.Body), 200)))
	case "done":
		n, err := strconv.Atoi(argAt(args, 1))
		if err != nil || len(args) != 2 {
			return Text(T("Use "), call.usage("agenda done N"), T(", N being the item's number in "), call.usage("agenda"), T("."))
		}
		it, err := c.svc.AgendaDone(ctx, call.User, n)
		if err != nil {
			return c.failed(err)
		}
		return Text(T(fmt.Sprintf("Item %d is done: ", n)), I(armistice.Truncate(oneLine(it.Body), 200)))
	}
	return Text(T("Use "), call.usage("agenda"), T(", "), call.usage("agenda add TEXT"), T(" or "), call.usage("agenda done N"), T("."))
}

// AgendaList numbers the agenda's items from 1, each with who added it
// and, with done, the items done and by whom.
func AgendaList(items []armistice.AgendaItem, done bool) List {
	var l List
	for i, it := range items {
		p := P(T(fmt.Sprintf("%d. ", i+1)+armistice.Truncate(oneLine(it.Body), armistice.MaxAgendaItemLen)+" — "), U(it.AddedBy))
		if it.DoneAt != nil {
			if !done {
				continue
			}
			p = append(p, T(" · done by "), U(it.DoneBy))
		}
		l = append(l, p)
	}
	return l
}
