package jobs

import "time"

// A waiting weekly summary looks again quickly in tests.
func init() { briefPoll = 100 * time.Millisecond }
