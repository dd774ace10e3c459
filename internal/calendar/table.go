package calendar

import "time"

// Year tables exist for these years; UnixNano covers 1678 to 2262.
const (
	firstTableYear = 1900
	lastTableYear  = 2261
)

// day is one day of a year table. Instants are Unix nanoseconds.
type day struct {
	open, close int64 // the day's opening and closing; equal when closed
	cumOpen     int64 // open time of the year's days before this one
	cumDays     int32 // open days of the year before this one
}

func (d day) isOpen() bool { return d.close > d.open }

// yearTable holds a year's open periods with running totals, so business
// arithmetic is a binary search instead of a walk over days. days has one
// entry per day of the year plus a last one that holds the year's totals
// (and the next year's first midnight as open and close).
type yearTable struct {
	year int
	days []day
}

func (t *yearTable) last() day { return t.days[len(t.days)-1] }

// reaching returns the index of the open day during which the year's open
// time reaches target: the smallest j with days[j+1].cumOpen >= target.
// It needs 0 < target <= the year's open time.
func (t *yearTable) reaching(target int64) int {
	lo, hi := 0, len(t.days)-2
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if t.days[mid+1].cumOpen >= target {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// openDay returns the index of the year's open day number k (from 0):
// the smallest j with days[j+1].cumDays > k. It needs k < the year's open
// days.
func (t *yearTable) openDay(k int32) int {
	lo, hi := 0, len(t.days)-2
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if t.days[mid+1].cumDays > k {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// table returns the year table of y, building and caching it on first use.
func (c *Calendar) table(y int) (*yearTable, bool) {
	if y < firstTableYear || y > lastTableYear {
		return nil, false
	}
	if m := c.tables.Load(); m != nil {
		if t, ok := (*m)[y]; ok {
			return t, true
		}
	}
	return c.buildTable(y), true
}

func (c *Calendar) buildTable(y int) *yearTable {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.tables.Load()
	if old != nil {
		if t, ok := (*old)[y]; ok {
			return t
		}
	}
	t := c.newYearTable(y)
	m := map[int]*yearTable{y: t}
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	c.tables.Store(&m)
	return t
}

func (c *Calendar) newYearTable(y int) *yearTable {
	rules := countryDays(c.country, y)
	n := time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay()
	t := &yearTable{year: y, days: make([]day, n+1)}
	var cum int64
	var open int32
	for i := range n {
		e := &t.days[i]
		e.cumOpen, e.cumDays = cum, open
		h := c.hoursOn(NewDate(y, time.January, 1+i), rules)
		e.open = time.Date(y, time.January, 1+i, 0, int(h.Open), 0, 0, c.loc).UnixNano()
		e.close = time.Date(y, time.January, 1+i, 0, int(h.Close), 0, 0, c.loc).UnixNano()
		if e.close <= e.open { // closed, or hours swallowed by a daylight saving gap
			e.close = e.open
			continue
		}
		cum += e.close - e.open
		open++
	}
	next := time.Date(y+1, time.January, 1, 0, 0, 0, 0, c.loc).UnixNano()
	t.days[n] = day{open: next, close: next, cumOpen: cum, cumDays: open}
	return t
}
