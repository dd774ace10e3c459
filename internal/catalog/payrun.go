package catalog

import (
	"fmt"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
)

// PayRun is one pay run of a member: the month it pays, its cut-off (the
// pay-run deadline, the last day input reaches the centre) and its payday.
type PayRun struct {
	Year   int
	Month  time.Month
	Cutoff calendar.Date
	Payday calendar.Date
}

// String names the pay run by its month, YYYY-MM.
func (r PayRun) String() string { return fmt.Sprintf("%04d-%02d", r.Year, int(r.Month)) }

// PayRunInput is how one input of the member fares against the member's
// obligation to deliver it a number of business days before the cut-off.
type PayRunInput struct {
	Run PayRun
	// Deadline is the end of the centre's office hours on the cut-off day.
	Deadline time.Time
	// Due is the opening of the centre the given number of business days
	// before the cut-off: the input is in time when it arrives by then.
	Due time.Time
	// Late: the input arrived after Due, a miss of the member's (the
	// centre's pay for this run is then not the centre's miss).
	Late bool
}

// PayRunFor is the first pay run whose cut-off falls on or after day.
func (p PaySchedule) PayRunFor(cal *calendar.Calendar, day calendar.Date) (PayRun, error) {
	// A cut-off is on or before the CutoffDay of its month (at most a few
	// days into the month before), so this month or one of the next two
	// holds the first cut-off on or after day.
	for i := range 3 {
		m := calendar.NewDate(day.Year, day.Month+time.Month(i), 1)
		if cut := p.Cutoff(cal, m.Year, m.Month); !cut.Before(day) {
			return PayRun{Year: m.Year, Month: m.Month, Cutoff: cut, Payday: p.Payday(cal, m.Year, m.Month)}, nil
		}
	}
	return PayRun{}, fmt.Errorf("no cut-off within three months of %s", day)
}

// InputDue evaluates an input received at the given instant against the
// obligation to deliver it days business days (1 to MaxPayrollDays) before
// the cut-off of the pay run it feeds: the first whose cut-off is on or
// after the day it was received, in the calendar's time zone. It is due at
// the centre's opening on the days-th business day before the cut-off; an
// input received at exactly that instant is in time.
func (p PaySchedule) InputDue(cal *calendar.Calendar, days int, received time.Time) (PayRunInput, error) {
	if days < 1 || days > MaxPayrollDays {
		return PayRunInput{}, fault.Field("payrun_input_days", "payrun_input_days",
			fmt.Sprintf("the pay-run input lead time is from 1 to %d business days", MaxPayrollDays))
	}
	loc := cal.Location()
	run, err := p.PayRunFor(cal, calendar.DateOf(received.In(loc)))
	if err != nil {
		return PayRunInput{}, err
	}
	dueDay := shift(run.Cutoff, -days, isOpen(cal))
	shut := cal.HoursOn(run.Cutoff).Close
	in := PayRunInput{Run: run, Due: cal.NextOpening(dueDay.In(loc)),
		Deadline: time.Date(run.Cutoff.Year, run.Cutoff.Month, run.Cutoff.Day, int(shut)/60, int(shut)%60, 0, 0, loc)}
	in.Late = received.After(in.Due)
	return in, nil
}
