package armistice

import "time"

// Erased is what erasing one lead's personal data came to. It names the
// fields that were erased, never their values.
type Erased struct {
	LeadID     int64
	ExternalID string // as it is after the erasure
	ReceivedAt time.Time
	Fields     []string // the fields that held personal data, by JSON name
}
