// Package calendar is the business calendar of a service centre: office
// hours per weekday in the country's time zone, the days that are closed
// (public holidays, the days the collective agreements treat as free, and
// the centre's own closed days and half days), banking days for paydays,
// and business-time arithmetic for SLA clocks. It is pure: no I/O.
//
// Business time is open time. A clock started outside office hours starts
// at the next opening. N business hours are N hours of open time; the due
// instant is the earliest instant at which that much open time has passed.
// N business days from an instant inside office hours end at the same wall
// clock time on the N-th open day after it; when that day closes earlier (a
// half day) the due instant is that day's closing, and when it opens later,
// its opening. From outside office hours N business days end at the
// opening of the N-th open day after the next opening.
//
// Office hours are wall clock times in the country's zone, so they follow
// daylight saving time; open time is measured in real elapsed time.
package calendar

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // static binaries on hosts without a zoneinfo database still know the zones
)

// Country is a country whose calendar the package knows.
type Country string

const (
	Sweden  Country = "SE"
	Denmark Country = "DK"
)

// Lang returns the country's language.
func (c Country) Lang() Lang {
	if c == Denmark {
		return Danish
	}
	return Swedish
}

// Zone returns the name of the country's time zone.
func (c Country) Zone() string {
	if c == Denmark {
		return "Europe/Copenhagen"
	}
	return "Europe/Stockholm"
}

// Lang is a language holiday names are given in.
type Lang string

const (
	Swedish Lang = "sv"
	Danish  Lang = "da"
	English Lang = "en"
)

// Clock is a wall clock time of day in minutes after midnight, 0 to 24:00.
type Clock int

// At returns the clock time h:m.
func At(h, m int) Clock { return Clock(h*60 + m) }

// String formats the clock time as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Hours are the office hours of a day, from Open until Close. The zero
// value means closed all day.
type Hours struct {
	Open, Close Clock
}

// Closed reports whether h has no open time.
func (h Hours) Closed() bool { return h == Hours{} }

// Valid reports whether h is closed or opens before it closes within the day.
func (h Hours) Valid() bool {
	return h.Closed() || 0 <= h.Open && h.Open < h.Close && h.Close <= 24*60
}

// DefaultHours are the default office hours, 08:00–16:30.
var DefaultHours = Hours{At(8, 0), At(16, 30)}

// Day is one of the centre's own special days: closed all day (zero Hours)
// or open only for Hours (a half day). A special day decides its date: it
// wins over the weekday's office hours and over a public holiday.
type Day struct {
	Date  Date
	Name  string
	Hours Hours
}

// Calendar is the business calendar of a centre, or of one member when
// built with With from the centre's calendar. A Calendar is immutable and
// safe for concurrent use; it caches a table of open periods per year.
type Calendar struct {
	country Country
	loc     *time.Location
	week    [7]Hours // by time.Weekday
	special map[Date]Day

	mu     sync.Mutex                         // serialises building year tables
	tables atomic.Pointer[map[int]*yearTable] // copy on write
}

// Option changes a calendar being built.
type Option func(*Calendar) error

// WithOfficeHours sets the office hours of Monday to Friday.
func WithOfficeHours(h Hours) Option {
	return func(c *Calendar) error {
		if !h.Valid() || h.Closed() {
			return fieldErr("office_hours", "office_hours", "office hours must open before they close, between 00:00 and 24:00")
		}
		for wd := time.Monday; wd <= time.Friday; wd++ {
			c.week[wd] = h
		}
		return nil
	}
}

// WithWeekday sets the office hours of one weekday; zero Hours close it.
func WithWeekday(wd time.Weekday, h Hours) Option {
	return func(c *Calendar) error {
		if wd < time.Sunday || wd > time.Saturday || !h.Valid() {
			return fieldErr("office_hours", "office_hours", "office hours must open before they close, between 00:00 and 24:00")
		}
		c.week[wd] = h
		return nil
	}
}

