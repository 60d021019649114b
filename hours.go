package armistice

import (
	"fmt"
	"strings"
	"time"
)

// BusinessHours is the weekly window in which the SLA clock runs: the same
// opening hours on each of the chosen weekdays, in the configured zone.
type BusinessHours struct {
	Days  [7]bool       // indexed by time.Weekday
	Open  time.Duration // since midnight
	Close time.Duration // since midnight, after Open; 24h means midnight
}

var weekdayNames = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// ParseBusinessHours reads a spec such as "Mon-Fri 09:00-18:00" or
// "Mon,Wed,Fri 08:30-12:00": weekdays (ranges and lists of three-letter
// English names) and a daily opening time range.
func ParseBusinessHours(spec string) (BusinessHours, error) {
	var bh BusinessHours
	days, hours, ok := strings.Cut(strings.TrimSpace(spec), " ")
	if !ok {
		return bh, fmt.Errorf("want days and hours such as \"Mon-Fri 09:00-18:00\", got %q", spec)
	}
	for part := range strings.SplitSeq(days, ",") {
		from, to, isRange := strings.Cut(part, "-")
		first, err := parseWeekday(from)
		if err != nil {
			return bh, err
		}
		last := first
		if isRange {
			if last, err = parseWeekday(to); err != nil {
				return bh, err
			}
		}
		for d := first; ; d = (d + 1) % 7 {
			bh.Days[d] = true
			if d == last {
				break
			}
		}
	}
	open, close, ok := strings.Cut(strings.TrimSpace(hours), "-")
	if !ok {
		return bh, fmt.Errorf("want hours such as 09:00-18:00, got %q", hours)
	}
	var err error
	if bh.Open, err = parseClock(open); err != nil {
		return bh, err
	}
	if bh.Close, err = parseClock(close); err != nil {
		return bh, err
	}
	if bh.Close <= bh.Open {
		return bh, fmt.Errorf("closing time %s is not after opening time %s", close, open)
	}
	return bh, nil
}

func parseWeekday(s string) (time.Weekday, error) {
	for i, name := range weekdayNames {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return time.Weekday(i), nil
		}
	}
	return 0, fmt.Errorf("unknown weekday %q (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", s)
}

func parseClock(s string) (time.Duration, error) {
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); n != 2 || err != nil || len(s) != 5 {
		return 0, fmt.Errorf("want a time of day such as 09:00, got %q", s)
	}
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%q is not a time of day", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// String gives the spec back in the form ParseBusinessHours reads, days as
// ranges where they are consecutive.
func (bh BusinessHours) String() string {
	var parts []string
	for d := 0; d < 7; {
		if !bh.Days[d] {
			d++
			continue
		}
		end := d
		for end+1 < 7 && bh.Days[end+1] {
			end++
		}
		if end > d {
			parts = append(parts, weekdayNames[d]+"-"+weekdayNames[end])
		} else {
			parts = append(parts, weekdayNames[d])
		}
		d = end + 1
	}
	clock := func(d time.Duration) string {
		return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
	}
	return strings.Join(parts, ",") + " " + clock(bh.Open) + "-" + clock(bh.Close)
}
