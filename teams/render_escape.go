package teams

import (
	"strconv"
	"strings"
	"unicode"
)

// Text from outside (lead fields, names, comments, insights, persona names,
// model output) reaches two renderers in Teams, each with its own escaping:
//
//   - message text (textFormat markdown), where Teams also reads HTML: &, <
//     and > become entities, so that "<at>…</at>" can mention no one, and
//     markdown's characters become numeric character references, which
//     show the character and are no markdown;
//   - Adaptive Card TextBlocks (and FactSet values), whose markdown subset
//     takes backslash escapes.
//
// Both also neutralise what would start a list or a heading at the start of
// a line.

// mdEscape makes outside text show literally in a Teams message written in
// markdown.
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		lead := leadingMarker(line)
		for j, r := range line {
			if e, ok := mdEntities[r]; ok {
				b.WriteString(e)
			} else if j == lead {
				b.WriteString("&#" + strconv.Itoa(int(r)) + ";") // "-", "+", "." or ")"
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// mdEntities are the characters that mean something to Teams' markdown or
// HTML, with the references that show them as themselves.
var mdEntities = map[rune]string{
	'&': "&amp;", '<': "&lt;", '>': "&gt;",
	'\\': "&#92;", '*': "&#42;", '_': "&#95;", '`': "&#96;", '~': "&#126;",
	'[': "&#91;", ']': "&#93;", '#': "&#35;", '|': "&#124;",
}

// cardEscape makes outside text show literally in an Adaptive Card
// TextBlock (or a FactSet value), whose markdown knows bold, italic, links,
// and bulleted and numbered lists.
func cardEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		lead := leadingMarker(line)
		for j, r := range line {
			if strings.ContainsRune(`\*_[]#~`+"`", r) || (j == lead && strings.ContainsRune("-+.)", r)) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// leadingMarker finds the byte offset of the character that would make a
// line a list item when a space or the line's end follows it: a leading
// "-" or "+", or the "." or ")" after leading digits ("- " "1. " "2)"). It
// returns -1 when the line starts no list.
func leadingMarker(line string) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == len(line) {
		return -1
	}
	endsMarker := func(k int) bool { return k == len(line) || line[k] == ' ' || line[k] == '\t' }
	if (line[i] == '-' || line[i] == '+') && endsMarker(i+1) {
		return i
	}
	j := i
	for j < len(line) && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	if j > i && j < len(line) && (line[j] == '.' || line[j] == ')') && endsMarker(j+1) {
		return j
	}
	return -1
}

// oneLine folds runs of white space, line breaks included, into single
// spaces: for outside text shown inside a line or a list item.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
