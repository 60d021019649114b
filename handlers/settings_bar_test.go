package handlers

import (
	"testing"
	"time"

	"github.com/armistice/armistice"
)

// The MQL bar in force in a month is the newest agreement signed for it or
// for a month before; a later month's agreement is not in force yet.
func TestTheBarInForceIsTheNewestSignedNoLaterThanTheMonth(t *testing.T) {
	month := func(y int, m time.Month) armistice.Month { return armistice.Month{Year: y, Month: m} }
	live := &liveSettings{signed: []armistice.Agreement{ // newest month first, as loaded
		{Month: month(2026, 12), MQLMinScore: 70},
		{Month: month(2026, 10), MQLMinScore: 60},
		{Month: month(2025, 12), MQLMinScore: 50},
	}}
	for _, c := range []struct {
		in   armistice.Month
		want int // the bar's minimum score; -1: no bar
	}{
		{month(2027, 1), 70}, {month(2026, 12), 70}, {month(2026, 11), 60}, {month(2026, 10), 60},
		{month(2026, 2), 50}, {month(2025, 12), 50}, {month(2025, 11), -1},
	} {
		got := -1
		if a := live.bar(c.in); a != nil {
			got = a.MQLMinScore
		}
		if got != c.want {
			t.Errorf("bar(%s): score %d, want %d", c.in, got, c.want)
		}
	}
}
