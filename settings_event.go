package armistice

import (
	"encoding/json"
	"time"
)

// SettingsEvent is one entry of the settings' audit trail.
type SettingsEvent struct {
	ID     int64
	Key    string
	Actor  string
	Before json.RawMessage // nil: there was none
	After  json.RawMessage // nil: removed
	At     time.Time
}
