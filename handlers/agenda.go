package handlers

import (
	"context"
	"errors"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// AddAgendaItem puts a point on the weekly meeting's agenda; anyone may.
func (s *Service) AddAgendaItem(ctx context.Context, user, text string) (armistice.AgendaItem, error) {
	if err := armistice.CheckAgendaItem(text); err != nil {
		return armistice.AgendaItem{}, armistice.Errorf(armistice.EINVALID, "Nothing was added: %s.", err.Error())
	}
	return s.db.AddAgendaItem(ctx, text, user)
}

// Agenda is the weekly meeting's agenda: the open items and those done
// this week, in the order they were added; the meeting numbers them
// from 1 in that order.
func (s *Service) Agenda(ctx context.Context) ([]armistice.AgendaItem, error) {
	return s.db.Agenda(ctx, weekStart(s.now(), s.current().Location))
}

// AgendaDone marks the nth item of the agenda (from 1) done.
func (s *Service) AgendaDone(ctx context.Context, user string, n int) (armistice.AgendaItem, error) {
	items, err := s.Agenda(ctx)
	if err != nil {
		return armistice.AgendaItem{}, err
	}
	if n < 1 || n > len(items) {
		return armistice.AgendaItem{}, armistice.Errorf(armistice.EINVALID, "There is no item %d on the agenda; it has %d.", n, len(items))
	}
	if items[n-1].DoneAt != nil {
		return items[n-1], armistice.Errorf(armistice.ECONFLICT, "Item %d is done already.", n)
	}
	done, err := s.db.MarkAgendaItemDone(ctx, items[n-1].ID, user)
	if errors.Is(err, storage.ErrNotFound) {
		return items[n-1], armistice.Errorf(armistice.ECONFLICT, "Item %d is done already.", n)
	}
	return done, err
}

// openAgenda is the agenda's open items, for the weekly summary.
func (s *Service) openAgenda(ctx context.Context) ([]armistice.AgendaItem, error) {
	items, err := s.Agenda(ctx)
	var open []armistice.AgendaItem
	for _, it := range items {
		if it.DoneAt == nil {
			open = append(open, it)
		}
	}
	return open, err
}

// weekStart is the Monday 00:00 of t's week in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	back := (int(t.Weekday()) + 6) % 7
	y, m, d := t.AddDate(0, 0, -back).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
