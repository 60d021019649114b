package main

import "runtime/debug"

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT does not
// set one. Intake in arrays of 1,000 leads makes megabytes of short-lived
// buffers a second; without a limit the collector lets the heap double
// before it runs and the process held 97–133 MB, with it 71–84 MB at the
// same throughput. It is soft: a heap that needs more gets it, collected
// more often.
const defaultMemoryLimit = 64 << 20

// limitMemory sets the heap's soft limit to defaultMemoryLimit unless
// GOMEMLIMIT is set, which the Go runtime applies itself.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
