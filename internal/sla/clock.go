package sla

import (
	"slices"
	"time"
)

// EventKind is what happened on a case, as far as clocks care.
type EventKind int

const (
	// Received: the case arrived (at its received-at instant).
	Received EventKind = iota
	// CentreReply: the centre answered the member (an external reply).
	CentreReply
	// MemberMessage: the member wrote (a reply, an e-mail, a portal message).
	MemberMessage
	// StatusChanged: the case moved to Status.
	StatusChanged
)

// Event is one thing that happened, in order of At.
type Event struct {
	At     time.Time
	Kind   EventKind
	Status string // for StatusChanged
}

// State is one clock at a moment.
type State struct {
	Target    Target
	StartedAt time.Time
	DueAt     time.Time // zero while paused
	WarnAt    time.Time
	Paused    bool
	MetAt     time.Time
	// BreachedAt is when the target was missed (the due instant).
	BreachedAt time.Time
	// Remaining is the open time left at the moment evaluated; negative
	// when overdue.
	Remaining time.Duration
}

// Running reports whether the clock has started and is not yet met.
func (s State) Running() bool { return !s.StartedAt.IsZero() && s.MetAt.IsZero() }

// Breached reports whether the target was missed.
func (s State) Breached() bool { return !s.BreachedAt.IsZero() }

// Warning reports whether the clock is past its warning threshold at now
// but neither met nor breached.
func (s State) Warning(now time.Time) bool {
	return s.Running() && !s.Breached() && !s.WarnAt.IsZero() && !now.Before(s.WarnAt)
}

// Clocks are the clocks of one case.
type Clocks struct {
	FirstResponse State
	NextResponse  State // the current (or last) cycle
	Resolution    State
	MemberInput   State   // the current (or last) completion request
	Past          []State // finished next-response cycles, oldest first
	PastInput     []State // finished member-input cycles, oldest first
}

// Evaluate runs the policy's clocks over the events as of now.
func Evaluate(p Policy, cal Calendar, events []Event, now time.Time) (Clocks, error) {
	events = slices.Clone(events)
	slices.SortStableFunc(events, func(a, b Event) int { return a.At.Compare(b.At) })
	e := evaluation{p: p, cal: cal,
		first: newClock(cal, p.FirstResponse, p.WarnPercent), next: newClock(cal, p.NextResponse, p.WarnPercent),
		resolution: newClock(cal, p.Resolution, p.WarnPercent), input: newClock(cal, p.MemberInput, p.WarnPercent)}
	for _, ev := range events {
		if ev.At.After(now) {
			break
		}
		if err := e.apply(ev); err != nil {
			return Clocks{}, err
		}
	}
	var c Clocks
	var err error
	for _, x := range []struct {
		dst *State
		clk *clock
	}{{&c.FirstResponse, &e.first}, {&c.NextResponse, &e.next}, {&c.Resolution, &e.resolution}, {&c.MemberInput, &e.input}} {
		if *x.dst, err = x.clk.state(now); err != nil {
			return Clocks{}, err
		}
	}
	c.Past, c.PastInput = e.past, e.pastInput
	return c, nil
}

type evaluation struct {
	p                              Policy
	cal                            Calendar
	first, next, resolution, input clock
	past, pastInput                []State
	status                         string
	replied                        bool
}

func (e *evaluation) paused(status string) bool { return slices.Contains(e.p.PauseOn, status) }

func (e *evaluation) apply(ev Event) error {
	switch ev.Kind {
	case Received:
		e.status = "new"
		if err := e.first.begin(ev.At); err != nil {
			return err
		}
		return e.resolution.begin(ev.At)
	case CentreReply:
		e.replied = true
		e.first.meet(ev.At)
		e.next.meet(ev.At)
	case MemberMessage:
		e.input.meet(ev.At)
		if e.replied && !e.next.running() && e.next.target.Set() {
			if e.next.started {
				if err := e.archive(&e.past, &e.next, ev.At); err != nil {
					return err
				}
			}
			e.next = newClock(e.cal, e.p.NextResponse, e.p.WarnPercent)
			if err := e.next.begin(ev.At); err != nil {
				return err
			}
			if e.paused(e.status) {
				e.next.pause(ev.At)
			}
		}
	case StatusChanged:
		return e.statusChanged(ev)
	}
	return nil
}

func (e *evaluation) statusChanged(ev Event) error {
	was := e.status
	e.status = ev.Status
	closed := ev.Status == "resolved" || ev.Status == "closed"
	switch {
	case closed:
		e.first.meet(ev.At)
		e.next.meet(ev.At)
		e.resolution.meet(ev.At)
	case was == "resolved" || was == "closed":
		e.resolution.reopen(ev.At)
	}
	if ev.Status == WaitingMember && was != WaitingMember && e.input.target.Set() {
		if e.input.started {
			if err := e.archive(&e.pastInput, &e.input, ev.At); err != nil {
				return err
			}
		}
		e.input = newClock(e.cal, e.p.MemberInput, e.p.WarnPercent)
		if err := e.input.begin(ev.At); err != nil {
			return err
		}
	}
	if was == WaitingMember && ev.Status != WaitingMember {
		e.input.withdraw(ev.At) // the centre stopped waiting: no obligation left
	}
	for _, c := range []*clock{&e.first, &e.next, &e.resolution} {
		if e.paused(ev.Status) {
			c.pause(ev.At)
		} else if !closed {
			c.resume(ev.At)
		}
	}
	return nil
}

func (e *evaluation) archive(to *[]State, c *clock, at time.Time) error {
	s, err := c.state(at)
	if err != nil {
		return err
	}
	*to = append(*to, s)
	return nil
}
