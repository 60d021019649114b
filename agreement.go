package armistice

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Agreement is one version of a month's agreement between marketing and
// sales: the goals each team commits to, what counts as an MQL, the
// follow-up window, how the scorecard weighs shared goals, and who signed
// it for each team. An edit makes a new version, signed by no one.
type Agreement struct {
	Month   Month
	Version int
	Goals   map[Metric]float64 // the commitments; Metrics says which team owns each
	// MQLMinScore is the lowest score an MQL may have; 0 sets no bar.
	MQLMinScore int
	// MQLRequired are the lead fields an MQL must have (see MQLFields).
	MQLRequired []string
	SLA         time.Duration
	// SharedWeight is the share of the scorecard, in %, that the shared
	// goals make; the rest is each team's own commitments.
	SharedWeight int
	ProposedBy   string
	ProposedAt   time.Time
	Marketing    AgreementSignature
	Sales        AgreementSignature
}

// AgreementSignature is who signed a version of the agreement for a team,
// and when; By is "" while unsigned.
type AgreementSignature struct {
	By string
	At time.Time
}

// ProposedByReview is who proposed a version the monthly review drafted.
const ProposedByReview = "armistice:monthly-review"

// DefaultSharedWeight is the scorecard's share of the shared goals unless
// the agreement says otherwise: half shared, half own.
const DefaultSharedWeight = 50

// MQLFields are the lead fields the MQL bar may require.
var MQLFields = []string{"email", "name", "company", "title", "phone", "source", "persona", "segment", "region", "country"}

// Signed tells whether both teams signed this version.
func (a Agreement) Signed() bool { return a.Marketing.By != "" && a.Sales.By != "" }

// HasBar tells whether the agreement sets an MQL bar.
func (a Agreement) HasBar() bool { return a.MQLMinScore > 0 || len(a.MQLRequired) > 0 }

// BelowBar says why a lead falls short of the agreement's MQL bar, "" when
// it does not: a score under the minimum (a lead without a score counts as
// 0), or a required field left empty.
func (a Agreement) BelowBar(l Lead) string {
	var why []string
	if a.MQLMinScore > 0 {
		score := 0
		if l.Score != nil {
			score = *l.Score
		}
		if score < a.MQLMinScore {
			why = append(why, fmt.Sprintf("score %d < %d", score, a.MQLMinScore))
		}
	}
	var missing []string
	for _, f := range a.MQLRequired {
		if strings.TrimSpace(leadField(l, f)) == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		why = append(why, "no "+strings.Join(missing, ", "))
	}
	if len(why) == 0 {
		return ""
	}
	return "below the agreed MQL bar: " + strings.Join(why, "; ")
}

// leadField is a lead's value of one of MQLFields.
func leadField(l Lead, name string) string {
	switch name {
	case "email":
		return l.Email
	case "name":
		return l.Name
	case "company":
		return l.Company
	case "title":
		return l.Title
	case "phone":
		return l.Phone
	case "source":
		return l.Source
	case "persona":
		return l.Persona
	case "segment":
		return l.Segment
	case "region":
		return l.Region
	case "country":
		return l.Country
	}
	return ""
}

// AgreementValues are an agreement's terms as the edit form shows them,
// by field: one per metric, then mql_min_score, mql_required, sla and
// shared_weight.
func AgreementValues(a Agreement) map[string]string {
	v := map[string]string{}
	for _, m := range Metrics {
		if t, ok := a.Goals[m.Metric]; ok {
			v[string(m.Metric)] = strconv.FormatFloat(t, 'f', -1, 64)
		}
	}
	if a.MQLMinScore > 0 {
		v["mql_min_score"] = strconv.Itoa(a.MQLMinScore)
	}
	v["mql_required"] = strings.Join(a.MQLRequired, ", ")
	v["sla"] = FormatDuration(a.SLA)
	v["shared_weight"] = strconv.Itoa(a.SharedWeight)
	return v
}

// FormatDuration writes a duration as ParseDuration reads it: "4h",
// "90m", "2h30m".
func FormatDuration(d time.Duration) string {
	s := d.String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "" {
		return "0m"
	}
	return s
}

// EditAgreement reads the edit form's values over base: every problem is
// named on its field, and nothing is taken unless all are right. An empty
// goal drops it; an empty score sets no minimum.
func EditAgreement(base Agreement, values map[string]string) (Agreement, error) {
	a := base
	a.Goals = map[Metric]float64{}
	bad := map[string]string{}
	for _, m := range Metrics {
		s := strings.TrimSpace(values[string(m.Metric)])
		if s == "" {
			continue
		}
		t, err := ParseTarget(m, s)
		if err != nil {
			bad[string(m.Metric)] = err.Error()
			continue
		}
		a.Goals[m.Metric] = t
	}
	a.MQLMinScore = 0
	if s := strings.TrimSpace(values["mql_min_score"]); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 100 {
			bad["mql_min_score"] = "Give a whole number from 0 to 100."
		}
		a.MQLMinScore = n
	}
	a.MQLRequired = nil
	for _, f := range strings.Split(values["mql_required"], ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case f == "" || slices.Contains(a.MQLRequired, f):
		case !slices.Contains(MQLFields, f):
			bad["mql_required"] = fmt.Sprintf("%q is not a lead field; use some of %s.", f, strings.Join(MQLFields, ", "))
		default:
			a.MQLRequired = append(a.MQLRequired, f)
		}
	}
	if s := strings.TrimSpace(values["sla"]); s != "" {
		d, err := ParseDuration(s)
		switch {
		case err != nil:
			bad["sla"] = "Give a duration such as 4h or 90m."
		case d < 5*time.Minute || d > 7*24*time.Hour:
			bad["sla"] = "Give between 5m and 168h."
		default:
			a.SLA = d
		}
	}
	if s := strings.TrimSpace(values["shared_weight"]); s != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
		if err != nil || n < 0 || n > 100 {
			bad["shared_weight"] = "Give a whole percentage from 0 to 100."
		}
		a.SharedWeight = n
	}
	if len(bad) > 0 {
		return base, &Error{Code: EINVALID, Message: "Some terms of the agreement need fixing.", Fields: bad}
	}
	return a, nil
}
