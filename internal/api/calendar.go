package api

import (
	"net/http"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
)

// The business calendar endpoints answer the same as `samverkan calendar`:
// public facts (holidays and business-time arithmetic), so they need no token.

type holidayList struct {
	Country string             `json:"country"`
	Year    int                `json:"year"`
	Lang    string             `json:"lang"`
	Items   []calendar.Holiday `json:"items"`
}

func (s *server) calendarHolidays(w http.ResponseWriter, r *http.Request) {
	q := queryOf(r)
	var fs fault.Fields
	country, err := calendar.ParseCountry(required(q, "country", &fs))
	collect(&fs, err)
	year, err := calendar.ParseYear(required(q, "year", &fs))
	collect(&fs, err)
	lang, err := calendar.ParseLang(q.str("lang"))
	collect(&fs, err)
	if err := fs.Err(); err != nil {
		s.problem(w, r, err)
		return
	}
	cal, err := calendar.New(country)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if lang == "" {
		lang = country.Lang()
	}
	days, err := cal.Holidays(year, lang)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if days == nil {
		days = []calendar.Holiday{}
	}
	reply(w, http.StatusOK, holidayList{Country: string(country), Year: year, Lang: string(lang), Items: days})
}

type calendarDue struct {
	Country string   `json:"country"`
	From    string   `json:"from"`
	Hours   *float64 `json:"hours"`
	Days    *int     `json:"days"`
	Due     string   `json:"due"`
}

func (s *server) calendarAdd(w http.ResponseWriter, r *http.Request) {
	q := queryOf(r)
	var fs fault.Fields
	country, err := calendar.ParseCountry(required(q, "country", &fs))
	collect(&fs, err)
	from, err := calendar.ParseInstant("from", required(q, "from", &fs))
	if !fs.Has("from") {
		collect(&fs, err)
	}
	d, err := calendar.ParseDuration(q.str("hours"), q.str("days"))
	collect(&fs, err)
	hours := calendar.DefaultHours
	if o, c := q.str("open"), q.str("close"); o != "" || c != "" {
		hours = officeHours(o, c, &fs)
	}
	if err := fs.Err(); err != nil {
		s.problem(w, r, err)
		return
	}
	var opts []calendar.Option
	if hours != calendar.DefaultHours {
		opts = append(opts, calendar.WithOfficeHours(hours))
	}
	cal, err := calendar.New(country, opts...)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	due, err := cal.Add(from, d)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := calendarDue{Country: string(country), From: from.Format(time.RFC3339Nano), Due: due.Format(time.RFC3339Nano)}
	if d.InDays {
		out.Days = &d.Days
	} else {
		h := d.Open.Hours()
		out.Hours = &h
	}
	reply(w, http.StatusOK, out)
}

// officeHours reads open and close (both HH:MM, close after open).
func officeHours(open, close string, fs *fault.Fields) calendar.Hours {
	o, err := calendar.ParseClock(open)
	if err != nil {
		fs.Add("open", "clock", "open must be a time HH:MM")
	}
	c, err := calendar.ParseClock(close)
	if err != nil {
		fs.Add("close", "clock", "close must be a time HH:MM")
	}
	if !fs.Has("open") && !fs.Has("close") && c <= o {
		fs.Add("close", "close_before_open", "close must be after open")
	}
	return calendar.Hours{Open: o, Close: c}
}

// required reads a query parameter that must be present.
func required(q *query, name string, fs *fault.Fields) string {
	v := q.str(name)
	if v == "" {
		fs.Add(name, "required", name+" is required")
	}
	return v
}

// collect adds the field errors of err (a fault from the calendar) to fs.
func collect(fs *fault.Fields, err error) {
	if err == nil {
		return
	}
	if e, ok := fault.As(err); ok && len(e.Fields) > 0 {
		for _, f := range e.Fields {
			if !fs.Has(f.Field) {
				*fs = append(*fs, f)
			}
		}
		return
	}
	fs.Add("query", "invalid", err.Error())
}