// WithDays adds the centre's (or a member's) closed days and half days. A
// later day with the same date replaces an earlier one, so a member's days
// override the centre's.
func WithDays(days ...Day) Option {
	return func(c *Calendar) error {
		for _, d := range days {
			if !d.Hours.Valid() {
				return fieldErr("special_days", "office_hours", fmt.Sprintf("%s: office hours must open before they close", d.Date))
			}
			if err := checkYear(d.Date.Year); err != nil {
				return fieldErr("special_days", "year", fmt.Sprintf("%s: the year must be between %d and %d", d.Date, MinYear, MaxYear))
			}
			if d.Date != NewDate(d.Date.Year, d.Date.Month, d.Date.Day) {
				return fieldErr("special_days", "date", fmt.Sprintf("%s is not a date", d.Date))
			}
			c.special[d.Date] = d
		}
		return nil
	}
}

// New returns the calendar of country with the default office hours
// (Monday to Friday 08:00–16:30) changed by opts.
func New(country Country, opts ...Option) (*Calendar, error) {
	loc, err := location(country)
	if err != nil {
		return nil, err
	}
	c := &Calendar{country: country, loc: loc, special: map[Date]Day{}}
	for wd := time.Monday; wd <= time.Friday; wd++ {
		c.week[wd] = DefaultHours
	}
	return c.apply(opts)
}

// ForCountry returns the calendar of a country given as "se"/"SE" or
// "dk"/"DK". Without options the default calendar is shared (and so are its
// cached year tables).
func ForCountry(country string, opts ...Option) (*Calendar, error) {
	c, err := ParseCountry(country)
	if err != nil {
		return nil, err
	}
	if len(opts) == 0 {
		return defaultCalendar(c)
	}
	return New(c, opts...)
}

// With returns a new calendar: c's office hours and special days changed by
// opts. It is how a member's calendar overrides the centre's.
func (c *Calendar) With(opts ...Option) (*Calendar, error) {
	n := &Calendar{country: c.country, loc: c.loc, week: c.week, special: maps.Clone(c.special)}
	return n.apply(opts)
}

func (c *Calendar) apply(opts []Option) (*Calendar, error) {
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	for _, h := range c.week {
		if !h.Closed() {
			return c, nil
		}
	}
	return nil, fieldErr("office_hours", "office_hours", "at least one weekday must have office hours")
}

// Country returns the calendar's country.
func (c *Calendar) Country() Country { return c.country }

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// OfficeHours returns the regular office hours of a weekday.
func (c *Calendar) OfficeHours(wd time.Weekday) Hours { return c.week[wd] }

// HoursOn returns the office hours of date d: closed on public holidays
// and agreement days, the special day's hours where the centre set them.
func (c *Calendar) HoursOn(d Date) Hours {
	return c.hoursOn(d, countryDays(c.country, d.Year))
}

func (c *Calendar) hoursOn(d Date, rules []rule) Hours {
	if sd, ok := c.special[d]; ok {
		return sd.Hours
	}
	if closedByCountry(rules, d) {
		return Hours{}
	}
	return c.week[d.Weekday()]
}

var (
	locations = map[Country]func() (*time.Location, error){
		Sweden:  sync.OnceValues(func() (*time.Location, error) { return time.LoadLocation(Sweden.Zone()) }),
		Denmark: sync.OnceValues(func() (*time.Location, error) { return time.LoadLocation(Denmark.Zone()) }),
	}
	defaults = map[Country]func() (*Calendar, error){
		Sweden:  sync.OnceValues(func() (*Calendar, error) { return New(Sweden) }),
		Denmark: sync.OnceValues(func() (*Calendar, error) { return New(Denmark) }),
	}
)

func location(c Country) (*time.Location, error) {
	load, ok := locations[c]
	if !ok {
		return nil, errCountry
	}
	return load()
}

func defaultCalendar(c Country) (*Calendar, error) {
	get, ok := defaults[c]
	if !ok {
		return nil, errCountry
	}
	return get()
}
