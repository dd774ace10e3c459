package calendar

// Property tests. Each Fuzz function runs its seed corpus as a normal test;
// `go test -fuzz=FuzzAddOpenTime ./internal/calendar/` explores further.
//
// The properties, for every calendar c, instant from and durations:
//
//   - AddOpenTime(from, a) >= NextOpening(from) >= from, and
//     Between(from, AddOpenTime(from, a)) == a: the due instant is exactly a
//     of open time away, whether from is inside office hours or not.
//   - Monotonic: a <= b implies AddOpenTime(from, a) <= AddOpenTime(from, b);
//     n < m implies AddDays(from, n) < AddDays(from, m).
//   - Additive: AddOpenTime(from, a+b) == AddOpenTime(AddOpenTime(from, a), b)
//     for every from (inside office hours or not) and a >= 0, b > 0. Proof:
//     let u = AddOpenTime(from, a), so the open time in [from, u] is a. The
//     open time of adjacent intervals adds up, so v = AddOpenTime(u, b) has a+b
//     of open time in [from, v]; and no earlier w does, because w <= u has at
//     most a, and u < w < v has less than b in [u, w] since v is the earliest
//     instant with b. For b == 0 it fails exactly when u is a closing time:
//     AddOpenTime(u, 0) is then the next opening, not u, which is why b > 0.
//     (AddHours rounds hours to nanoseconds first, so the property is stated
//     on durations; for hours that are exact binary fractions it carries over.)
//   - The instant just before a due instant of a > 0 is open (the clock
//     stops at the earliest instant, possibly exactly at a closing).
//   - Between is additive over adjacent intervals and antisymmetric.
//   - Both operations agree with a plain day-by-day walk over HoursOn.

import (
	"sync"
	"testing"
	"time"
)

var fuzzCalendars = sync.OnceValue(func() []*Calendar {
	se, _ := ForCountry("se")
	dk, _ := ForCountry("dk")
	own, _ := New(Sweden, WithDays(centreDays...))
	member, _ := own.With(
		WithWeekday(time.Friday, Hours{At(8, 0), At(15, 0)}),
		WithWeekday(time.Saturday, Hours{At(10, 0), At(14, 0)}),
	)
	nights, _ := New(Denmark, WithWeekday(time.Sunday, Hours{0, At(24, 0)}), WithWeekday(time.Monday, Hours{At(7, 15), At(7, 45)}))
	return []*Calendar{se, dk, own, member, nights}
})

const fuzzSpanMinutes = 3 * 366 * 24 * 60

// fuzzStart maps fuzz input to an instant between 2025 and 2028.
func fuzzStart(minute uint32, nanos uint32) time.Time {
	base := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(minute%fuzzSpanMinutes)*time.Minute + time.Duration(nanos)%time.Minute)
}

func fuzzCalendar(which uint8) *Calendar {
	cs := fuzzCalendars()
	return cs[int(which)%len(cs)]
}

func FuzzAddOpenTime(f *testing.F) {
	h := uint64(time.Hour)
	f.Add(uint8(0), uint32(0), uint32(0), uint64(0), uint64(1))
	f.Add(uint8(0), uint32(461*24*60+10*60), uint32(0), 2*h, h/2)               // 2026-04-07 10:00 UTC
	f.Add(uint8(1), uint32(456*24*60+13*60), uint32(0), 2*h, 40*h)              // Easter 2026
	f.Add(uint8(0), uint32(450*24*60+14*60), uint32(1), 17*h/2, 3*h)            // DST March 2026
	f.Add(uint8(4), uint32(661*24*60+20*60), uint32(0), 30*h, h)                // DST October 2026, open Sundays
	f.Add(uint8(2), uint32(484*24*60+9*60), uint32(5e8), 2*h, uint64(1))        // half day 2026-04-30
	f.Add(uint8(3), uint32(596*24*60+14*60), uint32(0), 9*h, 2*h)               // closed day 2026-08-21
	f.Add(uint8(0), uint32(728*24*60+15*60), uint32(0), 17*h, 17*h)             // New Year 2027
	f.Add(uint8(1), uint32(100), uint32(7), uint64(4000)*h, uint64(392)*h)      // most of a year
	f.Add(uint8(4), uint32(6*60+30), uint32(0), uint64(time.Minute), uint64(1)) // short Mondays
	f.Add(uint8(0), uint32(461*24*60+6*60), uint32(0), 17*h/2, uint64(1))       // to a closing, then on
	f.Fuzz(func(t *testing.T, which uint8, minute, nanos uint32, a, b uint64) {
		c := fuzzCalendar(which)
		from := fuzzStart(minute, nanos)
		half := uint64(MaxHours / 2 * time.Hour)
		da, db := time.Duration(a%(half+1)), time.Duration(b%(half+1))

		due, err := c.AddOpenTime(from, da)
		if err != nil {
			t.Fatalf("AddOpenTime(%s, %v): %v", from, da, err)
		}
		next := c.NextOpening(from)
		if next.Before(from) || due.Before(next) {
			t.Fatalf("from %s, next opening %s, due %s: not in order", from, next, due)
		}
		if got := c.Between(from, due); got != da {
			t.Fatalf("Between(%s, AddOpenTime(%v) = %s) = %v", from, da, due, got)
		}
		if da > 0 && !c.IsOpen(due.Add(-1)) {
			t.Fatalf("AddOpenTime(%s, %v) = %s, and the instant before it is closed", from, da, due)
		}
		if da <= 60*24*time.Hour {
			if want := naiveAddOpenTime(c, from, da); !due.Equal(want) {
				t.Fatalf("AddOpenTime(%s, %v) = %s, day-by-day walk gives %s", from, da, due, want)
			}
		}

		other, err := c.AddOpenTime(from, db)
		if err != nil {
			t.Fatal(err)
		}
		if da < db && other.Before(due) || da > db && due.Before(other) {
			t.Fatalf("not monotonic: %v -> %s, %v -> %s", da, due, db, other)
		}

		if db > 0 {
			whole, err1 := c.AddOpenTime(from, da+db)
			stepwise, err2 := c.AddOpenTime(due, db)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !whole.Equal(stepwise) {
				t.Fatalf("from %s: %v+%v = %s, but in two steps %s", from, da, db, whole, stepwise)
			}
		}
	})
}

