package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// AddAgendaItem stores an item of the weekly meeting's agenda.
func (db *DB) AddAgendaItem(ctx context.Context, text, by string) (armistice.AgendaItem, error) {
	now := db.now()
	row, err := db.q.InsertAgendaItem(ctx, db.pool, dbsqlc.InsertAgendaItemParams{Week: armistice.Week(now), Body: strings.TrimSpace(text), AddedBy: by, AddedAt: now})
	if err != nil {
		return armistice.AgendaItem{}, fmt.Errorf("adding to the agenda: %w", interpretError(err))
	}
	return agendaItemOf(row), nil
}

// Agenda returns the open items and those done since the given time, in
// the order they were added.
func (db *DB) Agenda(ctx context.Context, since time.Time) ([]armistice.AgendaItem, error) {
	rows, err := db.q.AgendaItems(ctx, db.pool, since)
	if err != nil {
		return nil, fmt.Errorf("the agenda: %w", interpretError(err))
	}
	out := make([]armistice.AgendaItem, len(rows))
	for i, r := range rows {
		out[i] = agendaItemOf(r)
	}
	return out, nil
}

// MarkAgendaItemDone marks an open item done; ErrNotFound when it is done
// already.
func (db *DB) MarkAgendaItemDone(ctx context.Context, id int64, by string) (armistice.AgendaItem, error) {
	now := db.now()
	row, err := db.q.MarkAgendaItemDone(ctx, db.pool, dbsqlc.MarkAgendaItemDoneParams{ID: id, DoneBy: by, DoneAt: &now})
	if errors.Is(err, pgx.ErrNoRows) {
		return armistice.AgendaItem{}, ErrNotFound
	}
	if err != nil {
		return armistice.AgendaItem{}, fmt.Errorf("marking agenda item %d done: %w", id, interpretError(err))
	}
	return agendaItemOf(row), nil
}

func agendaItemOf(r dbsqlc.AgendaItem) armistice.AgendaItem {
	return armistice.AgendaItem{ID: r.ID, Body: r.Body, AddedBy: r.AddedBy, AddedAt: r.AddedAt, DoneBy: r.DoneBy, DoneAt: r.DoneAt}
}
