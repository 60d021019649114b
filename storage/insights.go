package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// Personas lists the personas by slug.
func (db *DB) Personas(ctx context.Context) ([]armistice.Persona, error) {
	rows, err := db.q.Personas(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("personas: %w", interpretError(err))
	}
	out := make([]armistice.Persona, len(rows))
	for i, r := range rows {
		out[i] = armistice.Persona{Slug: r.Slug, Name: r.Name, Description: r.Description, Insights: r.Insights}
	}
	return out, nil
}

// Persona returns a persona; ErrNotFound if there is none with slug.
func (db *DB) Persona(ctx context.Context, slug string) (armistice.Persona, error) {
	r, err := db.q.PersonaBySlug(ctx, db.pool, slug)
	if err != nil {
		return armistice.Persona{}, fmt.Errorf("persona %q: %w", slug, interpretError(err))
	}
	return armistice.Persona{Slug: r.Slug, Name: r.Name, Description: r.Description}, nil
}

// SavePersona adds a persona or describes an existing one.
func (db *DB) SavePersona(ctx context.Context, p armistice.Persona) error {
	err := db.q.UpsertPersona(ctx, db.pool, dbsqlc.UpsertPersonaParams{Slug: p.Slug, Name: p.Name, Description: p.Description, CreatedAt: db.now()})
	if err != nil {
		return fmt.Errorf("saving persona %q: %w", p.Slug, interpretError(err))
	}
	return nil
}

// AddInsight stores an insight and returns its ID.
func (db *DB) AddInsight(ctx context.Context, in armistice.Insight) (int64, error) {
	id, err := db.q.InsertInsight(ctx, db.pool, dbsqlc.InsertInsightParams{
		Persona: in.Persona, Author: in.Author, Team: in.Team, Body: in.Body, Tags: in.Tags, Permalink: in.Permalink, CreatedAt: db.now(),
	})
	if err != nil {
		return 0, fmt.Errorf("saving an insight: %w", interpretError(err))
	}
	return id, nil
}

// Insights returns insights newest first, of one persona unless persona is
// empty, matching words (English or Spanish, accents ignored) unless words
// is empty; limit and offset page through them.
func (db *DB) Insights(ctx context.Context, persona, words string, limit, offset int) ([]armistice.Insight, error) {
	var out []armistice.Insight
	if words == "" {
		rows, err := db.q.NewestInsights(ctx, db.pool, dbsqlc.NewestInsightsParams{Persona: persona, Max: int32(limit), Skip: int32(offset)})
		if err != nil {
			return nil, fmt.Errorf("insights: %w", interpretError(err))
		}
		for _, r := range rows {
			out = append(out, armistice.Insight(r))
		}
		return out, nil
	}
	rows, err := db.q.SearchInsights(ctx, db.pool, dbsqlc.SearchInsightsParams{Persona: persona, Words: words, Max: int32(limit), Skip: int32(offset)})
	if err != nil {
		return nil, fmt.Errorf("searching insights: %w", interpretError(err))
	}
	for _, r := range rows {
		out = append(out, armistice.Insight(r))
	}
	return out, nil
}

// InsightsBetween returns the insights saved in [from, to), by persona.
func (db *DB) InsightsBetween(ctx context.Context, from, to time.Time) ([]armistice.Insight, error) {
	rows, err := db.q.InsightsBetween(ctx, db.pool, dbsqlc.InsightsBetweenParams{FromAt: from, ToAt: to})
	if err != nil {
		return nil, fmt.Errorf("insights between: %w", interpretError(err))
	}
	out := make([]armistice.Insight, len(rows))
	for i, r := range rows {
		out[i] = armistice.Insight(r)
	}
	return out, nil
}
