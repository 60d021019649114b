package bot

import (
	"net/http"
	"path"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the bot's Prometheus collectors.
type metrics struct {
	envelopes  *prometheus.CounterVec
	ackSeconds *prometheus.HistogramVec
	lateAcks   *prometheus.CounterVec
	panics     prometheus.Counter
	apiCalls   *prometheus.CounterVec
	apiSeconds *prometheus.HistogramVec
	connected  prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		envelopes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "armistice_slack_envelopes_total", Help: "Socket Mode envelopes received, by type.",
		}, []string{"type"}),
		ackSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "armistice_slack_ack_seconds", Help: "Time from receiving an envelope to acking it, by type.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2, 3},
		}, []string{"type"}),
		lateAcks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "armistice_slack_late_acks_total", Help: "Envelopes acked empty because their handler missed the ack deadline, by type.",
		}, []string{"type"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "armistice_slack_handler_panics_total", Help: "Handlers that panicked (recovered).",
		}),
		apiCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "armistice_slack_api_calls_total", Help: "Slack Web API calls, by method and HTTP status.",
		}, []string{"method", "status"}),
		apiSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "armistice_slack_api_seconds", Help: "Slack Web API call latency, by method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method"}),
		connected: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "armistice_slack_connected", Help: "1 while the Socket Mode connection is up.",
		}),
	}
	if reg != nil {
		reg.MustRegister(m.envelopes, m.ackSeconds, m.lateAcks, m.panics, m.apiCalls, m.apiSeconds, m.connected)
	}
	return m
}

// instrument wraps an HTTP transport so that every Web API call is counted
// by method and status.
func (m *metrics) instrument(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		method := "response_url"
		if dir, base := path.Split(req.URL.Path); path.Base(dir) == "api" {
			method = base
		}
		timer := prometheus.NewTimer(m.apiSeconds.WithLabelValues(method))
		resp, err := next.RoundTrip(req)
		timer.ObserveDuration()
		status := "error"
		if err == nil {
			status = strconv.Itoa(resp.StatusCode)
		}
		m.apiCalls.WithLabelValues(method, status).Inc()
		return resp, err
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
