package sla

import "time"

// clock accumulates open time while it runs, and records when it crossed
// its warning threshold and its target.
type clock struct {
	cal         Calendar
	target      Target
	warnPercent int
	total, warn time.Duration // open time allowed, and used at the warning
	started     bool
	start       time.Time
	isRunning   bool
	since       time.Time     // when the current run began
	used        time.Duration // open time used before since
	met         time.Time
	dueAtMet    time.Time
	warned      time.Time
	breached    time.Time
	// plainDue is the due instant of a clock that never paused: exactly
	// what the calendar says, e.g. 08:00 on the n-th day for a clock
	// started outside office hours (not the equivalent 16:30 the day before).
	plainDue time.Time
	paused   bool
}

func newClock(cal Calendar, t Target, warnPercent int) clock {
	return clock{cal: cal, target: t, warnPercent: warnPercent}
}

func (c *clock) running() bool { return c.started && c.met.IsZero() }

// begin starts the clock. A target in business days is the open time from
// at to the same clock time that many business days later, so pauses can
// be subtracted uniformly.
func (c *clock) begin(at time.Time) error {
	if !c.target.Set() {
		return nil
	}
	c.started, c.start, c.isRunning, c.since = true, at, true, at
	if c.target.Unit == BusinessDays {
		due, err := c.cal.AddDays(at, int(c.target.Amount))
		if err != nil {
			return err
		}
		c.total, c.plainDue = c.cal.Between(at, due), due
	} else {
		c.total = time.Duration(c.target.Amount * float64(time.Hour))
		due, err := c.cal.AddOpenTime(at, c.total)
		if err != nil {
			return err
		}
		c.plainDue = due
	}
	c.warn = c.total * time.Duration(c.warnPercent) / 100
	return nil
}

// consume adds the open time from since to to, noting the crossings.
func (c *clock) consume(to time.Time) {
	if !c.isRunning || !to.After(c.since) {
		return
	}
	d := c.cal.Between(c.since, to)
	if c.warned.IsZero() && c.used+d >= c.warn && c.warn > 0 {
		c.warned, _ = c.cal.AddOpenTime(c.since, c.warn-c.used)
	}
	if c.breached.IsZero() && c.used+d > c.total {
		if c.paused {
			c.breached, _ = c.cal.AddOpenTime(c.since, c.total-c.used)
		} else {
			c.breached = c.plainDue
		}
	}
	c.used += d
	c.since = to
}

func (c *clock) pause(at time.Time) {
	if c.running() && c.isRunning {
		c.consume(at)
		c.isRunning, c.paused = false, true
	}
}

func (c *clock) resume(at time.Time) {
	if c.running() && !c.isRunning {
		c.isRunning, c.since = true, at
	}
}

func (c *clock) meet(at time.Time) {
	if !c.running() {
		return
	}
	c.consume(at)
	c.dueAtMet = c.due()
	c.met, c.isRunning = at, false
}

// reopen continues a met clock (a resolved case reopened).
func (c *clock) reopen(at time.Time) {
	if c.started && !c.met.IsZero() {
		c.met, c.dueAtMet = time.Time{}, time.Time{}
		c.isRunning, c.since, c.paused = true, at, true
	}
}

// withdraw ends an obligation that no longer applies; it counts as met,
// and a target already missed stays missed.
func (c *clock) withdraw(at time.Time) { c.meet(at) }

// due is when the target falls due if the clock keeps running from since.
func (c *clock) due() time.Time {
	if !c.breached.IsZero() {
		return c.breached
	}
	if !c.isRunning {
		return time.Time{}
	}
	if !c.paused {
		return c.plainDue
	}
	d, _ := c.cal.AddOpenTime(c.since, c.total-c.used)
	return d
}

// state reports the clock as of now (without changing it).
func (c *clock) state(now time.Time) (State, error) {
	if !c.started {
		return State{Target: c.target}, nil
	}
	x := *c
	if x.running() {
		x.consume(now)
	}
	s := State{Target: x.target, StartedAt: x.start, MetAt: x.met, BreachedAt: x.breached,
		Paused: x.running() && !x.isRunning, Remaining: x.total - x.used}
	if x.met.IsZero() {
		s.DueAt = x.due()
	} else {
		s.DueAt = x.dueAtMet
	}
	if x.running() && x.warned.IsZero() && x.isRunning && x.warn > 0 {
		s.WarnAt, _ = x.cal.AddOpenTime(x.since, x.warn-x.used)
	} else {
		s.WarnAt = x.warned
	}
	return s, nil
}
