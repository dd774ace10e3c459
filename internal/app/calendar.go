package app

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// calendarVersionKey is bumped on every change to closed days or office
// hours, so every instance rebuilds its cached calendars.
const calendarVersionKey = "calendar_version"

// calendarCacheTTL is how long a cached calendar is trusted without asking
// the database whether it changed; another instance's change is seen
// within this time.
const calendarCacheTTL = 5 * time.Second

type calendarCache struct {
	mu      sync.Mutex
	version string
	checked time.Time
	byOwner map[int64]*calendar.Calendar // 0 = the centre
}

// CentreCalendar is the centre's business calendar: its country's holidays
// and agreement days, its office hours and its own closed days and half days.
func (a *App) CentreCalendar(ctx context.Context) (*calendar.Calendar, error) {
	return a.ownerCalendar(ctx, 0)
}

// MemberCalendar is the centre's calendar with a member's own office hours
// and closed days, where it has any.
func (a *App) MemberCalendar(ctx context.Context, memberID int64) (*calendar.Calendar, error) {
	return a.ownerCalendar(ctx, memberID)
}

func (a *App) ownerCalendar(ctx context.Context, owner int64) (*calendar.Calendar, error) {
	c := &a.calendars
	c.mu.Lock()
	defer c.mu.Unlock()
	now := a.now()
	if now.Sub(c.checked) > calendarCacheTTL || c.byOwner == nil {
		v, err := a.db.Read().Setting(ctx, calendarVersionKey)
		if err != nil {
			return nil, err
		}
		if v != c.version || c.byOwner == nil {
			c.version, c.byOwner = v, map[int64]*calendar.Calendar{}
		}
		c.checked = now
	}
	if cal, ok := c.byOwner[owner]; ok {
		return cal, nil
	}
	cal, err := a.buildCalendar(ctx, owner)
	if err != nil {
		return nil, err
	}
	c.byOwner[owner] = cal
	return cal, nil
}

func (a *App) buildCalendar(ctx context.Context, owner int64) (*calendar.Calendar, error) {
	q := a.db.Read()
	var base *calendar.Calendar
	if owner == 0 {
		centre, err := a.Centre(ctx)
		if err != nil {
			return nil, err
		}
		if base, err = calendar.ForCountry(centre.Country); err != nil {
			return nil, err
		}
	} else {
		var err error
		if base, err = a.ownerCalendarLocked(ctx); err != nil {
			return nil, err
		}
	}
	var opts []calendar.Option
	week, ok, err := q.OfficeHours(ctx, owner)
	if err != nil {
		return nil, err
	}
	if ok {
		for wd, h := range week {
			hours, err := parseHours(h.Open, h.Close)
			if err != nil {
				return nil, err
			}
			opts = append(opts, calendar.WithWeekday(time.Weekday(wd), hours))
		}
	}
	days, err := q.ListClosedDays(ctx, owner, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	for _, d := range days {
		hours, err := parseHours(d.Open, d.Close)
		if err != nil {
			return nil, err
		}
		opts = append(opts, calendar.WithDays(calendar.Day{Date: calendar.DateOf(d.Day), Name: d.Name, Hours: hours}))
	}
	if len(opts) == 0 {
		return base, nil
	}
	return base.With(opts...)
}

// ownerCalendarLocked returns the centre calendar while c.mu is held.
func (a *App) ownerCalendarLocked(ctx context.Context) (*calendar.Calendar, error) {
	if cal, ok := a.calendars.byOwner[0]; ok {
		return cal, nil
	}
	cal, err := a.buildCalendar(ctx, 0)
	if err == nil {
		a.calendars.byOwner[0] = cal
	}
	return cal, err
}

func parseHours(open, close string) (calendar.Hours, error) {
	if open == "" && close == "" {
		return calendar.Hours{}, nil
	}
	o, err := calendar.ParseClock(open)
	if err != nil {
		return calendar.Hours{}, fault.Field("open", "clock", "opening time must be HH:MM")
	}
	c, err := calendar.ParseClock(close)
	if err != nil {
		return calendar.Hours{}, fault.Field("close", "clock", "closing time must be HH:MM")
	}
	h := calendar.Hours{Open: o, Close: c}
	if !h.Valid() || h.Closed() {
		return h, fault.Field("close", "close_before_open", "closing time must be after opening time")
	}
	return h, nil
}

// calendarChanged bumps the calendar version in the transaction of the
// change and enqueues the re-evaluation of open cases' clocks.
func (a *App) calendarChanged(ctx context.Context, q *store.Queries) error {
	current, err := q.Setting(ctx, calendarVersionKey)
	if err != nil {
		return err
	}
	n, _ := strconv.ParseInt(current, 10, 64)
	v := strconv.FormatInt(n+1, 10)
	if err := q.PutSetting(ctx, calendarVersionKey, v); err != nil {
		return err
	}
	a.calendars.mu.Lock()
	a.calendars.byOwner = nil
	a.calendars.mu.Unlock()
	_, err = q.EnqueueJob(ctx, store.Job{Kind: JobRecomputeSLA, UniqueKey: JobRecomputeSLA + "@" + v}, a.now())
	return err
}

// JobRecomputeSLA re-evaluates the clocks of every open case.
const JobRecomputeSLA = "sla.recompute_all"

// ClosedDays lists the closed days of the centre (memberID 0) or a member
// in a year. Everyone signed in may read them; they shape every deadline.
func (a *App) ClosedDays(ctx context.Context, by Actor, memberID int64, year int) ([]store.ClosedDay, error) {
	if err := by.require(ViewDirectory); err != nil {
		return nil, err
	}
	if memberID != 0 && !by.seesMember(memberID) {
		return nil, fault.NotFoundf("member not found")
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	return a.db.Read().ListClosedDays(ctx, memberID, from, from.AddDate(1, 0, -1))
}

// AddClosedDay adds a closed day or half day for the centre or a member.
func (a *App) AddClosedDay(ctx context.Context, by Actor, d store.ClosedDay) (store.ClosedDay, error) {
	if err := by.require(ManageCalendar); err != nil {
		return d, err
	}
	var fs fault.Fields
	if d.Day.IsZero() {
		fs.Add("day", "required", "the date is required")
	} else if y := d.Day.Year(); y < calendar.MinYear || y > calendar.MaxYear {
		fs.Add("day", "year", "the date is out of range")
	}
	if d.Name == "" {
		fs.Add("name", "required", "name is required")
	}
	if _, err := parseHours(d.Open, d.Close); err != nil {
		if e, ok := fault.As(err); ok {
			fs = append(fs, e.Fields...)
		}
	}
	if err := fs.Err(); err != nil {
		return d, err
	}
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		if d.MemberID != 0 {
			if _, err := q.GetMember(ctx, d.MemberID); errors.Is(err, store.ErrNotFound) {
				return fault.Field("member_id", "member_unknown", "there is no member with this id")
			}
		}
		var err error
		if d, err = q.CreateClosedDay(ctx, d, a.now()); err != nil {
			return duplicateField(err, "day", "day_taken", "this date already has an entry")
		}
		if err := a.audit(ctx, q, by, d.MemberID, "closed_day", d.ID, "create", nil, d); err != nil {
			return err
		}
		return a.calendarChanged(ctx, q)
	})
	return d, err
}

