package governance

import (
	"math"
	"time"

	"samverkan/internal/calendar"
)

// Days is the business calendar compliance is judged by: which days are
// open, in which zone. *calendar.Calendar is one.
type Days interface {
	HoursOn(d calendar.Date) calendar.Hours
	Location() *time.Location
}

// openDay reports whether the office is open at all on d.
func openDay(cal Days, d calendar.Date) bool { return !cal.HoursOn(d).Closed() }

// endOf is the first instant after the local day d.
func endOf(cal Days, d calendar.Date) time.Time {
	n := d.AddDays(1)
	return time.Date(n.Year, n.Month, n.Day, 0, 0, 0, 0, cal.Location())
}

// shiftOpenDays walks n open days from d (backwards when n < 0) and
// returns the day reached; d itself does not count.
func shiftOpenDays(cal Days, d calendar.Date, n int) calendar.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for i := 0; n > 0 && i < 800; i++ {
		d = d.AddDays(step)
		if openDay(cal, d) {
			n--
		}
	}
	return d
}

// AgendaDeadline is when the agenda of a meeting starting at startsAt is
// due: by the end of the days-th business day before the meeting's day; 0
// days means by the start of the meeting.
func AgendaDeadline(cal Days, startsAt time.Time, days int) time.Time {
	if days <= 0 {
		return startsAt
	}
	return endOf(cal, shiftOpenDays(cal, calendar.DateOf(startsAt.In(cal.Location())), -days))
}

// MinutesDeadline is when the minutes of a meeting ending at endsAt are
// due: by the end of the days-th business day after the meeting's day; 0
// days means by the end of the meeting's day.
func MinutesDeadline(cal Days, endsAt time.Time, days int) time.Time {
	return endOf(cal, shiftOpenDays(cal, calendar.DateOf(endsAt.In(cal.Location())), max(days, 0)))
}

// MeetingFacts is what compliance needs to know of one meeting.
type MeetingFacts struct {
	StartsAt           time.Time
	EndsAt             time.Time
	Status             MeetingStatus
	AgendaPublishedAt  time.Time
	MinutesPublishedAt time.Time
}

// Compliance is how a forum kept its cadence in one calendar year.
type Compliance struct {
	Year int
	// Required is what the cadence asks for the whole year, counted from
	// the forum's start when it started during the year; Expected is what
	// it asks for up to today (the same as Required for past years).
	Required int
	Expected int
	Held     int // meetings held in the year
	Planned  int // meetings still to come in the year
	LastHeld time.Time
	// NextDue is the day by which the next meeting must be held to keep
	// the cadence (zero when the forum has not started).
	NextDue time.Time
	// Agendas and minutes that were due, and how many were out in time.
	AgendasDue, AgendasOnTime int
	MinutesDue, MinutesOnTime int
	// Behind: fewer meetings held than the cadence expects by now, or the
	// longest gap it allows has passed.
	Behind bool
}

// Late counts agendas and minutes that were not out in time.
func (c Compliance) Late() int {
	return c.AgendasDue - c.AgendasOnTime + c.MinutesDue - c.MinutesOnTime
}

// Assess judges forum f's meetings in year as of now. Days are counted in
// the calendar's zone; meetings of other years only matter for the gap
// since the last one.
func Assess(f Forum, meetings []MeetingFacts, year int, now time.Time, cal Days) Compliance {
	loc := cal.Location()
	c := Compliance{Year: year}
	today := Day(now.In(loc))
	jan1 := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	dec31 := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	start := Day(f.StartsOn)
	if start.Before(jan1) {
		start = jan1
	}
	yd := yearDays(year)
	if !start.After(dec31) {
		c.Required = f.Cadence.Count(daysBetween(start, dec31)+1, yd)
		switch {
		case year < today.Year():
			c.Expected = c.Required
		case year == today.Year() && !today.Before(start):
			c.Expected = f.Cadence.Count(daysBetween(start, today), yd)
		}
	}
	for _, m := range meetings {
		day := Day(m.StartsAt.In(loc))
		if m.Status == Held && !m.StartsAt.After(now) && (c.LastHeld.IsZero() || m.StartsAt.After(c.LastHeld)) {
			c.LastHeld = m.StartsAt
		}
		if day.Year() != year || m.Status == Cancelled {
			continue
		}
		switch {
		case m.Status == Held:
			c.Held++
		case m.StartsAt.After(now):
			c.Planned++
		}
		if d := AgendaDeadline(cal, m.StartsAt, f.AgendaDays); !m.AgendaPublishedAt.IsZero() || !d.After(now) {
			c.AgendasDue++
			if !m.AgendaPublishedAt.IsZero() && !m.AgendaPublishedAt.After(d) {
				c.AgendasOnTime++
			}
		}
		if m.Status != Held {
			continue
		}
		if d := MinutesDeadline(cal, m.EndsAt, f.MinutesDays); !m.MinutesPublishedAt.IsZero() || !d.After(now) {
			c.MinutesDue++
			if !m.MinutesPublishedAt.IsZero() && !m.MinutesPublishedAt.After(d) {
				c.MinutesOnTime++
			}
		}
	}
	c.NextDue = nextDue(f, c, year, today)
	if year <= today.Year() && !f.StartsOn.IsZero() {
		c.Behind = c.Held < c.Expected || (year == today.Year() && !c.NextDue.IsZero() && c.NextDue.Before(today))
	}
	return c
}

// nextDue is the day the next meeting is due by: for a cadence of gaps the
// last meeting (or the forum's start) plus the gap; for "at least N a
// year" the day the year's pace asks for one more meeting than were held.
func nextDue(f Forum, c Compliance, year int, today time.Time) time.Time {
	if f.StartsOn.IsZero() {
		return time.Time{}
	}
	if !c.LastHeld.IsZero() {
		if d, ok := f.Cadence.After(c.LastHeld); ok {
			return d
		}
	} else if d, ok := f.Cadence.After(f.StartsOn); ok {
		return d
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	if s := Day(f.StartsOn); s.After(start) {
		start = s
	}
	k := c.Held + 1
	if k > f.Cadence.N {
		next := time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
		return next.AddDate(0, 0, int(math.Ceil(float64(yearDays(year+1))/float64(f.Cadence.N)))-1)
	}
	rate := f.Cadence.rate(yearDays(year))
	return start.AddDate(0, 0, int(math.Ceil(float64(k)/rate-1e-9))-1)
}
