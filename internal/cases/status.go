package cases

import (
	"slices"
	"time"

	"samverkan/internal/fault"
)

// Status is where a case is in its life.
type Status string

const (
	New               Status = "new"
	Open              Status = "open"
	WaitingMember     Status = "waiting_member"
	WaitingThirdParty Status = "waiting_third_party"
	Resolved          Status = "resolved"
	Closed            Status = "closed"
)

// Statuses lists every status in life order.
var Statuses = []Status{New, Open, WaitingMember, WaitingThirdParty, Resolved, Closed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Open reports whether a case in status s still needs work.
func (s Status) Open() bool { return s != Resolved && s != Closed && s != "" }

// Waiting reports whether the case waits for someone outside the centre;
// service-level clocks pause while it does.
func (s Status) Waiting() bool { return s == WaitingMember || s == WaitingThirdParty }

// transitions lists where each status may go. A closed case is final: a
// member's reply to it opens a new, linked case.
var transitions = map[Status][]Status{
	New:               {Open, WaitingMember, WaitingThirdParty, Resolved, Closed},
	Open:              {WaitingMember, WaitingThirdParty, Resolved, Closed},
	WaitingMember:     {Open, WaitingThirdParty, Resolved, Closed},
	WaitingThirdParty: {Open, WaitingMember, Resolved, Closed},
	Resolved:          {Open, Closed},
	Closed:            nil,
}

// CanMove reports whether a case may go from one status to another.
func CanMove(from, to Status) bool { return slices.Contains(transitions[from], to) }

// NextStatuses lists the statuses a case in s may move to.
func NextStatuses(s Status) []Status { return slices.Clone(transitions[s]) }

// CheckMove returns nil when the move is allowed, otherwise an error that
// names the status field: Invalid for an unknown status, Conflict for a move
// the rules forbid.
func CheckMove(from, to Status) error {
	switch {
	case !to.Valid():
		return fault.Field("status", "status", "status must be one of new, open, waiting_member, waiting_third_party, resolved, closed")
	case from == to:
		return fault.Conflictf("the case is already %s", to)
	case from == Closed:
		return fault.Conflictf("the case is closed; a closed case cannot change status")
	case !CanMove(from, to):
		return fault.Conflictf("a case cannot go from %s to %s", from, to)
	}
	return nil
}

// ApplyStatus moves c to status to at now and keeps the timestamps that go
// with it. It does not check the move; call CheckMove first.
func ApplyStatus(c Case, to Status, now time.Time) Case {
	switch to {
	case Resolved:
		c.ResolvedAt = now
	case Closed:
		c.ClosedAt = now
		if c.ResolvedAt.IsZero() {
			c.ResolvedAt = now
		}
	default:
		c.ResolvedAt, c.ClosedAt = time.Time{}, time.Time{}
	}
	c.Status = to
	return c
}

// DefaultReopenDays is how long after resolution a member's reply reopens
// a case rather than opening a new one.
const DefaultReopenDays = 14

// ReplyOutcome is what a member's message does to a case.
type ReplyOutcome int

const (
	// Append adds the message; the status stays.
	Append ReplyOutcome = iota
	// Reopen adds the message and puts the case back to open.
	Reopen
	// FollowUp opens a new case linked to this one: the case is closed, or
	// was resolved longer ago than the reopen period.
	FollowUp
)

func (o ReplyOutcome) String() string {
	switch o {
	case Reopen:
		return "reopen"
	case FollowUp:
		return "follow_up"
	}
	return "append"
}

// OnMemberMessage decides what a message from the member side does to c at
// now: a case waiting for the member opens again, a case resolved within
// reopenDays reopens, a closed case (or one resolved longer ago) gets a new
// follow-up case. A merged duplicate behaves like a closed case; callers
// should follow MergedInto first.
func OnMemberMessage(c Case, now time.Time, reopenDays int) ReplyOutcome {
	switch c.Status {
	case WaitingMember:
		return Reopen
	case Resolved:
		if c.ResolvedAt.IsZero() || !now.After(c.ResolvedAt.AddDate(0, 0, reopenDays)) {
			return Reopen
		}
		return FollowUp
	case Closed:
		return FollowUp
	}
	return Append
}

// ShouldAutoClose reports whether a resolved case has waited long enough
// for a reply to be closed for good.
func ShouldAutoClose(c Case, now time.Time, reopenDays int) bool {
	return c.Status == Resolved && !c.ResolvedAt.IsZero() && now.After(c.ResolvedAt.AddDate(0, 0, reopenDays))
}