func FuzzAddDays(f *testing.F) {
	f.Add(uint8(0), uint32(461*24*60+8*60), uint32(0), uint16(1), uint16(20))
	f.Add(uint8(1), uint32(456*24*60+10*60), uint32(0), uint16(1), uint16(3))   // Easter 2026
	f.Add(uint8(2), uint32(483*24*60+12*60), uint32(9), uint16(1), uint16(2))   // half day 2026-04-30
	f.Add(uint8(3), uint32(483*24*60+7*60), uint32(0), uint16(0), uint16(1))    // member calendar
	f.Add(uint8(0), uint32(450*24*60+9*60), uint32(0), uint16(1), uint16(1))    // DST March 2026
	f.Add(uint8(1), uint32(660*24*60+9*60), uint32(0), uint16(1), uint16(5))    // DST October 2026
	f.Add(uint8(4), uint32(660*24*60+23*60), uint32(0), uint16(0), uint16(366)) // open Sundays
	f.Add(uint8(0), uint32(720*24*60+9*60), uint32(0), uint16(2), uint16(4))    // Christmas 2026
	f.Fuzz(func(t *testing.T, which uint8, minute, nanos uint32, n, m uint16) {
		c := fuzzCalendar(which)
		from := fuzzStart(minute, nanos)
		ni, mi := int(n)%(MaxDays+1), int(m)%(MaxDays+1)

		due, err := c.AddDays(from, ni)
		if err != nil {
			t.Fatalf("AddDays(%s, %d): %v", from, ni, err)
		}
		if due.Before(c.NextOpening(from)) || due.Before(from) {
			t.Fatalf("AddDays(%s, %d) = %s is before the start", from, ni, due)
		}
		if want := naiveAddDays(c, from, ni); !due.Equal(want) {
			t.Fatalf("AddDays(%s, %d) = %s, day-by-day walk gives %s", from, ni, due, want)
		}
		if !c.IsOpen(due) && !c.IsOpen(due.Add(-1)) {
			t.Fatalf("AddDays(%s, %d) = %s is outside office hours", from, ni, due)
		}
		if !c.IsOpen(from) && (c.IsOpen(due.Add(-1)) || !c.IsOpen(due)) {
			t.Fatalf("AddDays(%s, %d) = %s from outside office hours is not an opening", from, ni, due)
		}
		other, err := c.AddDays(from, mi)
		if err != nil {
			t.Fatal(err)
		}
		if ni < mi && !due.Before(other) || ni > mi && !other.Before(due) {
			t.Fatalf("not monotonic: %d -> %s, %d -> %s", ni, due, mi, other)
		}
	})
}

func FuzzBetween(f *testing.F) {
	f.Add(uint8(0), uint32(0), uint32(462*24*60), uint32(800*24*60))
	f.Add(uint8(4), uint32(449*24*60), uint32(450*24*60), uint32(661*24*60))
	f.Fuzz(func(t *testing.T, which uint8, x, y, z uint32) {
		c := fuzzCalendar(which)
		a, b, d := fuzzStart(x, 0), fuzzStart(y, 0), fuzzStart(z, 0)
		if c.Between(a, b)+c.Between(b, d) != c.Between(a, d) {
			t.Fatalf("Between(%s, %s) + Between(%s, %s) != Between(%s, %s)", a, b, b, d, a, d)
		}
		if c.Between(a, b) != -c.Between(b, a) {
			t.Fatalf("Between(%s, %s) is not antisymmetric", a, b)
		}
	})
}

// naiveAddOpenTime walks day by day over HoursOn.
func naiveAddOpenTime(c *Calendar, from time.Time, d time.Duration) time.Time {
	for day := DateOf(from.In(c.loc)); ; day = day.AddDays(1) {
		h := c.HoursOn(day)
		if h.Closed() {
			continue
		}
		open := time.Date(day.Year, day.Month, day.Day, 0, int(h.Open), 0, 0, c.loc)
		closing := time.Date(day.Year, day.Month, day.Day, 0, int(h.Close), 0, 0, c.loc)
		start := open
		if from.After(open) {
			start = from
		}
		if !start.Before(closing) {
			continue
		}
		if avail := closing.Sub(start); d == 0 || d <= avail {
			return start.Add(d).In(c.loc)
		} else {
			d -= avail
		}
	}
}

// naiveAddDays counts open days one by one.
func naiveAddDays(c *Calendar, from time.Time, n int) time.Time {
	next := naiveAddOpenTime(c, from, 0)
	inside := next.Equal(from)
	day := DateOf(next)
	for k := 0; k < n; {
		day = day.AddDays(1)
		if !c.HoursOn(day).Closed() {
			k++
		}
	}
	h := c.HoursOn(day)
	open := time.Date(day.Year, day.Month, day.Day, 0, int(h.Open), 0, 0, c.loc)
	closing := time.Date(day.Year, day.Month, day.Day, 0, int(h.Close), 0, 0, c.loc)
	if !inside {
		return open
	}
	lt := from.In(c.loc)
	due := time.Date(day.Year, day.Month, day.Day, lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), c.loc)
	if due.Before(open) {
		return open
	}
	if due.After(closing) {
		return closing
	}
	return due
}
