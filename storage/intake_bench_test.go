package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/api/apitest"
	"github.com/armistice/armistice/storage/storagetest"
)

// BenchmarkInsertLeads stores arrays of 1,000 leads as a marketing
// automation fills them, one write after the other on one connection: the
// statement's cost alone (Postgres's and the encoding of its arguments),
// without HTTP, decoding or concurrent writes. With -cpuprofile it shows
// the Go side; perf on the Postgres backend shows the other.
func BenchmarkInsertLeads(b *testing.B) {
	ctx := context.Background()
	db := storagetest.DB(b)
	const batch = 1000
	leads := make([]armistice.Lead, batch)
	channels := make([]string, batch)
	for i := range leads {
		channels[i] = "C0SALES01"
	}
	n := int64(0)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		for i := range leads {
			n++
			leads[i] = apitest.Lead("bench", n)
		}
		b.StartTimer()
		if _, err := db.InsertLeads(ctx, leads, channels, "api", time.Now().Add(time.Hour), &intakeJobs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "leads/s")
}
