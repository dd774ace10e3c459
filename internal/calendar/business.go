package calendar

import (
	"fmt"
	"time"
)

// Results are in the calendar's zone. Instants before 1900 or after 2261
// (local years) are outside every year table: the arithmetic reports them
// as errors, the predicates treat them as closed.

// Add returns the instant at which d of business time has passed since
// from; see AddOpenTime and AddDays.
func (c *Calendar) Add(from time.Time, d Duration) (time.Time, error) {
	if d.InDays {
		return c.AddDays(from, d.Days)
	}
	return c.AddOpenTime(from, d.Open)
}

// AddHours returns the instant at which h hours of open time have passed
// since from (h may be fractional, e.g. 0.5).
func (c *Calendar) AddHours(from time.Time, h float64) (time.Time, error) {
	d, err := BusinessHours(h)
	if err != nil {
		return time.Time{}, err
	}
	return c.AddOpenTime(from, d.Open)
}

// AddOpenTime returns the earliest instant u at or after NextOpening(from)
// such that the open time between from and u is d. So from 08:00 on a
// full day, 8h30m is due at 16:30 that day (not at the next opening), and
// d == 0 is due at NextOpening(from).
func (c *Calendar) AddOpenTime(from time.Time, d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, fieldErr("hours", "negative", "hours must not be negative")
	}
	if d > MaxHours*time.Hour {
		return time.Time{}, fieldErr("hours", "too_large", fmt.Sprintf("hours must be at most %d (one year)", MaxHours))
	}
	tab, i, _, ok := c.locate(from)
	if !ok {
		return time.Time{}, errFromRange
	}
	if d == 0 {
		return c.nextOpening(tab, i, from.UnixNano(), "hours")
	}
	target := tab.position(i, from.UnixNano()) + int64(d)
	for {
		total := tab.last().cumOpen
		if target <= total {
			j := tab.reaching(target)
			return time.Unix(0, tab.days[j].open+target-tab.days[j].cumOpen).In(c.loc), nil
		}
		target -= total
		if tab, ok = c.table(tab.year + 1); !ok {
			return time.Time{}, beyond("hours")
		}
	}
}

// AddDays returns the instant n business days after from. Inside office
// hours that is the same wall clock time on the n-th open day after from's
// day, clamped to that day's office hours (a half day that closes at 12:00
// gives 12:00 for a clock started at 14:00). Outside office hours it is the
// opening of the n-th open day after the next opening; n == 0 gives
// NextOpening(from).
func (c *Calendar) AddDays(from time.Time, n int) (time.Time, error) {
	if _, err := BusinessDays(n); err != nil {
		return time.Time{}, err
	}
	tab, i, local, ok := c.locate(from)
	if !ok {
		return time.Time{}, errFromRange
	}
	ns, e := from.UnixNano(), tab.days[i]
	k := tab.days[i+1].cumDays // the next open day after today
	if e.isOpen() && ns < e.close {
		k = e.cumDays // today
	}
	tab, j, ok := c.openDayFrom(tab, k+int32(n))
	if !ok {
		return time.Time{}, beyond("days")
	}
	dj := tab.days[j]
	if ns < e.open || ns >= e.close {
		return time.Unix(0, dj.open).In(c.loc), nil
	}
	hh, mm, ss := local.Clock()
	due := time.Date(tab.year, time.January, j+1, hh, mm, ss, local.Nanosecond(), c.loc).UnixNano()
	due = min(max(due, dj.open), dj.close)
	return time.Unix(0, due).In(c.loc), nil
}

// NextOpening returns the first instant at or after t at which the office
// is open: t itself inside office hours. After 2261 it returns t.
func (c *Calendar) NextOpening(t time.Time) time.Time {
	tab, i, _, ok := c.locate(t)
	if !ok {
		if t.In(c.loc).Year() < firstTableYear {
			return c.NextOpening(time.Date(firstTableYear, time.January, 1, 0, 0, 0, 0, c.loc))
		}
		return t.In(c.loc)
	}
	next, err := c.nextOpening(tab, i, t.UnixNano(), "")
	if err != nil {
		return t.In(c.loc)
	}
	return next
}

// IsOpen reports whether t is inside office hours: at or after a day's
// opening and before its closing.
func (c *Calendar) IsOpen(t time.Time) bool {
	tab, i, _, ok := c.locate(t)
	if !ok {
		return false
	}
	ns, e := t.UnixNano(), tab.days[i]
	return ns >= e.open && ns < e.close
}

// Between returns the open time between a and b, negative when b is
// before a. Instants outside the year tables count as closed.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -c.Between(b, a)
	}
	ya, pa := c.clampedPosition(a)
	yb, pb := c.clampedPosition(b)
	sum := pb - pa
	for y := ya; y < yb; y++ {
		tab, _ := c.table(y)
		sum += tab.last().cumOpen
	}
	return time.Duration(sum)
}

var errFromRange = fieldErr("from", "range", fmt.Sprintf("from must be between the years %d and %d", firstTableYear, lastTableYear))

func beyond(field string) error {
	return fieldErr(field, "range", fmt.Sprintf("the due time would fall after the year %d", lastTableYear))
}

// locate returns the year table and day index of t in the calendar's
// zone, and t in that zone.
func (c *Calendar) locate(t time.Time) (*yearTable, int, time.Time, bool) {
	local := t.In(c.loc)
	tab, ok := c.table(local.Year())
	if !ok {
		return nil, 0, local, false
	}
	return tab, local.YearDay() - 1, local, true
}

// position returns the open time of the year before instant ns on day i.
func (t *yearTable) position(i int, ns int64) int64 {
	e := t.days[i]
	switch {
	case ns <= e.open:
		return e.cumOpen
	case ns < e.close:
		return e.cumOpen + ns - e.open
	}
	return t.days[i+1].cumOpen
}

// clampedPosition returns t's year and open time of that year before t;
// instants before the first table are at its start, after the last at its end.
func (c *Calendar) clampedPosition(t time.Time) (int, int64) {
	tab, i, local, ok := c.locate(t)
	if ok {
		return tab.year, tab.position(i, t.UnixNano())
	}
	if local.Year() < firstTableYear {
		return firstTableYear, 0
	}
	tab, _ = c.table(lastTableYear)
	return lastTableYear, tab.last().cumOpen
}

// nextOpening returns the first open instant at or after ns on day i.
func (c *Calendar) nextOpening(tab *yearTable, i int, ns int64, field string) (time.Time, error) {
	e := tab.days[i]
	if ns >= e.open && ns < e.close {
		return time.Unix(0, ns).In(c.loc), nil
	}
	k := tab.days[i+1].cumDays
	if e.isOpen() && ns < e.open {
		k = e.cumDays
	}
	tab, j, ok := c.openDayFrom(tab, k)
	if !ok {
		return time.Time{}, beyond(field)
	}
	return time.Unix(0, tab.days[j].open).In(c.loc), nil
}

// openDayFrom finds open day number k counted from the start of tab's
// year, moving into later years as needed.
func (c *Calendar) openDayFrom(tab *yearTable, k int32) (*yearTable, int, bool) {
	for {
		total := tab.last().cumDays
		if k < total {
			return tab, tab.openDay(k), true
		}
		k -= total
		var ok bool
		if tab, ok = c.table(tab.year + 1); !ok {
			return nil, 0, false
		}
	}
}
