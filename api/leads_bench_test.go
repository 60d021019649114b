package api_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/api/apitest"
	"github.com/armistice/armistice/storage/storagetest"
)

// BenchmarkIntakeSingleLeads posts signed single leads, as a marketing
// automation fills them (apitest.AppendLead), from parallel senders through
// the HTTP API into a real Postgres; with -cpuprofile it shows where an
// intake request spends its time.
func BenchmarkIntakeSingleLeads(b *testing.B) {
	tb := setup(b, storagetest.DB(b), secret)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var n atomic.Int64
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := apitest.AppendLead(nil, "bench", n.Add(1))
			if !tb.postBench(b, client, body) {
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "leads/s")
}

// BenchmarkIntakeArrays posts signed arrays of 1,000 such leads from two
// senders; with -cpuprofile it shows where a large batch spends its time.
func BenchmarkIntakeArrays(b *testing.B) {
	tb := setup(b, storagetest.DB(b), secret)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	var n atomic.Int64
	b.SetParallelism(1)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := apitest.AppendLeads(nil, "bench", n.Add(1000)-999, 1000)
			if !tb.postBench(b, client, body) {
				return
			}
		}
	})
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "leads/s")
}

// postBench posts a signed body and reports whether it was taken (201).
func (tb *testBundle) postBench(b *testing.B, client *http.Client, body []byte) bool {
	now := tb.now // the server's clock
	req, _ := http.NewRequest(http.MethodPost, tb.srv.URL+"/api/v1/leads", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
	req.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), now, body))
	resp, err := client.Do(req)
	if err != nil {
		b.Error(err)
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body) // so the connection is reused
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		b.Errorf("status %d", resp.StatusCode)
		return false
	}
	return true
}
