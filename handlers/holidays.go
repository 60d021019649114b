package handlers

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/storage"
)

// MaxHolidayName bounds a holiday's name.
const MaxHolidayName = 100

// Holidays lists the holiday calendar, oldest first. Anyone may.
func (s *Service) Holidays(ctx context.Context) ([]armistice.Holiday, error) {
	return s.db.Holidays(ctx)
}

// HolidayAdd puts a day (text "YYYY-MM-DD") in the holiday calendar, with an
// optional name, audited and in force on every replica at once: the
// business-hours clock stands still on it from then on. Only an admin may.
// changed is false when the day was a holiday with that name already.
func (s *Service) HolidayAdd(ctx context.Context, by, date, name string) (h armistice.Holiday, changed bool, err error) {
	if err := s.RequireAdmin(by, "change the holidays"); err != nil {
		return h, false, err
	}
	day, err := armistice.ParseDate(date)
	if err != nil {
		return h, false, armistice.Errorf(armistice.EINVALID, "%s.", capitalize(err.Error()))
	}
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case utf8.RuneCountInString(name) > MaxHolidayName:
		return h, false, armistice.Errorf(armistice.EINVALID, "A holiday's name is at most %d characters.", MaxHolidayName)
	case strings.ContainsFunc(name, unicode.IsControl):
		return h, false, armistice.Errorf(armistice.EINVALID, "A holiday's name may not hold control characters.")
	}
	h = armistice.Holiday{Date: day, Name: name}
	if changed, err = s.db.AddHoliday(ctx, h, by); err != nil {
		return h, false, unavailableSaving(err)
	}
	s.reloadAfterSave()
	return h, changed, nil
}

// HolidayRemove takes a day (text "YYYY-MM-DD") out of the holiday
// calendar, audited and in force on every replica at once. Only an admin
// may.
func (s *Service) HolidayRemove(ctx context.Context, by, date string) (armistice.Holiday, error) {
	if err := s.RequireAdmin(by, "change the holidays"); err != nil {
		return armistice.Holiday{}, err
	}
	day, err := armistice.ParseDate(date)
	if err != nil {
		return armistice.Holiday{}, armistice.Errorf(armistice.EINVALID, "%s.", capitalize(err.Error()))
	}
	h, err := s.db.RemoveHoliday(ctx, day, by)
	if errors.Is(err, storage.ErrNotFound) {
		return h, armistice.Errorf(armistice.ENOTFOUND, "%s is not a holiday.", day)
	} else if err != nil {
		return h, unavailableSaving(err)
	}
	s.reloadAfterSave()
	return h, nil
}

// SeedHolidays adds ARMISTICE_HOLIDAYS to the stored calendar: days not
// known yet are added, days an admin removed stay removed.
func (s *Service) SeedHolidays(ctx context.Context) error {
	return s.db.SeedHolidays(ctx, s.settings.Holidays)
}

// unavailableSaving says an outage during a save in words a user can act on.
func unavailableSaving(err error) error {
	if errors.Is(err, storage.ErrUnavailable) {
		return &armistice.Error{Code: armistice.EUNAVAILABLE, Message: "The database is unavailable; nothing was saved. Please try again in a minute."}
	}
	return err
}

// capitalize gives s with its first letter in upper case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
