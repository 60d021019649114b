package armistice

import "net/mail"

// validEmail tells whether s is an email address alone, as net/mail reads
// one (no display name, no angle brackets), of at most 254 bytes, the
// longest a mail server takes.
func validEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	if plainAddress(s) {
		return true
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// plainAddress tells whether s is local@domain with each side dot-atoms of
// ASCII (RFC 5322 3.2.3), the form of nearly every address an intake
// receives, which net/mail reads as itself; it is checked here without
// net/mail's allocations. The other forms are net/mail's to read.
func plainAddress(s string) bool {
	at := -1
	prev := byte('.') // an atom starts the address and follows each dot or the @
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '@':
			if at >= 0 || prev == '.' {
				return false
			}
			at = i
		case c == '.':
			if prev == '.' || prev == '@' {
				return false
			}
		case !atext[c]:
			return false
		}
		prev = c
	}
	return at > 0 && prev != '.' && prev != '@'
}

// atext marks the characters of an atom (RFC 5322 3.2.3).
var atext = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "!#$%&'*+-/=?^_`{|}~" {
		t[c] = true
	}
	return t
}()
