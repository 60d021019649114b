package api

import (
	"reflect"
	"testing"

	"github.com/armistice/armistice/api/apitest"
)

// BenchmarkDecodeLeads decodes an array of 1,000 leads as a marketing
// automation fills them, without the HTTP and the database around it.
func BenchmarkDecodeLeads(b *testing.B) {
	body := apitest.AppendLeads(nil, "bench", 1, 1000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		leads, _, fieldErrs, err := decodeLeads(body)
		if err != nil || len(fieldErrs) > 0 || len(leads) != 1000 {
			b.Fatalf("%d leads, %v, %v", len(leads), fieldErrs, err)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "leads/s")
}

// The benchmarks that store leads without HTTP store what the intake reads
// from the load generator's payload.
func TestApitestLeadIsWhatTheIntakeReads(t *testing.T) {
	leads, _, fieldErrs, err := decodeLeads(apitest.AppendLeads(nil, "bench", 1, 40))
	if err != nil || len(fieldErrs) > 0 {
		t.Fatal(fieldErrs, err)
	}
	for i, got := range leads {
		want := apitest.Lead("bench", int64(i+1))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("lead %d decoded as\n%+v\nwant\n%+v", i+1, got, want)
		}
	}
}
