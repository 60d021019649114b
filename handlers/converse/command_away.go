package converse

import (
	"context"
	"fmt"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// away answers `away [until YYYY-MM-DD | for Nd] [note]` for oneself, and
// admins' `away @rep …` for anyone (checked by the use case).
func (c *Conversation) away(ctx context.Context, call Call, args []string) Reply {
	who, args := userFirst(args)
	today := armistice.DateOf(c.svc.Now().In(c.svc.Location()))
	a, err := parseAwayArgs(args, today)
	if err != nil {
		return Text(T(c.Message(err)+" Use "), call.usage("away [until YYYY-MM-DD | for Nd] [note]"), T("."))
	}
	res, err := c.svc.Away(ctx, call.User, who, a)
	if err != nil {
		return c.refused(call, err)
	}
	return Reply{Blocks: awayBlocks(call, res)}
}

// back answers `back` for oneself, and admins' `back @rep` for anyone.
func (c *Conversation) back(ctx context.Context, call Call, args []string) Reply {
	who, _ := userFirst(args)
	back, err := c.svc.Back(ctx, call.User, who)
	if err != nil {
		return c.refused(call, err)
	}
	if who != "" && who != call.User {
		if !back {
			return Text(U(who), T(" was not away."))
		}
		return Text(U(who), T(" takes leads again, from each pool's current share."))
	}
	if !back {
		return Text(T("You were not away."))
	}
	return Text(T("You take leads again, from each pool's current share."))
}

// userFirst reads the user the first word names, if it names one, and
// the words after it.
func userFirst(args []string) (string, []string) {
	if len(args) > 0 {
		if u, err := parseUser(args[0]); err == nil {
			return u, args[1:]
		}
	}
	return "", args
}

// awayBlocks say what an absence came to.
func awayBlocks(call Call, res chat.AwayResult) []Block {
	line, ends := []Span{T("You are away")}, call.usage("back")
	if res.User != call.User {
		line, ends = []Span{U(res.User), T(" is away")}, call.usage("back @rep")
	}
	if res.Until != nil {
		line = append(line, T(" until "), B(res.Until.String()), T(" (taking leads again that day)"))
	}
	if res.Note != "" {
		line = append(line, T(" — "+res.Note))
	}
	if res.Until != nil {
		line = append(line, T(". No leads from any pool until then; "), ends, T(" ends it sooner."))
	} else {
		line = append(line, T(". No leads from any pool until "), ends, T("."))
	}
	blocks := []Block{P(line...)}
	if res.HandedBack > 0 || res.Unassigned > 0 {
		blocks = append(blocks, P(T(fmt.Sprintf("Undecided leads handed back: %d to other reps, %d left for anyone to claim (nobody in the pool was available).", res.HandedBack, res.Unassigned))))
	}
	return blocks
}
