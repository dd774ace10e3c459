package app

import (
	"context"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/store"
)

// Clock is one SLA clock of a case as people see it.
type Clock struct {
	// Set is false when no policy gives the case this target.
	Set        bool
	DueAt      time.Time // zero while paused, and for a clock not started
	MetAt      time.Time
	BreachedAt time.Time
	Paused     bool
	// Remaining is the business time left until DueAt at the moment of
	// reading (negative: overdue); zero when met or paused.
	Remaining time.Duration
	// State is one of none, running, warning, breached, met, met_late, paused.
	State string
}

// Clocks are the SLA clocks of a case. MemberInput is the member's own
// obligation (after a completion request) and never counts against the
// centre; so is PayrunInput (nil when the case fell under no pay-run
// obligation).
type Clocks struct {
	PolicyID      int64
	FirstResponse Clock
	NextResponse  Clock
	Resolution    Clock
	MemberInput   Clock
	PayrunInput   *PayrunInput
}

// CaseClocks reads the clocks of the given cases that the actor may see
// (others are left out, as if they had none).
func (a *App) CaseClocks(ctx context.Context, by Actor, caseIDs []int64) (map[int64]Clocks, error) {
	cs, err := a.db.Read().CasesByIDs(ctx, caseIDs)
	if err != nil {
		return nil, err
	}
	return a.ClocksOf(ctx, by, cs)
}

// ClocksOf is CaseClocks for cases the caller has already read, such as
// one it just opened.
func (a *App) ClocksOf(ctx context.Context, by Actor, cs []cases.Case) (map[int64]Clocks, error) {
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return nil, err
	}
	q := a.db.Read()
	visible := make([]int64, 0, len(cs))
	members := map[int64]int64{}
	for _, c := range cs {
		if sees(scope, c) {
			visible = append(visible, c.ID)
			members[c.ID] = c.MemberID
		}
	}
	rows, err := q.CaseSLAs(ctx, visible)
	if err != nil {
		return nil, err
	}
	now := a.now()
	out := make(map[int64]Clocks, len(rows))
	for id, row := range rows {
		cal, err := a.MemberCalendar(ctx, members[id])
		if err != nil {
			return nil, err
		}
		view := func(r store.ClockRow) Clock {
			c := Clock{Set: !r.Due.IsZero() || !r.Met.IsZero() || !r.Miss.IsZero() || r.Paused, DueAt: r.Due, MetAt: r.Met, BreachedAt: r.Miss}
			switch {
			case !c.Set:
				c.State = "none"
			case !r.Met.IsZero() && !r.Miss.IsZero():
				c.State = "met_late"
			case !r.Met.IsZero():
				c.State = "met"
			case r.Paused:
				c.State, c.Paused = "paused", true
			case !r.Miss.IsZero() || now.After(r.Due):
				c.State, c.Remaining = "breached", -cal.Between(r.Due, now)
				if c.BreachedAt.IsZero() {
					c.BreachedAt = r.Due
				}
			default:
				c.State, c.Remaining = "running", cal.Between(now, r.Due)
				if !r.Warn.IsZero() && !now.Before(r.Warn) {
					c.State = "warning"
				}
			}
			return c
		}
		out[id] = Clocks{PolicyID: row.PolicyID, FirstResponse: view(row.FirstResponse), NextResponse: view(row.NextResponse),
			Resolution: view(row.Resolution), MemberInput: view(row.MemberInput)}
	}
	runs, err := q.PayrunInputs(ctx, visible)
	if err != nil {
		return nil, err
	}
	for id, run := range runs {
		k := out[id]
		k.PayrunInput = &run
		out[id] = k
	}
	return out, nil
}

// SLAEvent is a warning or miss recorded for a case.
type SLAEvent = store.SLAEvent

// SLAEvents lists the warnings and misses of a case the actor may see.
func (a *App) SLAEvents(ctx context.Context, by Actor, caseID int64) ([]SLAEvent, error) {
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return nil, err
	}
	q := a.db.Read()
	cs, err := q.CasesByIDs(ctx, []int64{caseID})
	if err != nil || len(cs) == 0 || !sees(scope, cs[0]) {
		return nil, notFound(orNotFound(err), "case")
	}
	return q.ListSLAEvents(ctx, caseID)
}
