package armistice

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day, without a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, e.g. 2026-12-25", s)
	}
	return DateOf(t), nil
}

// DateOf is the day t falls on, in t's zone.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String gives "YYYY-MM-DD".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Start is the first instant of the day in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Holiday is a day off for everyone: the business-hours clock stands still
// on it, whatever the weekday.
type Holiday struct {
	Date Date
	Name string // may be empty
}

// ParseHolidays reads a comma-separated list of dates such as
// "2026-12-25,2027-01-01" (ARMISTICE_HOLIDAYS); empty gives none.
func ParseHolidays(v string) ([]Date, error) {
	var out []Date
	for part := range strings.SplitSeq(v, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		d, err := ParseDate(part)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
