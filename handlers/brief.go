package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/llm"
	"github.com/armistice/armistice/storage"
)

// The weekly AI briefs: with a language model configured, every week (Monday
// to Sunday in the configured zone) gets a brief per persona that had new
// insights, and a summary of why sales rejected leads. Jobs make them, one
// model call each (jobs/brief.go); the weekly summary and `persona SLUG`
// show them. Without a model none is made or shown and nothing is called.

// maxRejectionsInPrompt bounds the rejections one summary reads.
const maxRejectionsInPrompt = 500

// LLMEnabled tells whether a language model is configured.
func (s *Service) LLMEnabled() bool { return s.llm != nil }

// BriefWeek is the key of the last whole week before now ("2026-11-16", its
// Monday in the configured zone): the week that Monday's weekly summary
// reports.
func (s *Service) BriefWeek() string {
	loc := s.current().Location
	y, m, d := s.now().In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	sinceMonday := (int(today.Weekday()) + 6) % 7
	return today.AddDate(0, 0, -sinceMonday-7).Format(time.DateOnly)
}

// weekRange is the week with that key, in the configured zone.
func (s *Service) weekRange(week string) (from, to time.Time, err error) {
	from, err = time.ParseInLocation(time.DateOnly, week, s.current().Location)
	if err != nil || from.Weekday() != time.Monday {
		return from, to, fmt.Errorf("week %q: not the date of a Monday", week)
	}
	return from, from.AddDate(0, 0, 7), nil
}

// BriefsDue is what a week still needs from the model.
type BriefsDue struct {
	Personas   []string // with insights that week and no brief yet
	Rejections bool     // leads were rejected that week and not summarised yet
}

// BriefsDue lists the briefs a week still needs; none without a model.
func (s *Service) BriefsDue(ctx context.Context, week string) (BriefsDue, error) {
	var due BriefsDue
	if s.llm == nil {
		return due, nil
	}
	from, to, err := s.weekRange(week)
	if err != nil {
		return due, err
	}
	if due.Personas, err = s.db.PersonasToBrief(ctx, from, from, to); err != nil {
		return due, err
	}
	if _, err := s.db.RejectionBriefOfWeek(ctx, from); !errors.Is(err, storage.ErrNotFound) {
		return due, err // stored already, or unreadable
	}
	rejections, err := s.db.RejectionsBetween(ctx, from, to, 1)
	due.Rejections = len(rejections) > 0
	return due, err
}

// BriefPersona asks the model to summarise exactly one week's insights about
// a persona, and stores its brief. final says that no attempt follows: a
// failure is then logged, once per job however many attempts it took.
func (s *Service) BriefPersona(ctx context.Context, persona, week string, final bool) error {
	if s.llm == nil {
		return nil
	}
	err := s.briefPersona(ctx, persona, week)
	if err != nil && (final || llm.Permanent(err)) {
		s.log.Warn("llm: no weekly brief for a persona; the weekly summary goes without it", "persona", persona, "week", week, "err", err)
	}
	return err
}

func (s *Service) briefPersona(ctx context.Context, slug, week string) error {
	from, to, err := s.weekRange(week)
	if err != nil {
		return err
	}
	p, err := s.db.Persona(ctx, slug)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	insights, err := s.db.PersonaInsightsBetween(ctx, slug, from, to)
	if err != nil || len(insights) == 0 {
		return err
	}
	notes := make([]llm.Note, len(insights))
	for i, in := range insights {
		notes[i] = llm.Note{Team: in.Team, Text: in.Body, At: in.CreatedAt}
	}
	answer, err := s.llm.Summarize(ctx, llm.PersonaBrief(llm.Persona{Slug: p.Slug, Name: p.Name, Description: p.Description}, from, notes))
	if err != nil {
		return err
	}
	bullets := llm.Bullets(answer)
	if len(bullets) == 0 {
		return llm.ErrEmpty
	}
	return s.db.AddPersonaBrief(ctx, armistice.PersonaBrief{
		Persona: slug, Week: from, Body: strings.Join(bullets, "\n"), Insights: len(insights), Model: s.llm.Model(),
	})
}

// BriefRejections asks the model why sales rejected the week's leads, from
// their reasons and comments, and stores its summary; final as for
// BriefPersona.
func (s *Service) BriefRejections(ctx context.Context, week string, final bool) error {
	if s.llm == nil {
		return nil
	}
	err := s.briefRejections(ctx, week)
	if err != nil && (final || llm.Permanent(err)) {
		s.log.Warn("llm: no weekly summary of rejections; the weekly summary goes without it", "week", week, "err", err)
	}
	return err
}

func (s *Service) briefRejections(ctx context.Context, week string) error {
	from, to, err := s.weekRange(week)
	if err != nil {
		return err
	}
	found, err := s.db.RejectionsBetween(ctx, from, to, maxRejectionsInPrompt)
	if err != nil || len(found) == 0 {
		return err
	}
	rs := make([]llm.Rejection, len(found))
	for i, r := range found {
		rs[i] = llm.Rejection(r)
	}
	answer, err := s.llm.Summarize(ctx, llm.RejectionSummary(from, rs))
	if err != nil {
		return err
	}
	bullets := llm.Bullets(answer)
	if len(bullets) == 0 {
		return llm.ErrEmpty
	}
	return s.db.AddRejectionBrief(ctx, armistice.RejectionBrief{Week: from, Body: strings.Join(bullets, "\n"), Rejections: len(found), Model: s.llm.Model()})
}

// PersonaBrief returns the newest brief of a persona; ok is false when it
// has none, or no model is configured.
func (s *Service) PersonaBrief(ctx context.Context, slug string) (b armistice.PersonaBrief, ok bool, err error) {
	if s.llm == nil {
		return b, false, nil
	}
	b, err = s.db.NewestPersonaBrief(ctx, strings.ToLower(slug))
	if errors.Is(err, storage.ErrNotFound) {
		return b, false, nil
	}
	return b, err == nil, err
}

// addBriefs adds to a weekly summary the briefs of the week it reports. The
// AI section is optional: when the briefs cannot be read, the summary goes
// without them.
func (s *Service) addBriefs(ctx context.Context, dg *chat.Digest) {
	if s.llm == nil || dg.Kind != chat.DigestWeekly {
		return
	}
	briefs, err := s.db.PersonaBriefsOfWeek(ctx, dg.From)
	if err != nil {
		s.log.Warn("the week's AI briefs; the weekly summary goes without them", "err", err)
		return
	}
	dg.Briefs = briefs
	rb, err := s.db.RejectionBriefOfWeek(ctx, dg.From)
	switch {
	case err == nil:
		dg.RejectionBrief = &rb
	case !errors.Is(err, storage.ErrNotFound):
		s.log.Warn("the week's AI summary of rejections; the weekly summary goes without it", "err", err)
	}
}

// digestFor keeps what a digest shows in one channel: the summary of why
// sales rejected leads is for marketing, in the marketing channel.
func (s *Service) digestFor(dg chat.Digest, channel string) chat.Digest {
	if channel != s.current().MarketingChannel {
		dg.RejectionBrief = nil
	}
	return dg
}
