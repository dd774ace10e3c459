package web

import (
	"net/http"
	"strconv"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/calendar"
)

type calendarPage struct {
	Year     int
	Prev     int
	Next     int
	Holidays []calendar.Holiday
	Own      []app.ClosedDay
	Weekdays []weekdayHours
}

type weekdayHours struct {
	Day         int
	Name        string
	Open, Close string
}

// calendarView shows the centre's business calendar for a year: every
// closed day (public holidays, the agreements' free days and the centre's
// own), the centre's own closed days and half days to edit, and the office
// hours per weekday.
func (s *server) calendarView(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showCalendar(w, r, v, http.StatusOK, nil)
}

func (s *server) showCalendar(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	ctx := r.Context()
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		year = time.Now().In(v.location()).Year()
	}
	cal, err := s.app.CentreCalendar(ctx)
	if err != nil {
		return err
	}
	lang, err := calendar.ParseLang(v.lang)
	if err != nil {
		lang = calendar.English
	}
	d := calendarPage{Year: year, Prev: year - 1, Next: year + 1}
	if d.Holidays, err = cal.Holidays(year, lang); err != nil {
		return err
	}
	if d.Own, err = s.app.ClosedDays(ctx, v.actor, 0, year); err != nil {
		return err
	}
	week, _, err := s.app.OfficeHours(ctx, v.actor, 0)
	if err != nil {
		return err
	}
	for _, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		h := cal.OfficeHours(wd)
		row := weekdayHours{Day: int(wd), Name: v.T("weekday." + strconv.Itoa(int(wd)))}
		if !h.Closed() {
			row.Open, row.Close = h.Open.String(), h.Close.String()
		}
		if week[wd].Open != "" || week[wd].Close != "" {
			row.Open, row.Close = week[wd].Open, week[wd].Close
		}
		d.Weekdays = append(d.Weekdays, row)
	}
	if f == nil {
		f = newForm(nil)
	}
	return s.show(w, r, v, status, "calendar", &view{Title: v.T("calendar.title"), Section: "sla", Form: f, Data: d})
}

func (s *server) closedDayAdd(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	day := dateOf(f.Get("day"))
	_, err := s.app.AddClosedDay(r.Context(), v.actor, app.ClosedDay{Day: day, Name: f.Get("name"), Open: f.Get("open"), Close: f.Get("close")})
	if f.take(v.lang, err) {
		return s.showCalendar(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	year := f.Get("day")
	if len(year) >= 4 {
		year = year[:4]
	}
	return seeOther(w, r, "/calendar?year="+year+"&done=saved")
}

func (s *server) closedDayRemove(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.app.RemoveClosedDay(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/calendar?year="+r.URL.Query().Get("year")+"&done=deleted")
}

func (s *server) officeHoursSave(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	var week app.WeekHours
	for wd := range 7 {
		week[wd].Open, week[wd].Close = f.Get("open_"+strconv.Itoa(wd)), f.Get("close_"+strconv.Itoa(wd))
	}
	err := s.app.SetOfficeHours(r.Context(), v.actor, 0, &week)
	if f.take(v.lang, err) {
		return s.showCalendar(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/calendar?done=saved")
}
