// Command armistice-load sends signed MQLs to an Armistice intake API and
// prints what it measured: leads per second, latency percentiles and errors.
// Closed-loop by default (each sender waits for its answer); with -rate it
// sends open-loop at a fixed rate, so a slow server cannot hide its queue.
// It retries 503 answers as a marketing automation would. Its leads carry
// every field of the intake API, as a marketing automation fills them
// (apitest.AppendLead); -thin sends six-field leads instead.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/armistice/armistice"
	"github.com/armistice/armistice/api/apitest"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8080/api/v1/leads", "intake URL")
	secret := flag.String("secret", os.Getenv("ARMISTICE_WEBHOOK_SECRET"), "webhook secret")
	senders := flag.Int("c", 32, "concurrent senders (closed loop)")
	duration := flag.Duration("d", 10*time.Second, "how long to send")
	rate := flag.Float64("rate", 0, "requests per second, open loop (0: closed loop)")
	batch := flag.Int("batch", 1, "leads per request (an array when more than 1)")
	prefix := flag.String("prefix", "load-"+strconv.FormatInt(time.Now().UnixNano(), 36), "external_id prefix")
	thin := flag.Bool("thin", false, "send leads of six fields (external ID, email, name, company, source, score)")
	flag.Parse()
	if *secret == "" {
		fmt.Fprintln(os.Stderr, "armistice-load: -secret or ARMISTICE_WEBHOOK_SECRET is required")
		os.Exit(2)
	}
	r := &run{url: *url, secret: []byte(*secret), batch: *batch, prefix: *prefix, lead: apitest.AppendLead,
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024}}}
	if *thin {
		r.lead = apitest.AppendThinLead
	}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	start := time.Now()
	if *rate > 0 {
		r.openLoop(ctx, *rate)
	} else {
		r.closedLoop(ctx, *senders)
	}
	r.report(time.Since(start))
}

type run struct {
	url    string
	secret []byte
	batch  int
	prefix string
	lead   func(b []byte, prefix string, n int64) []byte // appends lead n's JSON
	client *http.Client

	seq       atomic.Int64
	mu        sync.Mutex
	latencies []time.Duration
	statuses  map[int]int
	leads     int64
	retries   int64
}

func (r *run) closedLoop(ctx context.Context, senders int) {
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for ctx.Err() == nil {
				r.send(ctx)
			}
		})
	}
	wg.Wait()
}

func (r *run) openLoop(ctx context.Context, rate float64) {
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-tick.C:
			wg.Go(func() { r.send(context.WithoutCancel(ctx)) })
		}
	}
}

// send posts one request, retrying 503 after its Retry-After (at most ten
// times), and records the latency of the first attempt's answer.
func (r *run) send(ctx context.Context) {
	first := r.seq.Add(int64(r.batch)) - int64(r.batch) + 1
	// Sized once: an array grown lead by lead is copied at each growth,
	// time the load generator takes from the server it measures.
	body := make([]byte, 0, r.batch*1024)
	if r.batch == 1 {
		body = r.lead(body, r.prefix, first)
	} else {
		body = append(body, '[')
		for i := range int64(r.batch) {
			if i > 0 {
				body = append(body, ',')
			}
			body = r.lead(body, r.prefix, first+i)
		}
		body = append(body, ']')
	}
	for attempt := 0; attempt < 10; attempt++ {
		now := time.Now()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, r.url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Armistice-Timestamp", strconv.FormatInt(now.Unix(), 10))
		req.Header.Set("X-Armistice-Signature", armistice.Sign(r.secret, now, body))
		resp, err := r.client.Do(req)
		status := 0
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			status = resp.StatusCode
		} else if ctx.Err() != nil {
			return
		}
		r.mu.Lock()
		if attempt == 0 {
			r.latencies = append(r.latencies, time.Since(now))
		}
		if r.statuses == nil {
			r.statuses = map[int]int{}
		}
		r.statuses[status]++
		if status/100 == 2 {
			r.leads += int64(r.batch)
		}
		r.mu.Unlock()
		if status != http.StatusServiceUnavailable {
			return
		}
		atomic.AddInt64(&r.retries, 1)
		time.Sleep(time.Second)
	}
}

func (r *run) report(elapsed time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(float64(len(r.latencies)-1)*p)]
	}
	errors := 0
	for status, n := range r.statuses {
		if status/100 != 2 {
			errors += n
		}
	}
	fmt.Printf("requests %d, leads stored %d in %s: %.0f leads/s; latency p50 %s p95 %s p99 %s; non-2xx %d (retried 503s: %d); statuses %v\n",
		len(r.latencies), r.leads, elapsed.Round(time.Millisecond), float64(r.leads)/elapsed.Seconds(),
		pct(.5).Round(time.Microsecond), pct(.95).Round(time.Microsecond), pct(.99).Round(time.Microsecond), errors, r.retries, r.statuses)
}
