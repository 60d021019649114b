package handlers

import (
	"context"
	"errors"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
	"github.com/armistice/armistice/storage"
)

// SaveInsight stores what someone learned about a persona, with their team
// (ARMISTICE_SALES_TEAM and ARMISTICE_MARKETING_TEAM, or the sales and
// marketing channels' members where they are not set). Errors are EINVALID with
// Fields keyed persona and text.
func (s *Service) SaveInsight(ctx context.Context, in chat.InsightInput) (armistice.Insight, error) {
	bad := map[string]string{}
	slug := strings.ToLower(strings.TrimSpace(in.Persona))
	if slug == "" {
		bad["persona"] = "choose a persona"
	} else if _, err := s.db.Persona(ctx, slug); errors.Is(err, storage.ErrNotFound) {
		bad["persona"] = "there is no persona " + slug + "; `personas` lists them"
	} else if err != nil {
		return armistice.Insight{}, err
	}
	if msg := armistice.CheckInsightText(in.Text); msg != "" {
		bad["text"] = msg
	}
	if len(bad) > 0 {
		msg := bad["persona"]
		if msg == "" {
			msg = "The insight " + bad["text"] + "."
		} else {
			msg = strings.ToUpper(msg[:1]) + msg[1:] + "."
		}
		return armistice.Insight{}, &armistice.Error{Code: armistice.EINVALID, Message: msg, Fields: bad}
	}
	inSales, err := s.inSalesTeam(ctx, in.Author, 0)
	if err != nil {
		return armistice.Insight{}, err
	}
	inMarketing, err := s.inMarketingTeam(ctx, in.Author)
	if err != nil {
		return armistice.Insight{}, err
	}
	insight := armistice.Insight{
		Persona: slug, Author: in.Author, Team: armistice.InsightTeam(inSales, inMarketing),
		Body: strings.TrimSpace(in.Text), Tags: in.Tags, Permalink: in.Permalink, CreatedAt: s.now(),
	}
	if insight.Tags == nil {
		insight.Tags = []string{}
	}
	insight.ID, err = s.db.AddInsight(ctx, insight)
	return insight, err
}

// Personas lists the personas.
func (s *Service) Personas(ctx context.Context) ([]armistice.Persona, error) {
	return s.db.Personas(ctx)
}

// AddPersonaLine adds or describes a persona from a command's words,
// "SLUG NAME: DESCRIPTION"; admins only.
func (s *Service) AddPersonaLine(ctx context.Context, user, line string) (armistice.Persona, error) {
	slug, nameDesc, _ := strings.Cut(line, " ")
	name, desc, _ := strings.Cut(nameDesc, ":")
	return s.AddPersona(ctx, user, slug, name, desc)
}

// AddPersona adds or describes a persona; admins only.
func (s *Service) AddPersona(ctx context.Context, user, slug, name, description string) (armistice.Persona, error) {
	p := armistice.Persona{Slug: strings.ToLower(strings.TrimSpace(slug)), Name: strings.TrimSpace(name), Description: strings.TrimSpace(description)}
	switch {
	case !s.IsAdmin(user):
		return p, armistice.Errorf(armistice.EUNAUTHORIZED, "Only admins can add personas.")
	case !armistice.ValidPersonaSlug(p.Slug):
		return p, armistice.Errorf(armistice.EINVALID, "%q is not a persona slug: lowercase letters, digits, - and _, such as cfo or it-director.", slug)
	case p.Name == "":
		return p, armistice.Errorf(armistice.EINVALID, "Give the persona a name: `persona add SLUG NAME: DESCRIPTION`.")
	case len(p.Name) > 100 || len(p.Description) > 2000:
		return p, armistice.Errorf(armistice.EINVALID, "Keep the name under 100 and the description under 2,000 characters.")
	}
	return p, s.db.SavePersona(ctx, p)
}

// Persona returns a persona with its newest insights.
func (s *Service) Persona(ctx context.Context, slug string) (armistice.Persona, []armistice.Insight, error) {
	p, err := s.db.Persona(ctx, strings.ToLower(slug))
	if errors.Is(err, storage.ErrNotFound) {
		return p, nil, armistice.Errorf(armistice.ENOTFOUND, "There is no persona %s; `personas` lists them.", slug)
	}
	if err != nil {
		return p, nil, err
	}
	insights, err := s.db.Insights(ctx, p.Slug, "", 5, 0)
	return p, insights, err
}

// Insights returns a page of insights, newest first: of one persona when
// the first word names one, matching the other words when there are any.
func (s *Service) Insights(ctx context.Context, words []string, page int) (persona string, found []armistice.Insight, err error) {
	if len(words) > 0 {
		if _, err := s.db.Persona(ctx, strings.ToLower(words[0])); err == nil {
			persona, words = strings.ToLower(words[0]), words[1:]
		}
	}
	if page < 0 {
		page = 0
	}
	found, err = s.db.Insights(ctx, persona, strings.Join(words, " "), chat.InsightsPage, page*chat.InsightsPage)
	return persona, found, err
}
