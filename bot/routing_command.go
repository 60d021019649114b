package bot

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// routeUsage explains the route command.
func routeUsage(command string) string {
	return fmt.Sprintf("Routing rules send a lead's card to another channel than the sales channel, by the lead's region, segment or source:\n"+
		"• `%[1]s route list` — the rules, in the order they are tried\n"+
		"• `%[1]s route add region=EMEA channel=#sales-emea` — leads whose region is EMEA go to #sales-emea (also `segment=…` or `source=…`; admins)\n"+
		"• `%[1]s route remove N` — removes rule N (admins)", command)
}

// routeCommand runs `route list|add|remove`: anyone may list, admins may
// change (checked by the use case, on the server, at each call).
func (b *Bot) routeCommand(ctx context.Context, a *acker, cmd slack.SlashCommand, args []string) {
	sub := "list"
	if len(args) > 0 {
		sub, args = strings.ToLower(args[0]), args[1:]
	}
	var text string
	switch sub {
	case "list", "ls":
		text = b.routeList(ctx)
	case "add":
		text = b.routeAdd(ctx, cmd, args)
	case "remove", "rm", "delete":
		text = b.routeRemove(ctx, cmd, args)
	default:
		text = routeUsage(cmd.Command)
	}
	if !a.ack(ephemeral(text)) {
		b.respond(ctx, cmd.ResponseURL, text)
	}
}

func (b *Bot) routeList(ctx context.Context) string {
	rules, err := b.svc.Routes(ctx)
	if err != nil {
		return b.userMessage(err)
	}
	fallback := "the sales channel"
	if ch := b.svc.CurrentSettings().SalesChannel; ch != "" {
		fallback = channelLink(ch)
	}
	if len(rules) == 0 {
		return fmt.Sprintf("There are no routing rules: every lead goes to %s. Add one with `route add region=EMEA channel=#sales-emea`.", fallback)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Routing rules, tried in this order (the first that matches wins; other leads go to %s):", fallback)
	for _, r := range rules {
		fmt.Fprintf(&sb, "\n`%d`  %s = *%s* → %s  _(by %s, %s)_", r.ID, r.Field, escape(r.Value), channelLink(r.ChannelID),
			mention(r.CreatedBy), r.CreatedAt.In(b.svc.Location()).Format("2 Jan 2006"))
	}
	sb.WriteString("\nRemove one with `route remove N`.")
	return sb.String()
}

func (b *Bot) routeAdd(ctx context.Context, cmd slack.SlashCommand, args []string) string {
	if err := b.svc.RequireAdmin(cmd.UserID, "change the routing rules"); err != nil {
		return b.refusal(err)
	}
	field, value, channel, err := parseRouteArgs(args)
	if err != nil {
		return b.userMessage(err) + "\n" + routeUsage(cmd.Command)
	}
	rule, info, err := b.svc.AdminAddRoute(ctx, cmd.UserID, field, value, channel)
	if err != nil {
		return b.refusal(err)
	}
	return fmt.Sprintf(":white_check_mark: Rule `%d` added: leads whose %s is *%s* go to %s, from the next lead announced.",
		rule.ID, rule.Field, escape(rule.Value), channelLink(info.ID))
}

func (b *Bot) routeRemove(ctx context.Context, cmd slack.SlashCommand, args []string) string {
	if err := b.svc.RequireAdmin(cmd.UserID, "change the routing rules"); err != nil {
		return b.refusal(err)
	}
	if len(args) != 1 {
		return "Say which rule to remove, as in `route remove 2`; `route list` shows their numbers."
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(args[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Sprintf("%q is not a rule number; `route list` shows them.", args[0])
	}
	rule, err := b.svc.AdminRemoveRoute(ctx, cmd.UserID, id)
	if err != nil {
		return b.refusal(err)
	}
	return fmt.Sprintf(":white_check_mark: Rule `%d` removed: leads whose %s is *%s* no longer go to %s.", rule.ID, rule.Field, escape(rule.Value), channelLink(rule.ChannelID))
}

var (
	escapedChannel = regexp.MustCompile(`^<#([A-Z0-9]+)(?:\|[^>]*)?>$`)
)

// parseRouteArgs reads `region=EMEA channel=#sales-emea`, the channel as
// #name, as Slack's escaped <#C…|name>, or as an ID.
func parseRouteArgs(args []string) (field, value string, channel handlers.ChannelRef, err error) {
	field, value, raw, err := handlers.ParseRouteArgs(args)
	if err != nil {
		return "", "", channel, err
	}
	return field, value, parseChannelRef(raw), nil
}

// parseChannelRef reads a channel as typed in a command: Slack's escaped
// <#C…|name>, #name, an ID, or a bare name.
func parseChannelRef(raw string) handlers.ChannelRef {
	if m := escapedChannel.FindStringSubmatch(raw); m != nil {
		return handlers.ChannelRef{ID: m[1]}
	}
	if name, ok := strings.CutPrefix(raw, "#"); ok {
		return handlers.ChannelRef{Name: name}
	}
	if _, ok := armistice.ChannelPlatform(raw); ok {
		return handlers.ChannelRef{ID: raw}
	}
	return handlers.ChannelRef{Name: raw}
}
