// Package sla computes service-level clocks in business time: which policy
// applies to a case, and from the case's history when each target falls
// due, whether it is paused, warned, met or breached. It also measures the
// member's side of the agreement (input the member owes the centre). It is
// pure: the calendar and the events come in, clocks go out.
package sla

import (
	"fmt"
	"time"

	"samverkan/internal/fault"
)

// Calendar is the business calendar the clocks run on (calendar.Calendar).
type Calendar interface {
	AddDays(from time.Time, n int) (time.Time, error)
	AddOpenTime(from time.Time, d time.Duration) (time.Time, error)
	Between(a, b time.Time) time.Duration
	NextOpening(t time.Time) time.Time
}

// Unit is what a target is counted in.
type Unit string

const (
	BusinessHours Unit = "business_hours"
	BusinessDays  Unit = "business_days"
)

// Target is an amount of business time; Amount 0 means no target.
type Target struct {
	Amount float64
	Unit   Unit
}

// Set reports whether the target applies.
func (t Target) Set() bool { return t.Amount > 0 }

func (t Target) String() string {
	if !t.Set() {
		return "-"
	}
	if t.Unit == BusinessDays {
		return fmt.Sprintf("%g business days", t.Amount)
	}
	return fmt.Sprintf("%g business hours", t.Amount)
}

// check validates a target for field.
func (t Target) check(field string, fs *fault.Fields) {
	switch {
	case t.Amount == 0:
	case t.Amount < 0:
		fs.Add(field, "target_negative", "the target must not be negative")
	case t.Unit == BusinessDays && (t.Amount != float64(int(t.Amount)) || t.Amount > 366):
		fs.Add(field, "target_days", "business days must be a whole number up to 366")
	case t.Unit == BusinessHours && t.Amount > 8784:
		fs.Add(field, "target_hours", "business hours must be at most 8784 (one year)")
	case t.Unit != BusinessDays && t.Unit != BusinessHours:
		fs.Add(field, "target_unit", "the unit must be business_hours or business_days")
	}
}

// Statuses that may pause a clock.
const (
	WaitingMember     = "waiting_member"
	WaitingThirdParty = "waiting_third_party"
)

// Policy is one ordered rule: the first policy whose match fits a case
// sets its targets. Empty match fields match anything.
type Policy struct {
	ID       int64
	Name     string
	Position int
	// Match.
	MemberID  int64
	ServiceID int64
	CaseType  string
	Priority  string
	Channel   string
	// Targets for the centre.
	FirstResponse Target
	NextResponse  Target // after each member message
	Resolution    Target
	// WarnPercent of a target's time used raises a warning (1–99).
	WarnPercent int
	// PauseOn are the statuses that stop the centre's clocks.
	PauseOn []string
	// MemberInput is the member's obligation: after a completion request
	// (the case set to waiting on the member) the member answers within it.
	MemberInput Target
	// PayrunInputDays is the member's obligation for the pay run: input
	// (the cases the policy matches) reaches the centre at least this many
	// business days before the pay-run deadline; 0 means no obligation.
	PayrunInputDays int
}

// MaxPayrunInputDays is the longest pay-run input lead time.
const MaxPayrunInputDays = 30

// Facts are what a policy matches on.
type Facts struct {
	MemberID  int64
	ServiceID int64
	CaseType  string
	Priority  string
	Channel   string
}

// Matches reports whether the policy applies to a case with facts f.
func (p Policy) Matches(f Facts) bool {
	return (p.MemberID == 0 || p.MemberID == f.MemberID) &&
		(p.ServiceID == 0 || p.ServiceID == f.ServiceID) &&
		(p.CaseType == "" || p.CaseType == f.CaseType) &&
		(p.Priority == "" || p.Priority == f.Priority) &&
		(p.Channel == "" || p.Channel == f.Channel)
}

// Select returns the first matching policy in order of Position.
func Select(policies []Policy, f Facts) (Policy, bool) {
	// The matching policy of the lowest position, the first of equals: what
	// a stable sort by position would put first, without sorting per case.
	best, found := Policy{}, false
	for _, p := range policies {
		if p.Matches(f) && (!found || p.Position < best.Position) {
			best, found = p, true
		}
	}
	return best, found
}

// Normalise validates a policy and fills its defaults.
func (p Policy) Normalise() (Policy, error) {
	var fs fault.Fields
	if p.Name == "" {
		fs.Add("name", "required", "name is required")
	}
	if p.WarnPercent == 0 {
		p.WarnPercent = 80
	}
	if p.WarnPercent < 1 || p.WarnPercent > 99 {
		fs.Add("warn_percent", "warn_percent", "the warning threshold is a percentage from 1 to 99")
	}
	p.FirstResponse.check("first_response", &fs)
	p.NextResponse.check("next_response", &fs)
	p.Resolution.check("resolution", &fs)
	p.MemberInput.check("member_input", &fs)
	if p.PayrunInputDays < 0 || p.PayrunInputDays > MaxPayrunInputDays {
		fs.Add("payrun_input_days", "payrun_input_days",
			fmt.Sprintf("payrun_input_days is a whole number of business days from 0 (no obligation) to %d", MaxPayrunInputDays))
	}
	if !p.FirstResponse.Set() && !p.NextResponse.Set() && !p.Resolution.Set() && !p.MemberInput.Set() && p.PayrunInputDays == 0 {
		fs.Add("resolution", "target_none", "a policy needs at least one target")
	}
	for _, s := range p.PauseOn {
		if s != WaitingMember && s != WaitingThirdParty {
			fs.Add("pause_on", "pause_status", "only waiting_member and waiting_third_party can pause a clock")
			break
		}
	}
	return p, fs.Err()
}
