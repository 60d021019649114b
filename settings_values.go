package armistice

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// The settings an operator gives in the environment and an admin changes in
// the settings form are read by the functions below, so both accept the same
// values and name a problem in the same words.

// Limits on the follow-up window (ARMISTICE_SLA, the settings form).
const (
	MinSLA = time.Minute
	MaxSLA = 1000 * time.Hour
)

// ParseSLA reads a follow-up window of business time such as "4h", "90m"
// or "1h 30m", between MinSLA and MaxSLA.
func ParseSLA(v string) (time.Duration, error) {
	v = strings.ReplaceAll(strings.TrimSpace(v), " ", "")
	d, err := time.ParseDuration(v)
	if err != nil || d < MinSLA || d > MaxSLA {
		return 0, fmt.Errorf("want business time between 1m and %s, such as 4h or 90m; got %q", ShortDuration(MaxSLA), v)
	}
	return d, nil
}

// ShortDuration writes a duration as people type it: "4h", "90m" as
// "1h30m"; nothing for zero or less.
func ShortDuration(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	var sb strings.Builder
	if h := d / time.Hour; h > 0 {
		fmt.Fprintf(&sb, "%dh", h)
	}
	if m := (d % time.Hour) / time.Minute; m > 0 {
		fmt.Fprintf(&sb, "%dm", m)
	}
	if sb.Len() == 0 {
		return d.String()
	}
	return sb.String()
}

// ParseTimeZone reads an IANA time zone name; "Local" and "" are refused,
// as they would mean whatever zone the server happens to run in.
func ParseTimeZone(v string) (*time.Location, error) {
	v = strings.TrimSpace(v)
	loc, err := time.LoadLocation(v)
	if err != nil || v == "" || v == "Local" {
		return nil, fmt.Errorf("unknown time zone %q (use an IANA name such as Europe/Madrid)", v)
	}
	return loc, nil
}

// ParseSchedule reads a standard five-field cron spec, such as the digest's
// "0 9 * * 1-5"; runs of spaces count as one.
func ParseSchedule(v string) (cron.Schedule, error) {
	v = strings.Join(strings.Fields(v), " ")
	sched, err := cron.ParseStandard(v)
	if err != nil {
		return nil, fmt.Errorf("not a cron spec such as \"0 9 * * 1-5\": %v", err)
	}
	return sched, nil
}

// CheckChannelID says what is wrong with a channel ID of either platform.
func CheckChannelID(id string) error {
	if _, ok := ChannelPlatform(id); !ok {
		return fmt.Errorf("%q is not a channel ID (a Slack ID such as C0123ABCD, or a Teams ID such as 19:…@thread.tacv2)", id)
	}
	return nil
}

// CheckUserID says what is wrong with a user ID of either platform.
func CheckUserID(id string) error {
	if _, ok := UserPlatform(id); !ok {
		return fmt.Errorf("%q is not a user ID (a Slack ID such as U0123ABCD, or an Entra object ID)", id)
	}
	return nil
}
