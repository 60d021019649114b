package teams

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers"
)

// The admin commands in Teams: routing rules, erasure, and a read-only view
// of the settings (the settings form is Slack's; in Teams they are read
// here and changed through the environment or from Slack).

const routeUsage = "Routing rules send a lead's card to another channel than the sales channel, by the lead's region, segment or source:\n\n" +
	"- **route list**: the rules, in the order they are tried\n" +
	"- **route add region=EMEA channel=19:…@thread.tacv2** (or channel=NAME of a channel the bot has seen; also segment=… or source=…; admins)\n" +
	"- **route remove N**: removes rule N (admins)"

// route runs `route list|add|remove`; the use cases check that the caller
// is an admin.
func (b *Bot) route(ctx context.Context, c command) reply {
	sub, args := "list", c.args
	if len(args) > 0 {
		sub, args = strings.ToLower(args[0]), args[1:]
	}
	switch sub {
	case "list", "ls":
		return reply{text: b.routeList(ctx)}
	case "add":
		field, value, raw, err := handlers.ParseRouteArgs(args)
		if err != nil {
			return reply{text: mdEscape(b.userMessage(err)) + "\n\n" + routeUsage}
		}
		ref := handlers.ChannelRef{Name: strings.TrimPrefix(raw, "#")}
		if _, ok := armistice.ChannelPlatform(raw); ok {
			ref = handlers.ChannelRef{ID: raw}
		}
		rule, info, err := b.svc.AdminAddRoute(ctx, c.user, field, value, ref)
		if err != nil {
			return b.failed(err)
		}
		return reply{text: fmt.Sprintf("Rule %d added: leads whose %s is **%s** go to %s, from the next lead announced.", rule.ID, rule.Field, mdEscape(rule.Value), b.channelName(ctx, info.ID))}
	case "remove", "rm", "delete":
		if len(args) != 1 {
			return reply{text: "Say which rule to remove, as in **route remove 2**; **route list** shows their numbers."}
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(args[0], "#"), 10, 64)
		if err != nil || id <= 0 {
			return reply{text: mdEscape(fmt.Sprintf("%q is not a rule number; route list shows them.", args[0]))}
		}
		rule, err := b.svc.AdminRemoveRoute(ctx, c.user, id)
		if err != nil {
			return b.failed(err)
		}
		return reply{text: fmt.Sprintf("Rule %d removed: leads whose %s is **%s** no longer go to %s.", rule.ID, rule.Field, mdEscape(rule.Value), b.channelName(ctx, rule.ChannelID))}
	}
	return reply{text: routeUsage}
}

func (b *Bot) routeList(ctx context.Context) string {
	rules, err := b.svc.Routes(ctx)
	if err != nil {
		return mdEscape(b.userMessage(err))
	}
	fallback := b.channelName(ctx, b.svc.CurrentSettings().SalesChannel)
	if len(rules) == 0 {
		return "There are no routing rules: every lead goes to " + fallback + "."
	}
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.CreatedBy
	}
	names := b.names(ctx, ids...)
	var sb strings.Builder
	fmt.Fprintf(&sb, "Routing rules, tried in this order (the first that matches wins; other leads go to %s):\n", fallback)
	for _, r := range rules {
		fmt.Fprintf(&sb, "\n- **%d** %s = **%s** → %s (by %s, %s)", r.ID, r.Field, mdEscape(r.Value), b.channelName(ctx, r.ChannelID),
			mdEscape(names.of(r.CreatedBy)), r.CreatedAt.In(b.svc.Location()).Format("2 Jan 2006"))
	}
	return sb.String()
}

// channelName shows a channel by its name when the bot knows it.
func (b *Bot) channelName(ctx context.Context, id string) string {
	if c, err := b.db.Conversation(ctx, id); err == nil && c.Name != "" {
		return "**" + mdEscape(c.Name) + "**"
	}
	return mdEscape(id)
}

