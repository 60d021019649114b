package converse

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

// The argument parsers of the assignment's verbs: pool, away.

var mention = regexp.MustCompile(`^<@([UW][A-Z0-9]{2,20})(\|[^>]*)?>$`)

// parseUser reads a user as a chat names one: a Slack mention (<@U…> or
// <@U…|name>), a Slack user ID, or a Teams user's Entra object ID.
func parseUser(text string) (string, error) {
	text = strings.TrimSpace(text)
	if m := mention.FindStringSubmatch(text); m != nil {
		return m[1], nil
	}
	if _, ok := armistice.UserPlatform(text); ok {
		return text, nil
	}
	return "", armistice.Errorf(armistice.EINVALID, "%q is not a user: mention them, as in @ana.", text)
}

// parsePoolRepArgs reads `@rep [weight=N] [cap=N]`.
func parsePoolRepArgs(args []string) (chat.PoolRepArgs, error) {
	var out chat.PoolRepArgs
	for _, tok := range args {
		k, v, ok := strings.Cut(tok, "=")
		if !ok {
			if out.Rep != "" {
				return out, armistice.Errorf(armistice.EINVALID, "Name one rep at a time; %q is one too many.", tok)
			}
			rep, err := parseUser(tok)
			if err != nil {
				return out, err
			}
			out.Rep = rep
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch k = strings.ToLower(k); {
		case k == "weight" && (err != nil || n < armistice.MinWeight || n > armistice.MaxWeight):
			return out, armistice.Errorf(armistice.EINVALID, "The weight is a whole number from %d to %d, not %q.", armistice.MinWeight, armistice.MaxWeight, v)
		case k == "cap" && (err != nil || n < 0 || n > armistice.MaxCap):
			return out, armistice.Errorf(armistice.EINVALID, "The cap is the most leads a day, a whole number from 0 (no cap) to %d, not %q.", armistice.MaxCap, v)
		case k == "weight" && out.Weight == nil:
			out.Weight = &n
		case k == "cap" && out.Cap == nil:
			out.Cap = &n
		case k == "weight" || k == "cap":
			return out, armistice.Errorf(armistice.EINVALID, "%s is given twice.", k)
		default:
			return out, armistice.Errorf(armistice.EINVALID, "Unknown option %q: use weight=N and cap=N.", k)
		}
	}
	if out.Rep == "" {
		return out, armistice.Errorf(armistice.EINVALID, "Name the rep, as in pool add @ana weight=2 cap=5.")
	}
	return out, nil
}

// parseAwayArgs reads `[until YYYY-MM-DD | for Nd] [note]`, days counted
// from today (the day the absence ends: the rep takes leads again on it).
func parseAwayArgs(args []string, today armistice.Date) (chat.AwayArgs, error) {
	var out chat.AwayArgs
	if len(args) >= 2 && strings.EqualFold(args[0], "until") {
		d, err := armistice.ParseDate(args[1])
		if err != nil {
			return out, armistice.Errorf(armistice.EINVALID, "%s.", capitalize(err.Error()))
		}
		out.Until, args = &d, args[2:]
	} else if len(args) >= 2 && strings.EqualFold(args[0], "for") {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.ToLower(args[1]), "d"))
		if err != nil || !strings.HasSuffix(strings.ToLower(args[1]), "d") || n < 1 || n > chat.MaxAwayDays {
			return out, armistice.Errorf(armistice.EINVALID, "Say how many days as in for 3d (1 to %d), not %q.", chat.MaxAwayDays, args[1])
		}
		d := armistice.DateOf(today.Start(time.UTC).AddDate(0, 0, n))
		out.Until, args = &d, args[2:]
	}
	out.Note = strings.Join(args, " ")
	return out, nil
}

// capitalize gives s with its first letter in upper case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
