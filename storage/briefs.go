package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// Rejection is what one rejection was about, without the lead's personal
// data.
type Rejection struct {
	Reason, Comment          string
	Persona, Segment, Source string
}

// AddPersonaBrief stores a persona's brief for its week; a brief already
// stored for that persona and week stays.
func (db *DB) AddPersonaBrief(ctx context.Context, b armistice.PersonaBrief) error {
	err := db.q.InsertPersonaBrief(ctx, db.pool, dbsqlc.InsertPersonaBriefParams{
		Persona: b.Persona, Week: day(b.Week), Body: b.Body, Insights: int32(b.Insights), Model: b.Model, CreatedAt: db.now(),
	})
	if err != nil {
		return fmt.Errorf("saving the brief of %s: %w", b.Persona, interpretError(err))
	}
	return nil
}

// NewestPersonaBrief returns a persona's latest brief; ErrNotFound if it
// has none.
func (db *DB) NewestPersonaBrief(ctx context.Context, persona string) (armistice.PersonaBrief, error) {
	r, err := db.q.NewestPersonaBrief(ctx, db.pool, persona)
	if err != nil {
		return armistice.PersonaBrief{}, fmt.Errorf("the brief of %s: %w", persona, interpretError(err))
	}
	return personaBrief(dbsqlc.PersonaBriefsOfWeekRow(r)), nil
}

// PersonaBriefsOfWeek returns the briefs of the week that starts on week, by
// persona.
func (db *DB) PersonaBriefsOfWeek(ctx context.Context, week time.Time) ([]armistice.PersonaBrief, error) {
	rows, err := db.q.PersonaBriefsOfWeek(ctx, db.pool, day(week))
	if err != nil {
		return nil, fmt.Errorf("the briefs of the week: %w", interpretError(err))
	}
	out := make([]armistice.PersonaBrief, len(rows))
	for i, r := range rows {
		out[i] = personaBrief(r)
	}
	return out, nil
}

func personaBrief(r dbsqlc.PersonaBriefsOfWeekRow) armistice.PersonaBrief {
	return armistice.PersonaBrief{Persona: r.Persona, Name: r.Name, Week: briefDate(r.Week), Body: r.Body, Insights: int(r.Insights), Model: r.Model, CreatedAt: r.CreatedAt}
}

// PersonasToBrief lists the personas with insights saved in [from, to) and
// no brief yet for the week that starts on week.
func (db *DB) PersonasToBrief(ctx context.Context, week, from, to time.Time) ([]string, error) {
	slugs, err := db.q.PersonasToBrief(ctx, db.pool, dbsqlc.PersonasToBriefParams{FromAt: from, ToAt: to, Week: day(week)})
	if err != nil {
		return nil, fmt.Errorf("personas to brief: %w", interpretError(err))
	}
	return slugs, nil
}

// PersonaInsightsBetween returns one persona's insights saved in [from, to),
// oldest first.
func (db *DB) PersonaInsightsBetween(ctx context.Context, persona string, from, to time.Time) ([]armistice.Insight, error) {
	rows, err := db.q.PersonaInsightsBetween(ctx, db.pool, dbsqlc.PersonaInsightsBetweenParams{Persona: persona, FromAt: from, ToAt: to})
	if err != nil {
		return nil, fmt.Errorf("insights of %s: %w", persona, interpretError(err))
	}
	out := make([]armistice.Insight, len(rows))
	for i, r := range rows {
		out[i] = armistice.Insight(r)
	}
	return out, nil
}

// RejectionsBetween returns up to limit rejections decided in [from, to),
// oldest first.
func (db *DB) RejectionsBetween(ctx context.Context, from, to time.Time, limit int) ([]Rejection, error) {
	rows, err := db.q.RejectionsBetween(ctx, db.pool, dbsqlc.RejectionsBetweenParams{FromAt: &from, ToAt: &to, Max: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("rejections: %w", interpretError(err))
	}
	out := make([]Rejection, len(rows))
	for i, r := range rows {
		out[i] = Rejection(r)
	}
	return out, nil
}

// AddRejectionBrief stores the rejection summary of a week; one already
// stored for that week stays.
func (db *DB) AddRejectionBrief(ctx context.Context, b armistice.RejectionBrief) error {
	err := db.q.InsertRejectionBrief(ctx, db.pool, dbsqlc.InsertRejectionBriefParams{
		Week: day(b.Week), Body: b.Body, Rejections: int32(b.Rejections), Model: b.Model, CreatedAt: db.now(),
	})
	if err != nil {
		return fmt.Errorf("saving the rejection summary: %w", interpretError(err))
	}
	return nil
}

// RejectionBriefOfWeek returns the rejection summary of the week that
// starts on week; ErrNotFound if there is none.
func (db *DB) RejectionBriefOfWeek(ctx context.Context, week time.Time) (armistice.RejectionBrief, error) {
	r, err := db.q.RejectionBriefOfWeek(ctx, db.pool, day(week))
	if err != nil {
		return armistice.RejectionBrief{}, fmt.Errorf("the rejection summary of the week: %w", interpretError(err))
	}
	return armistice.RejectionBrief{Week: briefDate(r.Week), Body: r.Body, Rejections: int(r.Rejections), Model: r.Model, CreatedAt: r.CreatedAt}, nil
}

// briefDate reads a date column as midnight UTC.
func briefDate(d pgtype.Date) time.Time {
	y, m, dd := d.Time.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}
