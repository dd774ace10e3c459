package catalog

import (
	"fmt"
	"slices"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
)

// Anchor is what a deadline is counted from.
type Anchor string

const (
	// NoDeadline: the activity has no deadline of its own.
	NoDeadline Anchor = ""
	// Receipt: Days business days after the centre (or the party) received
	// the matter, on the centre's calendar.
	Receipt Anchor = "receipt"
	// Payday: Days banking days from the member's payday (negative: before).
	Payday Anchor = "payday"
	// Cutoff: Days business days from the member's cut-off, the last day
	// input reaches the centre for a pay run (negative: before).
	Cutoff Anchor = "cutoff"
)

var Anchors = []Anchor{NoDeadline, Receipt, Payday, Cutoff}

// Limits of deadline offsets.
const (
	MaxReceiptDays = 60
	MaxPayrollDays = 30
)

// Deadline is when an activity must be done.
type Deadline struct {
	Anchor Anchor
	Days   int
}

// Validate checks the rule; fields deadline_anchor and deadline_days.
func (d Deadline) Validate() error {
	var fs fault.Fields
	switch {
	case !slices.Contains(Anchors, d.Anchor):
		fs.Add("deadline_anchor", "deadline_anchor", "the deadline is counted from receipt, payday or cut-off, or there is none")
	case d.Anchor == NoDeadline && d.Days != 0:
		fs.Add("deadline_days", "deadline_days", "choose what the days are counted from")
	case d.Anchor == Receipt && (d.Days < 0 || d.Days > MaxReceiptDays):
		fs.Add("deadline_days", "deadline_days", fmt.Sprintf("days after receipt must be between 0 and %d", MaxReceiptDays))
	case (d.Anchor == Payday || d.Anchor == Cutoff) && (d.Days < -MaxPayrollDays || d.Days > MaxPayrollDays):
		fs.Add("deadline_days", "deadline_days", fmt.Sprintf("days from payday or cut-off must be between -%d and %d", MaxPayrollDays, MaxPayrollDays))
	}
	return fs.Err()
}

// DueAfter returns when an activity with a receipt deadline is due for a
// matter received at receipt; ok is false for other deadlines.
func (d Deadline) DueAfter(cal *calendar.Calendar, receipt time.Time) (due time.Time, ok bool, err error) {
	if d.Anchor != Receipt {
		return time.Time{}, false, nil
	}
	due, err = cal.AddDays(receipt, d.Days)
	return due, err == nil, err
}

// DueIn returns the due date of a payday or cut-off deadline for the pay
// run of month m of year y; ok is false for other deadlines.
func (d Deadline) DueIn(cal *calendar.Calendar, p PaySchedule, y int, m time.Month) (calendar.Date, bool) {
	switch d.Anchor {
	case Payday:
		return shift(p.Payday(cal, y, m), d.Days, cal.IsBankingDay), true
	case Cutoff:
		return shift(p.Cutoff(cal, y, m), d.Days, isOpen(cal)), true
	}
	return calendar.Date{}, false
}

// NextDue returns the first due date on or after today of a payday or
// cut-off deadline; ok is false for other deadlines.
func (d Deadline) NextDue(cal *calendar.Calendar, p PaySchedule, today calendar.Date) (calendar.Date, bool) {
	if d.Anchor != Payday && d.Anchor != Cutoff {
		return calendar.Date{}, false
	}
	// Offsets reach at most about six weeks either way: two months back
	// and three ahead always hold the next due date.
	first := calendar.NewDate(today.Year, today.Month-2, 1)
	for i := range 6 {
		m := calendar.NewDate(first.Year, first.Month+time.Month(i), 1)
		due, _ := d.DueIn(cal, p, m.Year, m.Month)
		if !due.Before(today) {
			return due, true
		}
	}
	return calendar.Date{}, false
}

// shift moves n days that satisfy counts from d: n > 0 later, n < 0 earlier.
func shift(d calendar.Date, n int, counts func(calendar.Date) bool) calendar.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if counts(d) {
			n--
		}
	}
	return d
}

func isOpen(cal *calendar.Calendar) func(calendar.Date) bool {
	return func(d calendar.Date) bool { return !cal.HoursOn(d).Closed() }
}

// PaySchedule is a member's pay calendar: the payday of the month and the
// day input must reach the centre.
type PaySchedule struct {
	// PayDay is the day of the month pay is paid, moved to the banking day
	// before when it is none; 0 is the last banking day of the month (DK).
	PayDay int
	// CutoffDay is the day of the month by which the member's input must
	// reach the centre, moved to the centre's business day before when the
	// centre is closed.
	CutoffDay int
}

// DefaultSchedule is the common schedule of a country: Sweden pays on the
// 25th, Denmark on the last banking day; input is due by the 10th.
func DefaultSchedule(country calendar.Country) PaySchedule {
	if country == calendar.Denmark {
		return PaySchedule{PayDay: 0, CutoffDay: 10}
	}
	return PaySchedule{PayDay: 25, CutoffDay: 10}
}

// Validate checks the schedule; fields pay_day and cutoff_day.
func (p PaySchedule) Validate() error {
	var fs fault.Fields
	if p.PayDay < 0 || p.PayDay > 28 {
		fs.Add("pay_day", "pay_day", "payday is a day from 1 to 28, or 0 for the last banking day of the month")
	}
	if p.CutoffDay < 1 || p.CutoffDay > 28 {
		fs.Add("cutoff_day", "cutoff_day", "cut-off is a day from 1 to 28")
	}
	return fs.Err()
}

// Payday is the payday of month m of year y.
func (p PaySchedule) Payday(cal *calendar.Calendar, y int, m time.Month) calendar.Date {
	if p.PayDay == 0 {
		return cal.LastBankingDay(y, m)
	}
	return cal.BankingDayOnOrBefore(calendar.NewDate(y, m, p.PayDay))
}

// Cutoff is the cut-off of the pay run of month m of year y.
func (p PaySchedule) Cutoff(cal *calendar.Calendar, y int, m time.Month) calendar.Date {
	d := calendar.NewDate(y, m, p.CutoffDay)
	for cal.HoursOn(d).Closed() {
		d = d.AddDays(-1)
	}
	return d
}

// NextPayday returns the first payday on or after today.
func (p PaySchedule) NextPayday(cal *calendar.Calendar, today calendar.Date) calendar.Date {
	d, _ := Deadline{Anchor: Payday}.NextDue(cal, p, today)
	return d
}

// NextCutoff returns the first cut-off on or after today.
func (p PaySchedule) NextCutoff(cal *calendar.Calendar, today calendar.Date) calendar.Date {
	d, _ := Deadline{Anchor: Cutoff}.NextDue(cal, p, today)
	return d
}
