package armistice

import "time"

// Calendar is the business-hours clock: the weekly business hours less the
// holidays, in a zone. The SLA, time to decision and the working days of
// the goals' pace all count by it.
type Calendar struct {
	Hours    BusinessHours
	Holidays map[Date]bool // days the clock stands still
	Location *time.Location
}

// open tells whether the clock runs on the day that starts at midnight.
func (c Calendar) open(midnight time.Time) bool {
	return c.Hours.Days[midnight.Weekday()] && !c.Holidays[DateOf(midnight)]
}

// WorkingDay tells whether the day t falls on (in the calendar's zone) is
// a business day and no holiday.
func (c Calendar) WorkingDay(t time.Time) bool {
	t = t.In(c.Location)
	return c.open(DateOf(t).Start(c.Location))
}

// Add returns the moment when d of business time has passed since start,
// counting only the open hours of business days that are no holidays: with
// Mon-Fri 09:00-18:00, 4h from Friday 17:30 is Monday 12:30, or Tuesday
// 12:30 when Monday is a holiday.
func (c Calendar) Add(start time.Time, d time.Duration) time.Time {
	if !c.Hours.anyDay() {
		return start.Add(d)
	}
	loc := c.Location
	t := start.In(loc)
	for skipped := 0; skipped < 3660; skipped++ { // ten years of holidays at most
		y, m, day := t.Date()
		midnight := time.Date(y, m, day, 0, 0, 0, 0, loc)
		if c.open(midnight) {
			skipped = 0
			open := midnight.Add(c.Hours.Open)
			close := midnight.Add(c.Hours.Close)
			if t.Before(open) {
				t = open
			}
			if t.Before(close) {
				if left := close.Sub(t); d <= left {
					return t.Add(d)
				} else {
					d -= left
				}
			}
		}
		t = time.Date(y, m, day+1, 0, 0, 0, 0, loc)
	}
	return t.Add(d) // every business day a holiday: the clock runs on as if none were
}

// Between returns the business time from start to end: the part of the
// interval that falls within open hours of days that are no holidays. It is
// zero when end is not after start.
func (c Calendar) Between(start, end time.Time) time.Duration {
	loc := c.Location
	var total time.Duration
	t := start.In(loc)
	for t.Before(end) {
		y, m, day := t.Date()
		midnight := time.Date(y, m, day, 0, 0, 0, 0, loc)
		if c.open(midnight) {
			open := midnight.Add(c.Hours.Open)
			close := midnight.Add(c.Hours.Close)
			from, to := later(t, open), earlier(end, close)
			if to.After(from) {
				total += to.Sub(from)
			}
		}
		t = time.Date(y, m, day+1, 0, 0, 0, 0, loc)
	}
	return total
}

// WorkingDays counts the days of the month that are business days and no
// holidays, and of those the ones that have ended by now (a day counts
// once it is over).
func (c Calendar) WorkingDays(m Month, now time.Time) (total, elapsed int) {
	loc := c.Location
	now = now.In(loc)
	for d := m.Start(loc); d.Before(m.End(loc)); d = d.AddDate(0, 0, 1) {
		if !c.open(d) {
			continue
		}
		total++
		if !d.AddDate(0, 0, 1).After(now) {
			elapsed++
		}
	}
	return total, elapsed
}
