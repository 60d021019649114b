package armistice

import (
	"testing"
	"time"
)

func TestBusinessHoursAdd(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	weekdays, err := ParseBusinessHours("Mon-Fri 09:00-18:00")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, madrid)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name  string
		start string
		d     time.Duration
		want  string
	}{
		{"friday evening runs into monday", "2026-11-20 17:30", 4 * time.Hour, "2026-11-23 12:30"},
		{"within the day", "2026-11-23 10:00", 4 * time.Hour, "2026-11-23 14:00"},
		{"before opening starts at opening", "2026-11-23 06:00", time.Hour, "2026-11-23 10:00"},
		{"after closing starts next morning", "2026-11-23 20:00", 30 * time.Minute, "2026-11-24 09:30"},
		{"ends exactly at closing", "2026-11-23 14:00", 4 * time.Hour, "2026-11-23 18:00"},
		{"saturday starts monday", "2026-11-21 11:00", 2 * time.Hour, "2026-11-23 11:00"},
		{"several days", "2026-11-23 09:00", 20 * time.Hour, "2026-11-25 11:00"},
		{"across the spring DST change", "2026-03-27 17:00", 2 * time.Hour, "2026-03-30 10:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := weekdays.Add(at(tc.start), tc.d, madrid)
			if !got.Equal(at(tc.want)) {
				t.Errorf("Add(%s, %s) = %s, want %s", tc.start, tc.d, got.In(madrid).Format("Mon 2006-01-02 15:04"), tc.want)
			}
		})
	}
}

func TestParseBusinessHoursRoundTrips(t *testing.T) {
	for _, spec := range []string{"Mon-Fri 09:00-18:00", "Mon,Wed,Fri 08:30-12:00", "Sun-Sat 00:00-24:00"} {
		bh, err := ParseBusinessHours(spec)
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		if got := bh.String(); got != spec {
			t.Errorf("%s printed as %s", spec, got)
		}
	}
}

func TestBusinessHoursBetweenUndoesAdd(t *testing.T) {
	madrid, _ := time.LoadLocation("Europe/Madrid")
	bh, _ := ParseBusinessHours("Mon-Fri 09:00-18:00")
	start := time.Date(2026, 11, 20, 17, 30, 0, 0, madrid)
	for _, d := range []time.Duration{time.Minute, 30 * time.Minute, 3 * time.Hour, 4 * time.Hour, 27 * time.Hour} {
		end := bh.Add(start, d, madrid)
		if got := bh.Between(start, end, madrid); got != d {
			t.Errorf("Between(start, Add(start, %s)) = %s", d, got)
		}
	}
	if got := bh.Between(start, start.Add(-time.Hour), madrid); got != 0 {
		t.Errorf("a backwards interval = %s, want 0", got)
	}
	saturday := time.Date(2026, 11, 21, 10, 0, 0, 0, madrid)
	if got := bh.Between(saturday, saturday.Add(5*time.Hour), madrid); got != 0 {
		t.Errorf("a weekend interval = %s, want 0", got)
	}
}
