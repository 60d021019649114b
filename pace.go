package armistice

import "math"

// Progress is a metric's standing against its goal in a month.
type Progress struct {
	MetricInfo
	Actual  float64
	Target  float64 // 0 when no goal is set
	HasGoal bool
	// Percent is Actual as a share of Target, in %.
	Percent float64
	// Expected is what the month so far should have reached pro rata by
	// working days (counts only; for rates it is the target).
	Expected float64
	// PerDayNeeded is what each remaining working day must bring to make the
	// target (counts only; 0 when made or no days remain).
	PerDayNeeded float64
	// OnPace tells whether Actual is at or above Expected.
	OnPace bool
}

// NewProgress computes a metric's progress given the month's working days
// (total, and those already over).
func NewProgress(m MetricInfo, actual, target float64, hasGoal bool, totalDays, elapsedDays int) Progress {
	p := Progress{MetricInfo: m, Actual: actual, Target: target, HasGoal: hasGoal}
	if !hasGoal {
		return p
	}
	if target > 0 {
		p.Percent = actual / target * 100
	}
	if m.Rate {
		p.Expected = target
		p.OnPace = actual >= target
		return p
	}
	if totalDays > 0 {
		p.Expected = target * float64(elapsedDays) / float64(totalDays)
	}
	if remaining := totalDays - elapsedDays; remaining > 0 && actual < target {
		p.PerDayNeeded = (target - actual) / float64(remaining)
	}
	p.OnPace = actual >= p.Expected-1e-9
	return p
}

// Rate divides, giving a percentage, or 0 when there is nothing to divide.
func Rate(part, whole float64) float64 {
	if whole == 0 {
		return 0
	}
	return part / whole * 100
}

// Round1 rounds to one decimal.
func Round1(v float64) float64 { return math.Round(v*10) / 10 }
