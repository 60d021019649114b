package bot

import (
	"time"

	"github.com/armistice/armistice"
)

// leadWho names a lead where cards and notices show it, escaped: its name,
// email or external ID, or "erased" once its personal data is erased.
func leadWho(l armistice.Lead) string {
	if l.ErasedAt != nil {
		return "_erased_"
	}
	return escape(firstNonEmpty(l.Name, l.Email, l.ExternalID))
}

// erasedLine is the line an erased lead's card ends with.
func erasedLine(l armistice.Lead, zone *time.Location) string {
	if zone == nil {
		zone = time.UTC
	}
	return ":wastebasket: Personal data erased on " + l.ErasedAt.In(zone).Format("Mon 2 Jan 2006") + "; the lead still counts in the stats."
}
