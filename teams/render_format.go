package teams

import (
	"strings"
	"time"

	"github.com/armistice/armistice"
)

// Names gives the display name of a Teams user from their Entra object ID,
// or "" when it is not known.
type Names func(id string) string

// of is how a person or an actor is called in what the bot shows: the
// user's display name, "someone" for a user whose name is not known, and
// system actors ("api", "crm", "armistice"…) as they are. Unescaped.
func (n Names) of(id string) string {
	if n != nil && id != "" {
		if name := strings.TrimSpace(n(id)); name != "" {
			return name
		}
	}
	if _, user := armistice.UserPlatform(id); user || id == "" {
		return "someone"
	}
	return id
}

// zoneOr is the zone to show times in: UTC when none is given.
func zoneOr(z *time.Location) *time.Location {
	if z == nil {
		return time.UTC
	}
	return z
}

// leadLabel is what a lead is called: its name, else its email, else its
// external ID. Unescaped; an erased lead is handled by the callers.
func leadLabel(l armistice.Lead) string {
	for _, s := range []string{l.Name, l.Email, l.ExternalID} {
		if s != "" {
			return s
		}
	}
	return ""
}

// safeLink tells whether a URL from outside may be shown as a link: http or
// https, with nothing that could end the link's markdown early.
func safeLink(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) &&
		!strings.ContainsAny(u, " \t\r\n<>()[]\"'`|\\")
}
