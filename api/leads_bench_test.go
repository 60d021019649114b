package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/armistice/armistice/api"
	"github.com/armistice/armistice/storage/storagetest"
)

// BenchmarkIntakeSingleLeads posts signed single leads from parallel
// senders through the HTTP API into a real Postgres; with -cpuprofile it
// shows where an intake request spends its time.
func BenchmarkIntakeSingleLeads(b *testing.B) {
	tb := setup(b, storagetest.DB(b), secret)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var n atomic.Int64
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			body := fmt.Sprintf(`{"external_id":"bench-%d","email":"b%d@example.com","name":"Bench","company":"Co","score":50}`, i, i)
			now := tb.now // the server's clock
			req, _ := http.NewRequest(http.MethodPost, tb.srv.URL+"/api/v1/leads", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
			req.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), now, []byte(body)))
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body) // so the connection is reused
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "leads/s")
}

// BenchmarkIntakeArrays posts signed arrays of 1,000 leads from two
// senders; with -cpuprofile it shows where a large batch spends its time.
func BenchmarkIntakeArrays(b *testing.B) {
	tb := setup(b, storagetest.DB(b), secret)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	var n atomic.Int64
	b.SetParallelism(1)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			var sb strings.Builder
			sb.WriteByte('[')
			for j := range 1000 {
				if j > 0 {
					sb.WriteByte(',')
				}
				i := n.Add(1)
				fmt.Fprintf(&sb, `{"external_id":"bench-%d","email":"b%d@example.com","name":"Bench","company":"Co","score":50}`, i, i)
			}
			sb.WriteByte(']')
			body := sb.String()
			now := tb.now
			req, _ := http.NewRequest(http.MethodPost, tb.srv.URL+"/api/v1/leads", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(api.HeaderTimestamp, fmt.Sprint(now.Unix()))
			req.Header.Set(api.HeaderSignature, api.Sign([]byte(secret), now, []byte(body)))
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(n.Load())/b.Elapsed().Seconds(), "leads/s")
}
