package armistice

import "time"

// RoutingRule sends leads whose Field (region, segment or source) equals
// Value to ChannelID.
type RoutingRule struct {
	ID        int64
	Field     string
	Value     string
	ChannelID string
	CreatedBy string
	CreatedAt time.Time
}
