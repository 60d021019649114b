package armistice

import (
	"strings"
	"testing"
	"time"
)

// The environment and the settings form read a setting with one function,
// so a value is taken by both or refused by both, in the same words.
func TestSettingValues(t *testing.T) {
	slas := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{in: "4h", want: 4 * time.Hour},
		{in: " 1h 30m ", want: 90 * time.Minute},
		{in: "1m", want: time.Minute},
		{in: "1000h", want: 1000 * time.Hour},
		{in: "59s", bad: true},
		{in: "1001h", bad: true},
		{in: "soon", bad: true},
		{in: "", bad: true},
	}
	for _, tc := range slas {
		d, err := ParseSLA(tc.in)
		if (err != nil) != tc.bad || d != tc.want {
			t.Errorf("ParseSLA(%q) = %v, %v", tc.in, d, err)
		}
		if err != nil && !strings.Contains(err.Error(), "between 1m and 1000h") {
			t.Errorf("ParseSLA(%q) says %q, which names no limits", tc.in, err)
		}
	}
	for d, want := range map[time.Duration]string{90 * time.Minute: "1h30m", 4 * time.Hour: "4h", 45 * time.Minute: "45m", 0: "", 30 * time.Second: "30s"} {
		if got := ShortDuration(d); got != want {
			t.Errorf("ShortDuration(%v) = %q, want %q", d, got, want)
		}
	}
	for _, zone := range []string{"", "Local", "Mars/Olympus"} {
		if _, err := ParseTimeZone(zone); err == nil || !strings.Contains(err.Error(), "unknown time zone") {
			t.Errorf("ParseTimeZone(%q) = %v, want an unknown zone", zone, err)
		}
	}
	if loc, err := ParseTimeZone(" Europe/Madrid "); err != nil || loc.String() != "Europe/Madrid" {
		t.Errorf("ParseTimeZone(Europe/Madrid) = %v, %v", loc, err)
	}
	sched, err := ParseSchedule("0  9 * *   1-5")
	if err != nil {
		t.Fatal(err)
	}
	friday := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	if next := sched.Next(friday); !next.Equal(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("after Friday 10:00 the schedule runs %v, want Monday 09:00", next)
	}
	if _, err := ParseSchedule("every day"); err == nil || !strings.Contains(err.Error(), "not a cron spec") {
		t.Errorf("ParseSchedule(every day) = %v", err)
	}
	for id, ok := range map[string]bool{"C0SALES01": true, "19:abc@thread.tacv2": true, "#sales": false, "U0REP0001": false} {
		if err := CheckChannelID(id); (err == nil) != ok {
			t.Errorf("CheckChannelID(%q) = %v", id, err)
		}
	}
	for id, ok := range map[string]bool{"U0REP0001": true, "11111111-2222-3333-4444-555555555555": true, "bob": false, "C0SALES01": false} {
		if err := CheckUserID(id); (err == nil) != ok {
			t.Errorf("CheckUserID(%q) = %v", id, err)
		}
	}
}
