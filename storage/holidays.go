package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage/internal/dbsqlc"
)

// HolidayKey is the key of the holidays' changes in the settings' audit
// trail.
const HolidayKey = "holiday"

// Holidays returns the holidays in force, oldest first.
func (db *DB) Holidays(ctx context.Context) ([]armistice.Holiday, error) {
	rows, err := db.q.Holidays(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("reading the holidays: %w", interpretError(err))
	}
	out := make([]armistice.Holiday, len(rows))
	for i, r := range rows {
		out[i] = armistice.Holiday{Date: dateOf(r.Day), Name: r.Name}
	}
	return out, nil
}

// SeedHolidays adds the days not known yet, in force or removed: the
// environment's list seeds the calendar without undoing an admin's removal.
func (db *DB) SeedHolidays(ctx context.Context, days []armistice.Date) error {
	if len(days) == 0 {
		return nil
	}
	p := dbsqlc.SeedHolidaysParams{UpdatedBy: "environment", UpdatedAt: db.now()}
	for _, d := range days {
		p.Days = append(p.Days, pgDate(d))
	}
	if err := db.q.SeedHolidays(ctx, db.pool, p); err != nil {
		return fmt.Errorf("seeding the holidays: %w", interpretError(err))
	}
	return nil
}

// AddHoliday puts a day in the calendar (or renames it) with its audit
// event, and tells the other replicas (on SettingsChannel) when it commits.
// changed is false when the day was in force with that name already.
func (db *DB) AddHoliday(ctx context.Context, h armistice.Holiday, by string) (changed bool, err error) {
	err = db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		before, err := db.lockHoliday(ctx, tx, h.Date)
		if err != nil {
			return err
		}
		if before != nil && before.Name == h.Name {
			return nil
		}
		now := db.now()
		if err := db.q.UpsertHoliday(ctx, tx, dbsqlc.UpsertHolidayParams{Day: pgDate(h.Date), Name: h.Name, UpdatedBy: by, UpdatedAt: now}); err != nil {
			return err
		}
		changed = true
		return db.auditHoliday(ctx, tx, by, before, &h, now)
	})
	if err != nil {
		return false, fmt.Errorf("adding holiday %s: %w", h.Date, err)
	}
	return changed, nil
}

// RemoveHoliday takes a day out of the calendar with its audit event, and
// tells the other replicas when it commits; ErrNotFound when the day is no
// holiday.
func (db *DB) RemoveHoliday(ctx context.Context, day armistice.Date, by string) (armistice.Holiday, error) {
	var removed armistice.Holiday
	err := db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		before, err := db.lockHoliday(ctx, tx, day)
		if err != nil {
			return err
		}
		if before == nil {
			return ErrNotFound
		}
		now := db.now()
		if err := db.q.RemoveHoliday(ctx, tx, dbsqlc.RemoveHolidayParams{Day: pgDate(day), UpdatedBy: by, UpdatedAt: now}); err != nil {
			return err
		}
		removed = *before
		return db.auditHoliday(ctx, tx, by, before, nil, now)
	})
	if err != nil {
		return armistice.Holiday{}, fmt.Errorf("removing holiday %s: %w", day, err)
	}
	return removed, nil
}

// lockHoliday returns the day as a holiday in force, nil when it is not.
func (db *DB) lockHoliday(ctx context.Context, tx pgx.Tx, day armistice.Date) (*armistice.Holiday, error) {
	row, err := db.q.LockHoliday(ctx, tx, pgDate(day))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, err
	case row.Removed:
		return nil, nil
	}
	return &armistice.Holiday{Date: day, Name: row.Name}, nil
}

// auditHoliday records a change of the calendar and announces it.
func (db *DB) auditHoliday(ctx context.Context, tx pgx.Tx, by string, before, after *armistice.Holiday, at time.Time) error {
	asJSON := func(h *armistice.Holiday) []byte {
		if h == nil {
			return nil
		}
		b, _ := json.Marshal(map[string]string{"date": h.Date.String(), "name": h.Name})
		return b
	}
	if err := db.q.InsertSettingsEvent(ctx, tx, dbsqlc.InsertSettingsEventParams{Key: HolidayKey, Actor: by, Before: asJSON(before), After: asJSON(after), At: at}); err != nil {
		return err
	}
	return db.q.NotifySettingsChanged(ctx, tx, dbsqlc.NotifySettingsChangedParams{Channel: SettingsChannel, Payload: by})
}

func pgDate(d armistice.Date) pgtype.Date {
	return pgtype.Date{Time: d.Start(time.UTC), Valid: true}
}

func dateOf(d pgtype.Date) armistice.Date {
	return armistice.DateOf(d.Time)
}