// forget erases the personal data of the leads with an email address or of
// the lead with an external ID, for admins. What was erased goes to the
// caller's personal chat.
func (b *Bot) forget(ctx context.Context, c command) reply {
	if len(c.args) != 1 {
		return reply{text: "Say whose personal data to erase, by email address or external ID, as in **forget ana@example.com** or **forget hs-123**."}
	}
	erased, err := b.svc.Forget(ctx, c.user, c.args[0])
	if err != nil {
		return b.failed(err)
	}
	return reply{text: erasedText(erased, b.svc.Location()), private: true}
}

// erasedText confirms an erasure: what matched, which leads, which fields,
// what stays.
func erasedText(erasure handlers.Erasure, zone *time.Location) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Matched by %s **%s**.\n\n", erasure.MatchedBy(), mdEscape(erasure.Key))
	for _, e := range erasure.Leads {
		fmt.Fprintf(&sb, "Erased the personal data of lead **%s** (received %s): %s.\n\n", mdEscape(e.ExternalID), e.ReceivedAt.In(zone).Format("2 Jan 2006"), strings.Join(e.Fields, ", "))
	}
	sb.WriteString("Kept, so that the counts stay right: status, source, score, persona, segment, region, country, company, dates, and the decision with its reason. Its card and the messages about it are being redrawn to show “erased”.")
	return sb.String()
}

// tellPrivately sends msg to the activity's sender in their personal chat
// with the bot, opening it if needed.
func (b *Bot) tellPrivately(ctx context.Context, a *Activity, msg Activity) error {
	user, err := userOf(a)
	if err != nil {
		return err
	}
	conv, err := b.db.PersonalChat(ctx, user)
	id := conv.ID
	if err != nil {
		if id, err = b.conn.OpenPersonal(ctx, a.ServiceURL, a.TenantID(), a.From.ID); err != nil {
			return err
		}
		if err := b.db.SaveConversation(ctx, Conversation{ID: id, Kind: "personal", TenantID: a.TenantID(), ServiceURL: a.ServiceURL, UserID: user}); err != nil {
			b.log.Warn("teams: remembering a personal chat", "err", err)
		}
	}
	_, err = b.conn.Send(ctx, a.ServiceURL, id, msg)
	return err
}

// settings shows the settings in force.
func (b *Bot) settings(ctx context.Context, c command) reply {
	if err := b.svc.RequireAdmin(c.user, "see the settings"); err != nil {
		return b.failed(err)
	}
	s := b.svc.CurrentSettings()
	people := append(append([]string{}, s.Admins...), s.SalesManagers...)
	names := b.names(ctx, people...)
	list := func(ids []string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = mdEscape(names.of(id))
		}
		if len(out) == 0 {
			return "none"
		}
		return strings.Join(out, ", ")
	}
	channels := func(ids []string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = b.channelName(ctx, id)
		}
		return strings.Join(out, ", ")
	}
	reasons := s.RejectionReasons
	if reasons == nil {
		reasons = armistice.DefaultRejectionReasons
	}
	var sb strings.Builder
	sb.WriteString("**Settings in force**\n\n")
	fmt.Fprintf(&sb, "- Sales channel: %s\n- Marketing channel: %s\n- Digests to: %s, on %s\n", b.channelName(ctx, s.SalesChannel), b.channelName(ctx, s.MarketingChannel), channels(s.DigestChannels), mdEscape(s.DigestSchedule))
	fmt.Fprintf(&sb, "- Follow-up SLA: %s of business hours\n- Admins: %s\n- Sales managers: %s\n- Rejection reasons: %s\n- Time zone: %s\n",
		armistice.FormatBusinessTime(s.SLA), list(s.Admins), list(s.SalesManagers), mdEscape(strings.Join(reasons, ", ")), s.Location)
	sb.WriteString("\nThey are changed with the ARMISTICE_* variables, or from the settings form in Slack where Slack is connected.")
	return reply{text: sb.String(), private: true}
}
