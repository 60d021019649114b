package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// The process's heap gets a soft limit of its own unless GOMEMLIMIT names
// one, which the runtime has applied already and is left as it is.
func TestMemoryLimitDefaultsUnlessGOMEMLIMITIsSet(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("without GOMEMLIMIT: limit %d, want %d", got, defaultMemoryLimit)
	}

	debug.SetMemoryLimit(200 << 20) // as the runtime does for GOMEMLIMIT=200MiB
	limitMemory(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "200MiB"
		}
		return ""
	})
	if got := debug.SetMemoryLimit(-1); got != 200<<20 {
		t.Errorf("with GOMEMLIMIT=200MiB: limit %d, want it kept", got)
	}
}
