package armistice

import (
	"fmt"
	"strings"
	"time"
)

// MaxAgendaItemLen bounds an item of the weekly meeting's agenda.
const MaxAgendaItemLen = 500

// AgendaItem is one point for the weekly meeting of both teams: what to
// talk about, who added it and, once dealt with, who marked it done.
type AgendaItem struct {
	ID      int64
	Body    string
	AddedBy string
	AddedAt time.Time
	DoneBy  string
	DoneAt  *time.Time // nil while open
}

// CheckAgendaItem says what is wrong with the text of an item, nil when
// nothing is.
func CheckAgendaItem(text string) error {
	switch n := len([]rune(strings.TrimSpace(text))); {
	case n == 0:
		return fmt.Errorf("say what to talk about")
	case n > MaxAgendaItemLen:
		return fmt.Errorf("an item takes at most %d characters, this one has %d", MaxAgendaItemLen, n)
	}
	return nil
}

// Week is the ISO week of t, as the agenda and the weekly summary name
// it: 2026-W49.
func Week(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}
