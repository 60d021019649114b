package converse

import (
	"context"
	"fmt"
	"strings"
)

// route answers `route list|add|remove|test`: anyone may list, admins may
// change and test (checked by the use cases at each call).
func (c *Conversation) route(ctx context.Context, call Call, args []string) Reply {
	sub := "list"
	if len(args) > 0 {
		sub, args = strings.ToLower(args[0]), args[1:]
	}
	switch sub {
	case "list", "ls":
		return c.routeList(ctx, call)
	case "add":
		return c.routeAdd(ctx, call, args)
	case "remove", "rm", "delete":
		return c.routeRemove(ctx, call, args)
	case "test":
		return c.routeTest(ctx, call, args)
	}
	return Reply{Blocks: routeUsage(call)}
}

// routeUsage explains the route command.
func routeUsage(call Call) []Block {
	return []Block{
		P(T("Routing rules send a lead's card to another channel than the sales channel, by the lead's region, segment or source:")),
		List{
			P(call.usage("route list"), T(" — the rules, in the order they are tried")),
			P(call.usage("route add region=EMEA channel=#sales-emea"), T(" — leads whose region is EMEA go to #sales-emea (also "), C("segment=…"), T(" or "), C("source=…"), T("; admins)")),
			P(call.usage("route remove N"), T(" — removes rule N (admins)")),
			P(call.usage("route test region=EMEA segment=SMB source=webinar email=ana@acme.com"), T(" — which channel and rep a lead like that would get now, and why (also "), C("owner=…"), T("; admins)")),
		},
	}
}

func (c *Conversation) routeList(ctx context.Context, call Call) Reply {
	rules, err := c.svc.Routes(ctx)
	if err != nil {
		return c.failed(err)
	}
	fallback := T("the sales channel")
	if ch := c.svc.AdminSettings().SalesChannel; ch != "" {
		fallback = Ch(ch)
	}
	if len(rules) == 0 {
		return Text(T("There are no routing rules: every lead goes to "), fallback, T(". Add one with "), call.usage("route add region=EMEA channel=#sales-emea"), T("."))
	}
	list := make(List, len(rules))
	for i, r := range rules {
		list[i] = P(C(ruleNumber(r.ID)), T("  "+r.Field+" = "), B(r.Value), T(" → "), Ch(r.ChannelID),
			T(" (by "), U(r.CreatedBy), T(", "+r.CreatedAt.In(c.svc.Location()).Format("2 Jan 2006")+")"))
	}
	return Reply{Blocks: []Block{
		P(T("Routing rules, tried in this order (the first that matches wins; other leads go to "), fallback, T("):")),
		list,
		P(T("Remove one with "), call.usage("route remove N"), T(".")),
	}}
}

func (c *Conversation) routeAdd(ctx context.Context, call Call, args []string) Reply {
	add, err := parseRouteAdd(args)
	if err != nil {
		return Reply{Blocks: append([]Block{P(T(c.Message(err)))}, routeUsage(call)...)}
	}
	rule, info, err := c.svc.AdminAddRoute(ctx, call.User, add.field, add.value, add.channel)
	if err != nil {
		return c.refused(call, err)
	}
	return Text(T("Rule "), C(ruleNumber(rule.ID)), T(" added: leads whose "+rule.Field+" is "), B(rule.Value), T(" go to "), Ch(info.ID), T(", from the next lead announced."))
}

func (c *Conversation) routeRemove(ctx context.Context, call Call, args []string) Reply {
	if len(args) != 1 {
		return Text(T("Say which rule to remove, as in "), call.usage("route remove 2"), T("; "), call.usage("route list"), T(" shows their numbers."))
	}
	id, ok := parseRuleNumber(args[0])
	if !ok {
		return Text(T(fmt.Sprintf("%q is not a rule number; ", args[0])), call.usage("route list"), T(" shows them."))
	}
	rule, err := c.svc.AdminRemoveRoute(ctx, call.User, id)
	if err != nil {
		return c.refused(call, err)
	}
	return Text(T("Rule "), C(ruleNumber(rule.ID)), T(" removed: leads whose "+rule.Field+" is "), B(rule.Value), T(" no longer go to "), Ch(rule.ChannelID), T("."))
}

func ruleNumber(id int64) string { return fmt.Sprint(id) }

// routeTest answers `route test region=… segment=… source=… email=…
// [owner=…]`: where a lead like that would go now, and why.
func (c *Conversation) routeTest(ctx context.Context, call Call, args []string) Reply {
	if len(args) == 0 {
		return Reply{Blocks: append([]Block{P(T("Describe the lead to test."))}, routeUsage(call)...)}
	}
	res, err := c.svc.RouteTest(ctx, call.User, args)
	if err != nil {
		return c.refused(call, err)
	}
	if res.Channel == "" {
		return Text(T("No channel would get a lead like that: no routing rule matches it and no sales channel is set."))
	}
	blocks := []Block{P(T("A lead like that would go to "), Ch(res.Channel), T("."))}
	a := res.Assignment
	switch {
	case !res.Pool:
		blocks = append(blocks, P(T("That channel has no pool: anyone on the sales team would claim it.")))
	case a.To == "":
		blocks = append(blocks, P(T("Nobody would get it ("+a.Why+"): it would be posted for anyone to claim.")))
	default:
		blocks = append(blocks, P(T("It would be assigned to "), U(a.To), T(" — "+a.Why+".")))
	}
	var passed List
	for _, cand := range a.Candidates {
		if cand.Passed != "" {
			passed = append(passed, P(U(cand.User), T(": "+cand.Passed)))
		}
	}
	if len(passed) > 0 {
		blocks = append(blocks, P(T("Passed over:")), passed)
	}
	return Reply{Blocks: append(blocks, Note{T("A test: nothing was changed.")})}
}
