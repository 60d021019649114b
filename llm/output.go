package llm

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a model's answer may put in front of people.
const (
	MaxBullets     = 5
	MaxBulletChars = 400
	MaxChars       = 1500 // all bullets together
)

// thinking is the reasoning that some models (served by Ollama, vLLM…)
// write before their answer.
var thinking = regexp.MustCompile(`(?is)<think>.*?</think>`)

// bulletMark is how a list item starts: -, *, •, or a number.
var bulletMark = regexp.MustCompile(`^\s*(?:[-*•‣◦·]|\d{1,2}[.)])\s+`)

// Bullets turns a model's answer into at most MaxBullets trimmed lines of at
// most MaxBulletChars each and MaxChars together, without control
// characters. When the answer is a list, the lines around it (a preamble,
// a closing remark) are dropped. The result is still untrusted text: it is
// escaped wherever it is shown.
func Bullets(answer string) []string {
	answer = thinking.ReplaceAllString(answer, "")
	lines := strings.Split(strings.ReplaceAll(answer, "\r\n", "\n"), "\n")
	var listed, plain []string
	for _, l := range lines {
		isBullet := bulletMark.MatchString(l)
		l = strings.TrimSpace(clean(bulletMark.ReplaceAllString(l, "")))
		if l == "" || strings.HasPrefix(l, "```") {
			continue
		}
		if isBullet {
			listed = append(listed, l)
		} else {
			plain = append(plain, l)
		}
	}
	if len(listed) == 0 {
		listed = plain
	}
	var out []string
	total := 0
	for _, l := range listed {
		if len(out) == MaxBullets {
			break
		}
		l = cut(l, MaxBulletChars)
		if n := utf8.RuneCountInString(l); total+n > MaxChars {
			if rest := MaxChars - total; rest >= 40 {
				out = append(out, cut(l, rest))
			}
			break
		} else {
			total += n
		}
		out = append(out, l)
	}
	return out
}

// clean drops control and invisible formatting characters, and turns tabs
// into spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}

// cut shortens s to at most n runes, ending with "…" when it had more.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
