package armistice

import (
	"testing"
	"time"
)

func TestCalendarSkipsHolidays(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	hours, err := ParseBusinessHours("Mon-Fri 09:00-18:00")
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
	day := func(s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Christmas 2026 is a Friday; Monday 2026-12-28 is made a holiday too.
	cal := Calendar{Hours: hours, Location: madrid, Holidays: map[Date]bool{day("2026-12-25"): true, day("2026-12-28"): true}}
	cases := []struct {
		name  string
		start string
		d     time.Duration
		want  string
	}{
		{"a holiday is skipped like a weekend", "2026-12-24 16:00", 4 * time.Hour, "2026-12-29 11:00"},
		{"starting on a holiday starts on the next working day", "2026-12-25 10:00", time.Hour, "2026-12-29 10:00"},
		{"a day before the holidays is untouched", "2026-12-23 10:00", 4 * time.Hour, "2026-12-23 14:00"},
		{"the day after counts as usual", "2026-12-29 09:00", 20 * time.Hour, "2026-12-31 11:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := cal.Add(at(tc.start), tc.d)
			if !got.Equal(at(tc.want)) {
				t.Errorf("Add(%s, %s) = %s, want %s", tc.start, tc.d, got.In(madrid).Format("2006-01-02 15:04"), tc.want)
			}
			if back := cal.Between(at(tc.start), got); back != tc.d {
				t.Errorf("Between(start, Add(start, %s)) = %s", tc.d, back)
			}
		})
	}
	if got := cal.Between(at("2026-12-25 00:00"), at("2026-12-26 00:00")); got != 0 {
		t.Errorf("business time on a holiday = %s, want 0", got)
	}
	if cal.WorkingDay(at("2026-12-25 12:00")) || !cal.WorkingDay(at("2026-12-24 12:00")) || cal.WorkingDay(at("2026-12-26 12:00")) {
		t.Error("WorkingDay: want the 24th a working day, the 25th (holiday) and 26th (Saturday) not")
	}
	// December 2026 has 23 weekdays, two of them holidays; by the 29th at
	// noon, 18 of the 21 working days are over.
	total, elapsed := cal.WorkingDays(Month{2026, time.December}, at("2026-12-29 12:00"))
	if total != 21 || elapsed != 18 {
		t.Errorf("WorkingDays = %d, %d elapsed; want 21, 18", total, elapsed)
	}
	if total, _ := (Calendar{Hours: hours, Location: madrid}).WorkingDays(Month{2026, time.December}, at("2026-12-29 12:00")); total != 23 {
		t.Errorf("WorkingDays without holidays = %d, want 23", total)
	}
}

func TestCalendarWhoseEveryDayIsAHolidayStillEnds(t *testing.T) {
	hours, _ := ParseBusinessHours("Mon 09:00-10:00")
	cal := Calendar{Hours: hours, Location: time.UTC, Holidays: map[Date]bool{}}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := start; d.Year() < 2040; d = d.AddDate(0, 0, 1) {
		cal.Holidays[DateOf(d)] = true
	}
	if got := cal.Add(start, time.Hour); got.Before(start) {
		t.Errorf("Add = %s, before the start", got)
	}
}

func TestParseHolidays(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		bad  bool
	}{
		{"", nil, false},
		{"2026-12-25", []string{"2026-12-25"}, false},
		{" 2026-12-25 , 2027-01-01,", []string{"2026-12-25", "2027-01-01"}, false},
		{"2026-02-30", nil, true},
		{"25/12/2026", nil, true},
		{"2026-12-25,christmas", nil, true},
	}
	for _, tc := range cases {
		got, err := ParseHolidays(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("ParseHolidays(%q) error = %v, want error %v", tc.in, err, tc.bad)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("ParseHolidays(%q) = %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i].String() != tc.want[i] {
				t.Errorf("ParseHolidays(%q)[%d] = %s, want %s", tc.in, i, got[i], tc.want[i])
			}
		}
	}
}
