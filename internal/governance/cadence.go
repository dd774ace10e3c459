package governance

import (
	"fmt"
	"math"
	"slices"
	"time"

	"samverkan/internal/fault"
)

// CadenceKind is how a forum's required rhythm is stated.
type CadenceKind string

const (
	PerYear    CadenceKind = "per_year"    // at least N meetings a calendar year
	EveryWeeks CadenceKind = "every_weeks" // a meeting every N weeks
	Monthly    CadenceKind = "monthly"     // a meeting every month
	Quarterly  CadenceKind = "quarterly"   // a meeting every quarter
)

// CadenceKinds lists the kinds in the order forms show them.
var CadenceKinds = []CadenceKind{PerYear, EveryWeeks, Monthly, Quarterly}

// Cadence is a forum's required rhythm; N counts meetings a year for
// PerYear and weeks for EveryWeeks, and is 0 otherwise.
type Cadence struct {
	Kind CadenceKind
	N    int
}

// Check validates the cadence.
func (c Cadence) Check() error {
	switch c.Kind {
	case PerYear:
		if c.N < 1 || c.N > 52 {
			return fault.Field("cadence_n", "cadence_per_year", "at least 1 and at most 52 meetings a year")
		}
	case EveryWeeks:
		if c.N < 1 || c.N > 52 {
			return fault.Field("cadence_n", "cadence_weeks", "every 1 to 52 weeks")
		}
	case Monthly, Quarterly:
		if c.N != 0 {
			return fault.Field("cadence_n", "cadence_no_n", "a monthly or quarterly cadence takes no number")
		}
	default:
		return fault.Field("cadence_kind", "cadence_kind", "cadence must be per_year, every_weeks, monthly or quarterly")
	}
	return nil
}

// Normal returns c with N cleared where the kind takes none (forms send it).
func (c Cadence) Normal() Cadence {
	if c.Kind == Monthly || c.Kind == Quarterly {
		c.N = 0
	}
	return c
}

// String describes the cadence in English, for logs and exports.
func (c Cadence) String() string {
	switch c.Kind {
	case PerYear:
		return fmt.Sprintf("at least %d a year", c.N)
	case EveryWeeks:
		return fmt.Sprintf("every %d weeks", c.N)
	}
	return string(c.Kind)
}

// interval is the longest gap a cadence allows between two meetings;
// PerYear counts meetings, not gaps (ok false).
func (c Cadence) interval() (months, days int, ok bool) {
	switch c.Kind {
	case EveryWeeks:
		return 0, 7 * c.N, true
	case Monthly:
		return 1, 0, true
	case Quarterly:
		return 3, 0, true
	}
	return 0, 0, false
}

// rate is how many meetings a day the cadence asks for in a year of
// yearDays days.
func (c Cadence) rate(yearDays int) float64 {
	switch c.Kind {
	case PerYear:
		return float64(c.N) / float64(yearDays)
	case EveryWeeks:
		return 1 / float64(7*c.N)
	case Monthly:
		return 12 / float64(yearDays)
	case Quarterly:
		return 4 / float64(yearDays)
	}
	return 0
}

// Count is how many meetings the cadence requires in days days of a year
// of yearDays days: a whole year of "every 12 weeks" requires 4, of
// "every 8 weeks" 6, monthly 12, quarterly 4, "at least 3 a year" 3.
func (c Cadence) Count(days, yearDays int) int {
	if days <= 0 {
		return 0
	}
	n := int(math.Floor(c.rate(yearDays)*float64(days) + 1e-9))
	if c.Kind == PerYear {
		n = min(n, c.N)
	}
	return n
}

// After is the latest day the next meeting may be held after one on last
// when the cadence counts gaps; ok is false for PerYear.
func (c Cadence) After(last time.Time) (time.Time, bool) {
	months, days, ok := c.interval()
	if !ok {
		return time.Time{}, false
	}
	return Day(last).AddDate(0, months, days), true
}

// Day is t's calendar day as midnight UTC (how dates are kept).
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// daysBetween counts whole days from a to b (dates).
func daysBetween(a, b time.Time) int {
	return int(math.Round(Day(b).Sub(Day(a)).Hours() / 24))
}

func yearDays(year int) int {
	return daysBetween(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC))
}

// CadenceKindOK reports whether k is a known kind.
func CadenceKindOK(k CadenceKind) bool { return slices.Contains(CadenceKinds, k) }
