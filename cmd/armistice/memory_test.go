package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// The process's heap gets a soft limit and a collector pace of its own
// unless GOMEMLIMIT and GOGC name them, which the runtime has applied
// already and are left as they are.
func TestMemoryLimitAndGCPaceDefaultUnlessTheEnvironmentSetsThem(t *testing.T) {
	limitBefore := debug.SetMemoryLimit(-1)
	percentBefore := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(limitBefore); debug.SetGCPercent(percentBefore) })

	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("without GOMEMLIMIT: limit %d, want %d", got, defaultMemoryLimit)
	}
	if got := debug.SetGCPercent(150); got != defaultGCPercent {
		t.Errorf("without GOGC: %d%%, want %d%%", got, defaultGCPercent)
	}

	debug.SetMemoryLimit(200 << 20) // as the runtime does for GOMEMLIMIT=200MiB and GOGC=150
	limitMemory(func(k string) string {
		return map[string]string{"GOMEMLIMIT": "200MiB", "GOGC": "150"}[k]
	})
	if got := debug.SetMemoryLimit(-1); got != 200<<20 {
		t.Errorf("with GOMEMLIMIT=200MiB: limit %d, want it kept", got)
	}
	if got := debug.SetGCPercent(100); got != 150 {
		t.Errorf("with GOGC=150: %d%%, want it kept", got)
	}
}
