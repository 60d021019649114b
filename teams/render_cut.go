package teams

import (
	"strings"
	"unicode"
)

// A card's outside text is escaped first and then cut to its budget, so
// that no escaped text outgrows it; the budgets keep the largest card
// within the size Teams takes (maxActivityBytes) even when every character
// takes six bytes of JSON ("<" is sent as \u003c).

// Budgets of a lead card's outside text once escaped, in characters.
const (
	cutName    = 300
	cutLine    = 300 // title, company, email, phone, each fact
	cutNotes   = 2800
	cutInsight = 280
	cutRef     = 300 // the external ID
	cutReason  = 200
	cutComment = 300
	cutPerson  = 200 // a decider's name
)

// cardCut shortens text escaped by cardEscape to at most limit
// characters, ending it with "…" when it cuts; never between a backslash
// and the character it escapes.
func cardCut(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	end := 0
	for i := 0; i < limit-1; {
		step := 1
		if r[i] == '\\' && i+1 < len(r) {
			step = 2
		}
		if i+step > limit-1 {
			break
		}
		i += step
		end = i
	}
	return strings.TrimRightFunc(string(r[:end]), unicode.IsSpace) + "…"
}
