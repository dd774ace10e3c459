package app

import (
	"context"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// RepeatWindowDays is the period the case and person pages count a
// requester's earlier cases over.
const RepeatWindowDays = 90

// ServiceCount is how many cases someone opened on one service.
type ServiceCount = store.ServiceCount

// RepeatContacts is how often a person contacted the centre lately.
type RepeatContacts struct {
	PersonID  int64
	Since     time.Time
	Cases     int
	ByService []ServiceCount // most cases first; ServiceID 0: not classified
}

// RepeatContacts counts the cases a requester opened in the last 90 days,
// per service (centre staff).
func (a *App) RepeatContacts(ctx context.Context, by Actor, personID int64) (RepeatContacts, error) {
	if err := by.require(WorkCases); err != nil {
		return RepeatContacts{}, err
	}
	q := a.db.Read()
	if _, err := q.GetPersonRef(ctx, personID); err != nil {
		return RepeatContacts{}, notFound(err, "person")
	}
	now, _ := a.caseNow(ctx)
	r := RepeatContacts{PersonID: personID, Since: now.AddDate(0, 0, -RepeatWindowDays)}
	var err error
	if r.ByService, err = q.RequesterServices(ctx, personID, r.Since); err != nil {
		return r, err
	}
	for _, s := range r.ByService {
		r.Cases += s.Cases
	}
	return r, nil
}

// RepeatQuery chooses the period and threshold of the repeat-contact
// report.
type RepeatQuery struct {
	From, To time.Time // received in [From, To); default: the 90 days up to the end of today
	MemberID int64
	MinCases int // at least this many cases on the same service; default 2
	Limit    int // rows of each list; default 50, at most 500
}

// RepeatRow is a person or a unit with several cases on one service.
type RepeatRow = store.RepeatRow

// RepeatReport lists the people and the units with the most cases on the
// same service in a period: where targeted training pays.
type RepeatReport struct {
	From, To time.Time
	People   []RepeatRow
	Units    []RepeatRow
}

// RepeatContactReport makes the repeat-contact report (admins and team
// leads).
func (a *App) RepeatContactReport(ctx context.Context, by Actor, rq RepeatQuery) (RepeatReport, error) {
	if err := by.require(ViewCaseReports); err != nil {
		return RepeatReport{}, err
	}
	now, _ := a.caseNow(ctx)
	if rq.To.IsZero() {
		// Up to the end of today, in the centre's time zone.
		local := now.In(a.centreLocation(ctx))
		rq.To = time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, local.Location()).UTC()
	}
	if rq.From.IsZero() {
		rq.From = rq.To.AddDate(0, 0, -RepeatWindowDays)
	}
	var fs fault.Fields
	if !rq.To.After(rq.From) {
		fs.Add("to", "ends_before_start", "the period ends before it starts")
	}
	if rq.MinCases == 0 {
		rq.MinCases = 2
	}
	if rq.MinCases < 2 || rq.MinCases > 1000 {
		fs.Add("min_cases", "range", "at least 2 cases make a repeat contact")
	}
	if rq.Limit == 0 {
		rq.Limit = 50
	}
	if rq.Limit < 0 || rq.Limit > 500 {
		fs.Add("limit", "limit", "limit must be between 1 and 500")
	}
	if err := fs.Err(); err != nil {
		return RepeatReport{}, err
	}
	f := store.RepeatFilter{From: rq.From, To: rq.To, MemberID: rq.MemberID, MinCases: rq.MinCases, Limit: rq.Limit}
	q := a.db.Read()
	r := RepeatReport{From: rq.From, To: rq.To}
	var err error
	if r.People, err = q.RepeatByPerson(ctx, f); err != nil {
		return r, err
	}
	r.Units, err = q.RepeatByUnit(ctx, f)
	return r, err
}