// RemoveClosedDay removes a closed day.
func (a *App) RemoveClosedDay(ctx context.Context, by Actor, id int64) error {
	if err := by.require(ManageCalendar); err != nil {
		return err
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		d, err := q.GetClosedDay(ctx, id)
		if err != nil {
			return notFound(err, "closed day")
		}
		if err := q.DeleteClosedDay(ctx, id); err != nil {
			return err
		}
		if err := a.audit(ctx, q, by, d.MemberID, "closed_day", id, "delete", d, nil); err != nil {
			return err
		}
		return a.calendarChanged(ctx, q)
	})
}

// OfficeHours reads the office hours of the centre (memberID 0) or a
// member's override (ok false: the member follows the centre).
func (a *App) OfficeHours(ctx context.Context, by Actor, memberID int64) (store.WeekHours, bool, error) {
	if err := by.require(ViewDirectory); err != nil {
		return store.WeekHours{}, false, err
	}
	if memberID != 0 && !by.seesMember(memberID) {
		return store.WeekHours{}, false, fault.NotFoundf("member not found")
	}
	return a.db.Read().OfficeHours(ctx, memberID)
}

// SetOfficeHours sets the centre's office hours or a member's override
// (nil week removes the override).
func (a *App) SetOfficeHours(ctx context.Context, by Actor, memberID int64, week *store.WeekHours) error {
	if err := by.require(ManageCalendar); err != nil {
		return err
	}
	if week != nil {
		for _, h := range week {
			if _, err := parseHours(h.Open, h.Close); err != nil {
				return err
			}
		}
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		before, _, err := q.OfficeHours(ctx, memberID)
		if err != nil {
			return err
		}
		if err := q.SetOfficeHours(ctx, memberID, week); err != nil {
			return err
		}
		if err := a.audit(ctx, q, by, memberID, "office_hours", memberID, "update", before, week); err != nil {
			return err
		}
		return a.calendarChanged(ctx, q)
	})
}

// ClosedDay is a closed day or half day of the centre or a member.
type ClosedDay = store.ClosedDay

// WeekHours are office hours by weekday.
type WeekHours = store.WeekHours
