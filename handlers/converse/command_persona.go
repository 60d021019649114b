package converse

import (
	"context"
	"strings"

	"github.com/armistice/armistice"
)

// persona answers `persona SLUG`: the persona, its newest AI brief and its
// newest insights; `persona add SLUG NAME: DESCRIPTION` adds one (admins,
// checked by the use case); `persona` alone lists them.
func (c *Conversation) persona(ctx context.Context, call Call, args []string) Reply {
	if len(args) == 0 {
		return c.personas(ctx, call, nil)
	}
	if strings.EqualFold(args[0], "add") {
		p, err := c.svc.AddPersonaLine(ctx, call.User, armistice.AfterWords(call.Line, 2))
		if err != nil {
			return c.refused(call, err)
		}
		return Text(T("Persona "), C(p.Slug), T(" ("), B(p.Name), T(") saved."))
	}
	p, insights, err := c.svc.Persona(ctx, args[0])
	if err != nil {
		return c.failed(err)
	}
	blocks := []Block{P(B(oneLine(p.Name)), T(" ("), C(p.Slug), T(")"))}
	if p.Description != "" {
		blocks = append(blocks, P(T(p.Description)))
	}
	if brief, ok, err := c.svc.PersonaBrief(ctx, p.Slug); err != nil {
		c.log.Warn("the AI brief of a persona", "persona", p.Slug, "err", err)
	} else if ok {
		blocks = append(blocks,
			P(B("AI brief, week of "+brief.Week.Format("2 Jan 2006")), T(" (from "+countOf(brief.Insights, "insight")+")")),
			Bullets(armistice.Truncate(brief.Body, 3000)),
			Note{T("Written by a language model from what the teams wrote; check before acting on it.")})
	}
	if len(insights) == 0 {
		blocks = append(blocks, P(I("No insights yet: "), call.usage("insight "+p.Slug+" …"), I(" adds one.")))
	} else {
		blocks = append(blocks, P(B("Newest insights")), insightList(insights, false))
	}
	return Reply{Blocks: blocks}
}

// Bullets lists stored model output, one item a line, without the list
// markers the model wrote.
func Bullets(body string) List {
	var items List
	for l := range strings.SplitSeq(body, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•")); l != "" {
			items = append(items, P(T(l)))
		}
	}
	return items
}

// insightList lists insights, each with its author, team, date and, when
// it came from a message, a link to it; withPersona names the persona of
// each.
func insightList(insights []armistice.Insight, withPersona bool) List {
	items := make(List, len(insights))
	for i, in := range insights {
		var p Paragraph
		if withPersona {
			p = P(B(oneLine(in.Persona)), T(" "))
		}
		p = append(p, T(oneLine(armistice.Truncate(in.Body, 400))+" — "), U(in.Author), T(", "+in.Team+" ("+in.CreatedAt.Format("2 Jan")+")"))
		if safeLink(in.Permalink) {
			p = append(p, T(" "), L("source", in.Permalink))
		}
		items[i] = p
	}
	return items
}

// safeLink tells whether a URL from outside may be shown as a link: http or
// https, with nothing that could end a link's markup early.
func safeLink(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) &&
		!strings.ContainsAny(u, " \t\r\n<>()[]\"'`|\\")
}
