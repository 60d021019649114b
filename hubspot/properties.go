package hubspot

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// propertyName is the shape of a property's internal name.
var propertyName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,99}$`)

// ParseProperties reads "property=value,…" (internal property names, such
// as lifecyclestage=salesqualifiedlead). A value may be empty, which clears
// the property; a name may appear once.
func ParseProperties(v string) (map[string]string, error) {
	out := map[string]string{}
	for item := range strings.SplitSeq(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		switch {
		case !ok:
			return nil, fmt.Errorf("%q is not property=value", item)
		case !propertyName.MatchString(name):
			return nil, fmt.Errorf("%q is not a HubSpot property's internal name (lowercase letters, digits and _)", name)
		case hasKey(out, name):
			return nil, fmt.Errorf("%s is given twice", name)
		}
		out[name] = value
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no property=value in %q", v)
	}
	return out, nil
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// FormatProperties writes properties as "name=value, …", by name.
func FormatProperties(props map[string]string) string {
	parts := make([]string, 0, len(props))
	for _, k := range slices.Sorted(maps.Keys(props)) {
		parts = append(parts, k+"="+props[k])
	}
	return strings.Join(parts, ", ")
}
