package main

import "runtime/debug"

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT does not
// set one. Intake in arrays of 1,000 leads makes megabytes of short-lived
// buffers a second; without a limit the collector lets the heap double
// before it runs and the process held 97–133 MB, with it 71–84 MB at the
// same throughput. It is soft: a heap that needs more gets it, collected
// more often.
const defaultMemoryLimit = 64 << 20

// defaultGCPercent is how much the heap grows between collections when
// GOGC does not say: with the limit above bounding the heap, the collector
// need not run at every doubling of a small live heap. Under single-lead
// intake (a few megabytes live) it ran often enough to take a tenth of the
// server's time; at 400 the peak RSS stayed at 83–84 MB in make bench.
const defaultGCPercent = 400

// limitMemory sets the heap's soft limit to defaultMemoryLimit unless
// GOMEMLIMIT is set, and the collector's pace to defaultGCPercent unless
// GOGC is: the Go runtime applies those itself.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
}
