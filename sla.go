package armistice

import "time"

// Add returns the moment when d of business time has passed since start,
// counting only the open hours of business days in loc, with no holidays:
// with Mon-Fri 09:00-18:00, 4h from Friday 17:30 is Monday 12:30. A
// Calendar counts holidays too.
func (bh BusinessHours) Add(start time.Time, d time.Duration, loc *time.Location) time.Time {
	return Calendar{Hours: bh, Location: loc}.Add(start, d)
}

func (bh BusinessHours) anyDay() bool {
	for _, open := range bh.Days {
		if open {
			return true
		}
	}
	return false
}

// Between returns the business time from start to end in loc, with no
// holidays: the part of the interval that falls within open hours. It is
// zero when end is not after start.
func (bh BusinessHours) Between(start, end time.Time, loc *time.Location) time.Duration {
	return Calendar{Hours: bh, Location: loc}.Between(start, end)
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
