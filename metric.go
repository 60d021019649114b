package armistice

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Metric names a number the two teams commit to.
type Metric string

// The metrics, as PRODUCT.md defines them.
const (
	MetricVisits         Metric = "visits"          // the sum of the days' website visits
	MetricMQLs           Metric = "mqls"            // leads received in the period
	MetricAccepted       Metric = "accepted"        // leads accepted in the period
	MetricAcceptanceRate Metric = "acceptance_rate" // accepted / decided, in %
	MetricSLAMetRate     Metric = "sla_met_rate"    // decided within the SLA / decided, in %
	MetricOpportunities  Metric = "opportunities"   // leads that became opportunities in the period
	MetricWon            Metric = "won"             // deals won in the period
	MetricRevenue        Metric = "revenue"         // the amounts of the deals won in the period
)

// Team is who commits to a metric.
type Team string

// The teams of the agreement.
const (
	TeamMarketing Team = "marketing"
	TeamSales     Team = "sales"
	TeamBoth      Team = "both"
)

// MetricInfo describes a metric: its name for people, who commits to it, and
// whether it is a rate (a percentage, not summed over days).
type MetricInfo struct {
	Metric Metric
	Label  string
	Team   Team
	Rate   bool
}

// Metrics lists every metric in the order goals are shown: marketing's
// commitments, then sales', then the shared ones.
var Metrics = []MetricInfo{
	{MetricVisits, "Website visits", TeamMarketing, false},
	{MetricMQLs, "MQLs", TeamMarketing, false},
	{MetricAcceptanceRate, "Acceptance rate", TeamMarketing, true},
	{MetricAccepted, "Accepted (SALs)", TeamSales, false},
	{MetricSLAMetRate, "Followed up in time", TeamSales, true},
	{MetricOpportunities, "Opportunities", TeamSales, false},
	{MetricWon, "Deals won", TeamBoth, false},
	{MetricRevenue, "Revenue", TeamBoth, false},
}

// LookupMetric finds a metric by name.
func LookupMetric(name string) (MetricInfo, bool) {
	for _, m := range Metrics {
		if string(m.Metric) == strings.ToLower(name) {
			return m, true
		}
	}
	return MetricInfo{}, false
}

// MetricNames lists the metric names, for help and errors.
func MetricNames() string {
	names := make([]string, len(Metrics))
	for i, m := range Metrics {
		names[i] = string(m.Metric)
	}
	return strings.Join(names, ", ")
}

// ParseTarget reads a goal's target for m: a non-negative number, with "%"
// allowed for rates (which must be at most 100), and "k"/"m" suffixes for
// counts and revenue ("12k").
func ParseTarget(m MetricInfo, s string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	mult := 1.0
	switch {
	case m.Rate:
		s = strings.TrimSuffix(s, "%")
	case strings.HasSuffix(strings.ToLower(s), "k"):
		mult, s = 1e3, s[:len(s)-1]
	case strings.HasSuffix(strings.ToLower(s), "m"):
		mult, s = 1e6, s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("the target of %s must be a number such as %s", m.Metric, exampleTarget(m))
	}
	v *= mult
	if m.Rate && v > 100 {
		return 0, fmt.Errorf("%s is a percentage: at most 100", m.Metric)
	}
	if v > 1e12 {
		return 0, fmt.Errorf("the target of %s is too large", m.Metric)
	}
	return v, nil
}

func exampleTarget(m MetricInfo) string {
	switch {
	case m.Rate:
		return "60%"
	case m.Metric == MetricRevenue:
		return "250000 or 250k"
	}
	return "120"
}
