package converse

import (
	"context"
	"fmt"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// pool answers `pool` (anyone) and `pool add|set|remove @rep [weight=N]
// [cap=N]` (admins, checked by the use cases) for the pool of the channel
// the command is typed in, or of the sales channel elsewhere.
func (c *Conversation) pool(ctx context.Context, call Call, args []string) Reply {
	channel := poolChannel(call)
	sub := "show"
	if len(args) > 0 {
		sub, args = strings.ToLower(args[0]), args[1:]
	}
	if sub == "show" || sub == "list" {
		p, err := c.svc.PoolShow(ctx, call.User, channel)
		if err != nil {
			return c.failed(err)
		}
		return Reply{Blocks: poolBlocks(call, p)}
	}
	if sub != "add" && sub != "set" && sub != "remove" {
		return c.poolMisused(call, armistice.Errorf(armistice.EINVALID, "%q is not a pool command.", sub))
	}
	a, err := parsePoolRepArgs(args)
	switch {
	case err != nil:
		return c.poolMisused(call, err)
	case sub == "set" && a.Weight == nil && a.Cap == nil:
		return c.poolMisused(call, armistice.Errorf(armistice.EINVALID, "Say what to change: weight=N, cap=N or both."))
	case sub == "remove" && (a.Weight != nil || a.Cap != nil):
		return c.poolMisused(call, armistice.Errorf(armistice.EINVALID, "pool remove takes only the rep."))
	}
	var p chat.Pool
	var done string
	switch sub {
	case "add":
		p, err = c.svc.PoolAdd(ctx, call.User, channel, a)
		done = " joins the pool, at its current share of the month's leads."
	case "set":
		p, err = c.svc.PoolSet(ctx, call.User, channel, a)
		done = "'s weight and cap are changed."
	default:
		p, err = c.svc.PoolRemove(ctx, call.User, channel, a.Rep)
		done = " is out of the pool; the leads assigned to them stay theirs."
	}
	if err != nil {
		return c.refused(call, err)
	}
	return Reply{Blocks: append([]Block{P(U(a.Rep), T(done))}, poolBlocks(call, p)...)}
}

// poolChannel is the channel whose pool a command means: the one it is
// typed in, or "" (the sales channel) outside channels.
func poolChannel(call Call) string {
	if _, ok := armistice.ChannelPlatform(call.Channel); ok {
		return call.Channel
	}
	return ""
}

// poolMisused says what is wrong with a pool command, and how to use it.
func (c *Conversation) poolMisused(call Call, err error) Reply {
	return Reply{Blocks: []Block{
		P(T(c.Message(err))),
		List{
			P(call.usage("pool"), T(" — this channel's pool")),
			P(call.usage("pool add @rep weight=2 cap=5"), T(" — adds a rep: weight 1 to 10 (default 1), at most cap leads a day (0, the default: no cap)")),
			P(call.usage("pool set @rep weight=N cap=N"), T(" — changes a rep's weight or cap")),
			P(call.usage("pool remove @rep"), T(" — takes a rep out of the pool")),
		},
	}}
}

// poolBlocks show a pool: each rep with weight, cap, leads today and this
// month, and status.
func poolBlocks(call Call, p chat.Pool) []Block {
	if p.Channel == "" {
		return []Block{P(T("No sales channel is set, so there is no pool to show here: type the command in a channel."))}
	}
	if len(p.Reps) == 0 {
		return []Block{P(T("The pool of "), Ch(p.Channel), T(" is empty: anyone on the sales team claims its leads. Admins add reps with "), call.usage("pool add @rep"), T("."))}
	}
	list := make(List, len(p.Reps))
	for i, r := range p.Reps {
		limit := "no cap"
		if r.DailyCap > 0 {
			limit = fmt.Sprintf("cap %d a day", r.DailyCap)
		}
		status := r.Status()
		if r.Away && r.AwayNote != "" {
			status += " (" + r.AwayNote + ")"
		}
		list[i] = P(U(r.User), T(fmt.Sprintf(" — weight %d, %s; %d today, %d this month; ", r.Weight, limit, r.Today, r.Month)), B(status))
	}
	return []Block{
		P(T("The pool of "), Ch(p.Channel), T(": each new lead goes to the available rep with the fewest leads this month for their weight.")),
		list,
	}
}
