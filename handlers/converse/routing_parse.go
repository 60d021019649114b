package converse

import (
	"regexp"
	"slices"
	"strings"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/handlers/chat"
)

var (
	routeKey        = regexp.MustCompile(`^[A-Za-z_]+$`)
	routeMatchNames = strings.Join(chat.RoutingFields, ", ")
)

// parseRouteArgs reads `region=EMEA channel=#sales-emea`: one field to
// match (region, segment or source; its value may hold spaces, as in
// segment=Mid Market) and the channel, returned as typed for the
// adapter to read.
func parseRouteArgs(args []string) (field, value, channel string, err error) {
	var keys []string
	values := map[string]string{}
	for _, tok := range args {
		if k, v, ok := strings.Cut(tok, "="); ok && routeKey.MatchString(k) {
			k = strings.ToLower(k)
			if _, dup := values[k]; dup {
				return "", "", "", armistice.Errorf(armistice.EINVALID, "%s is given twice.", k)
			}
			keys = append(keys, k)
			values[k] = v
			continue
		}
		if len(keys) == 0 {
			return "", "", "", armistice.Errorf(armistice.EINVALID, "Expected field=value, got %q.", tok)
		}
		last := keys[len(keys)-1]
		values[last] += " " + tok
	}
	for _, k := range keys {
		switch {
		case k == "channel":
		case slices.Contains(chat.RoutingFields, k):
			if field != "" {
				return "", "", "", armistice.Errorf(armistice.EINVALID, "A rule matches one field: give %s or %s, not both.", field, k)
			}
			field, value = k, strings.TrimSpace(values[k])
		default:
			return "", "", "", armistice.Errorf(armistice.EINVALID, "Unknown field %q: a rule matches %s, and names a channel.", k, routeMatchNames)
		}
	}
	if field == "" {
		return "", "", "", armistice.Errorf(armistice.EINVALID, "Say what to match: %s, as in region=EMEA.", routeMatchNames)
	}
	if value == "" {
		return "", "", "", armistice.Errorf(armistice.EINVALID, "Give the %s to match, as in %s=EMEA.", field, field)
	}
	raw, ok := values["channel"]
	if raw = strings.TrimSpace(raw); !ok || raw == "" {
		return "", "", "", armistice.Errorf(armistice.EINVALID, "Name the channel, as in channel=#sales-emea.")
	}
	return field, value, raw, nil
}
