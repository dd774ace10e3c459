package calendar

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/fault"
)

// The years the API and the command line accept; the holiday rules are
// exact for them. Internally year tables exist from 1900 to 2261 (the range
// of UnixNano), so arithmetic that starts in MaxYear can run past it.
const (
	MinYear = 2000
	MaxYear = 2200
)

// Limits of one business duration: one year.
const (
	MaxHours = 366 * 24
	MaxDays  = 366
)

var errCountry = fieldErr("country", "country", "country must be se or dk")

func fieldErr(field, code, detail string) error { return fault.Field(field, code, detail) }

// ParseCountry reads "se" or "dk" in any case.
func ParseCountry(s string) (Country, error) {
	switch c := Country(strings.ToUpper(strings.TrimSpace(s))); c {
	case Sweden, Denmark:
		return c, nil
	}
	return "", errCountry
}

// ParseLang reads "sv", "da" or "en"; "" is returned as "" (the country's
// language).
func ParseLang(s string) (Lang, error) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case "", Swedish, Danish, English:
		return l, nil
	}
	return "", fieldErr("lang", "lang", "lang must be sv, da or en")
}

// ParseYear reads a year between MinYear and MaxYear.
func ParseYear(s string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fieldErr("year", "year", "year must be a number such as 2026")
	}
	return y, checkYear(y)
}

func checkYear(y int) error {
	if y < MinYear || y > MaxYear {
		return fieldErr("year", "range", fmt.Sprintf("year must be between %d and %d", MinYear, MaxYear))
	}
	return nil
}

// ParseInstant reads an RFC 3339 instant with an offset, such as
// 2026-04-07T10:00:00+02:00, whose year is between MinYear and MaxYear.
// field names the parameter in the error.
func ParseInstant(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fieldErr(field, "instant", field+" must be an RFC 3339 instant such as 2026-04-07T10:00:00+02:00")
	}
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return time.Time{}, fieldErr(field, "range", fmt.Sprintf("%s must be between the years %d and %d", field, MinYear, MaxYear))
	}
	return t, nil
}

// ParseClock reads a wall clock time HH:MM (or H:MM), 00:00 to 24:00.
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(h) < 1 || len(h) > 2 || len(m) != 2 ||
		hh < 0 || mm < 0 || mm > 59 || hh > 24 || hh == 24 && mm != 0 {
		return 0, fmt.Errorf("%q is not a time of day HH:MM", s)
	}
	return At(hh, mm), nil
}

// Duration is an amount of business time: open time, or whole business
// days when InDays.
type Duration struct {
	Open   time.Duration
	Days   int
	InDays bool
}

// BusinessHours returns h hours of open time; h may be fractional and is
// rounded to the nanosecond. Negative values and more than MaxHours fail.
func BusinessHours(h float64) (Duration, error) {
	switch {
	case math.IsNaN(h) || math.IsInf(h, 0):
		return Duration{}, fieldErr("hours", "number", "hours must be a number such as 4 or 0.5")
	case h < 0:
		return Duration{}, fieldErr("hours", "negative", "hours must not be negative")
	case h > MaxHours:
		return Duration{}, fieldErr("hours", "too_large", fmt.Sprintf("hours must be at most %d (one year)", MaxHours))
	}
	return Duration{Open: time.Duration(math.Round(h * float64(time.Hour)))}, nil
}

// BusinessDays returns n business days. Negative values and more than
// MaxDays fail.
func BusinessDays(n int) (Duration, error) {
	switch {
	case n < 0:
		return Duration{}, fieldErr("days", "negative", "days must not be negative")
	case n > MaxDays:
		return Duration{}, fieldErr("days", "too_large", fmt.Sprintf("days must be at most %d (one year)", MaxDays))
	}
	return Duration{Days: n, InDays: true}, nil
}

// ParseDuration reads a duration given as either hours (a decimal number)
// or days (a whole number); exactly one of them must be non-empty.
func ParseDuration(hours, days string) (Duration, error) {
	hours, days = strings.TrimSpace(hours), strings.TrimSpace(days)
	switch {
	case hours != "" && days != "":
		return Duration{}, fieldErr("days", "exclusive", "give either hours or days, not both")
	case hours == "" && days == "":
		return Duration{}, fieldErr("hours", "required", "give either hours or days")
	case days != "":
		n, err := strconv.Atoi(days)
		if err != nil {
			return Duration{}, fieldErr("days", "number", "days must be a whole number such as 5")
		}
		return BusinessDays(n)
	}
	h, err := strconv.ParseFloat(hours, 64)
	if err != nil {
		return Duration{}, fieldErr("hours", "number", "hours must be a number such as 4 or 0.5")
	}
	return BusinessHours(h)
}

// String describes the duration, e.g. "8h30m0s of open time" or "5 business days".
func (d Duration) String() string {
	if d.InDays {
		return fmt.Sprintf("%d business days", d.Days)
	}
	return d.Open.String() + " of open time"
}
