package armistice

import "time"

// Add returns the moment when d of business time has passed since start,
// counting only the open hours of business days in loc: with Mon-Fri
// 09:00-18:00, 4h from Friday 17:30 is Monday 12:30.
func (bh BusinessHours) Add(start time.Time, d time.Duration, loc *time.Location) time.Time {
	if !bh.anyDay() {
		return start.Add(d)
	}
	t := start.In(loc)
	for {
		y, m, day := t.Date()
		if bh.Days[t.Weekday()] {
			open := time.Date(y, m, day, 0, 0, 0, 0, loc).Add(bh.Open)
			close := time.Date(y, m, day, 0, 0, 0, 0, loc).Add(bh.Close)
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
}

func (bh BusinessHours) anyDay() bool {
	for _, open := range bh.Days {
		if open {
			return true
		}
	}
	return false
}

// Between returns the business time from start to end in loc: the part of
// the interval that falls within open hours. It is zero when end is not
// after start.
func (bh BusinessHours) Between(start, end time.Time, loc *time.Location) time.Duration {
	var total time.Duration
	t := start.In(loc)
	for t.Before(end) {
		y, m, day := t.Date()
		next := time.Date(y, m, day+1, 0, 0, 0, 0, loc)
		if bh.Days[t.Weekday()] {
			open := time.Date(y, m, day, 0, 0, 0, 0, loc).Add(bh.Open)
			close := time.Date(y, m, day, 0, 0, 0, 0, loc).Add(bh.Close)
			from, to := later(t, open), earlier(end, close)
			if to.After(from) {
				total += to.Sub(from)
			}
		}
		t = next
	}
	return total
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
