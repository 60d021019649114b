package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Block Kit limits the text of each element: outside text is escaped
// first (&, < and > become entities of four or five characters) and then
// cut to fit, so that no escaped text outgrows its element.

// Slack's limits on message parts, in characters.
const (
	maxSectionText = 3000 // a section's text, a context element's text
	maxFieldText   = 2000 // each of a section's fields
)

// width counts text as Slack's limits count characters, or more: in UTF-16
// code units, so that a character beyond the Basic Multilingual Plane (an
// emoji) counts two.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// cut shortens escaped mrkdwn to at most limit (counted by width), ending
// it with "…" when it cuts. It cuts only between whole pieces: an entity
// ("&amp;"), a token in angle brackets (a mention or a link), or one
// character; never inside one, so no half-entity shows and no mention or
// link is broken.
func cut(s string, limit int) string {
	if width(s) <= limit {
		return s
	}
	budget := limit - 1 // for "…"
	n, end := 0, 0
	for i := 0; i < len(s); {
		j := pieceEnd(s, i)
		w := width(s[i:j])
		if n+w > budget {
			break
		}
		n, end, i = n+w, j, j
	}
	return strings.TrimRightFunc(s[:end], unicode.IsSpace) + "…"
}

// pieceEnd returns where the piece of escaped mrkdwn that starts at i ends:
// after an entity "&…;", a token "<…>", or one character.
func pieceEnd(s string, i int) int {
	switch s[i] {
	case '&':
		if k := strings.IndexByte(s[i:], ';'); k > 0 && k <= len("&#1114111;") {
			return i + k + 1
		}
	case '<':
		if k := strings.IndexByte(s[i:], '>'); k > 0 {
			return i + k + 1
		}
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}
