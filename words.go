package armistice

import (
	"strings"
	"unicode"
)

// AfterWords returns text without its first n words, keeping the rest as
// typed (line breaks and all): the free text of a command such as
// "insight cfo …".
func AfterWords(text string, n int) string {
	text = strings.TrimSpace(text)
	for range n {
		i := strings.IndexFunc(text, unicode.IsSpace)
		if i < 0 {
			return ""
		}
		text = strings.TrimSpace(text[i:])
	}
	return text
}
