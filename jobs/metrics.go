package jobs

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
)

type metrics struct {
	jobs     *prometheus.CounterVec
	runTime  *prometheus.HistogramVec
	waitTime *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "armistice_jobs_total", Help: "Jobs worked, by kind and outcome (job_completed, job_failed, job_cancelled, job_snoozed).",
		}, []string{"kind", "outcome"}),
		runTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "armistice_job_run_seconds", Help: "Time a job spent running, by kind.", Buckets: prometheus.DefBuckets,
		}, []string{"kind"}),
		waitTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "armistice_job_wait_seconds", Help: "Time a job waited in the queue once available, by kind.", Buckets: prometheus.DefBuckets,
		}, []string{"kind"}),
	}
	if reg != nil {
		reg.MustRegister(m.jobs, m.runTime, m.waitTime)
	}
	return m
}

func (m *metrics) observe(e *river.Event) {
	if e.Job == nil {
		return
	}
	m.jobs.WithLabelValues(e.Job.Kind, string(e.Kind)).Inc()
	if e.JobStats != nil {
		m.runTime.WithLabelValues(e.Job.Kind).Observe(e.JobStats.RunDuration.Seconds())
		m.waitTime.WithLabelValues(e.Job.Kind).Observe(e.JobStats.QueueWaitDuration.Seconds())
	}
}
