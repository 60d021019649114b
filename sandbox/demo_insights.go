package sandbox

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// demoPersonaInfo describes the demo's personas, as the admin did.
var demoPersonaInfo = []struct{ slug, name, description string }{
	{"cfo", "Chief Financial Officer", "Signs off the budget. Wants payback within a year and proof from a company like theirs."},
	{"it-director", "IT Director", "Owns the systems the tool touches. Asks about security, hosting and integration before anything else."},
	{"ops-manager", "Operations Manager", "Lives with lost and late leads every day. Often the champion, rarely the one who signs."},
}

// demoInsights are what the teams learned about the personas over the
// month, in English and Spanish; daysAgo places each in the history.
var demoInsights = []struct {
	persona, author, text, tags string
	daysAgo                     int
}{
	{"cfo", Sam, "CFOs respond to the cost of delay: show what an MQL left for two days costs in pipeline, not a feature list.", "pricing, messaging", 26},
	{"it-director", Sam, "IT directors ask first about SSO and where the data lives; lead with the self-hosted option and plain Postgres.", "security, objections", 22},
	{"cfo", Mia, "The “Sales & marketing SLA” ebook converts CFOs twice as well as the webinar; their budget season starts in October.", "content, timing", 19},
	{"ops-manager", Rosa, "Las jefas de operaciones valoran los recordatorios del SLA más que los informes; hablan de «leads que se pierden».", "sla, mensajes", 15},
	{"it-director", Mia, "Paid search brings IT directors who are researching, not buying: nurture them with the architecture guide before handing them over.", "paid-search, nurture", 12},
	{"cfo", Rosa, "Los directores financieros piden el ROI a 12 meses y un caso de cliente del mismo sector antes de aceptar una demo.", "roi, objeciones", 9},
	{"ops-manager", Sam, "Ops managers are champions, not buyers: ask who signs off and bring the CFO in on the second call.", "champion, process", 6},
	{"it-director", Rosa, "Los directores de sistemas quieren saber si se integra con su CRM sin desarrollo; el webhook firmado les convence.", "integración, crm", 4},
	{"ops-manager", Mia, "Event leads from operations accept best when the card says what they asked at the booth; we now add it to the notes.", "events, notes", 2},
}

// insights describes the personas and saves what the teams learned about
// them over the month, each on its day, by its author.
func (l *loader) insights(ctx context.Context) error {
	loc := l.settings.Location
	today := midnight(l.now.In(loc))
	admins := l.settings.Admins
	if len(admins) > 0 {
		l.clock.Set(today.AddDate(0, 0, -historyDays).Add(9 * time.Hour))
		for _, p := range demoPersonaInfo {
			if _, err := l.hist.AddPersona(ctx, admins[0], p.slug, p.name, p.description); err != nil {
				return fmt.Errorf("describing the persona %s: %w", p.slug, err)
			}
		}
	}
	_, existing, err := l.hist.Insights(ctx, nil, 0)
	if err != nil {
		return fmt.Errorf("reading the insights: %w", err)
	}
	if len(existing) > 0 {
		return nil // loaded before
	}
	for i, in := range demoInsights {
		l.clock.Set(today.AddDate(0, 0, -in.daysAgo).Add(time.Duration(10*60+37*i) * time.Minute))
		if _, err := l.hist.SaveInsight(ctx, chat.InsightInput{Persona: in.persona, Author: in.author, Text: in.text, Tags: armistice.ParseTags(in.tags)}); err != nil {
			return fmt.Errorf("saving an insight about %s: %w", in.persona, err)
		}
	}
	return nil
}
