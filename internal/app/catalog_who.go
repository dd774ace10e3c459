package app

import (
	"context"

	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
)

// WhoQuery asks who does what for one member. Member-side users always
// get their own member's; centre staff choose (0: the centre's defaults).
type WhoQuery struct {
	MemberID int64
	Search   string
	Party    catalog.Party
}

// WhoDoesWhat is the catalogue seen from one member: per service what the
// manager, the member's HR and the centre do, and by when on the member's
// own pay calendar.
type WhoDoesWhat struct {
	MemberID   int64
	MemberName string
	Schedule   catalog.PaySchedule
	// FromAgreement: the schedule is the one of the member's agreement in
	// force (otherwise the country's default).
	FromAgreement bool
	Today         calendar.Date
	NextPayday    calendar.Date
	NextCutoff    calendar.Date
	Areas         []WhoArea
}

// WhoArea is a service area with the services that match.
type WhoArea struct {
	catalog.Area
	Services []WhoService
}

// WhoService is a service with its steps; Included tells whether the
// member's agreement includes it.
type WhoService struct {
	catalog.Service
	Included bool
	Steps    []WhoStep
}

// WhoStep is an activity with its next due date on the member's pay
// calendar (zero for deadlines counted from receipt, and for none).
type WhoStep struct {
	catalog.Activity
	NextDue calendar.Date
}

// HasDue reports whether the step has a concrete next due date.
func (s WhoStep) HasDue() bool { return s.NextDue != calendar.Date{} }

// WhoDoesWhat answers who does what and by when, per service, for a
// member; searchable (e.g. "rättelse") and narrowed to one party.
func (a *App) WhoDoesWhat(ctx context.Context, by Actor, wq WhoQuery) (WhoDoesWhat, error) {
	if err := signedIn(by); err != nil {
		return WhoDoesWhat{}, err
	}
	if !by.IsCentre() {
		wq.MemberID = by.MemberID
	}
	centre, err := a.Centre(ctx)
	if err != nil {
		return WhoDoesWhat{}, err
	}
	w := WhoDoesWhat{MemberID: wq.MemberID, Today: calendar.DateOf(a.localNow(ctx))}
	country := calendar.Country(centre.Country)
	var inForce *catalog.Version
	if wq.MemberID != 0 {
		m, err := a.db.Read().GetMember(ctx, wq.MemberID)
		if err != nil {
			return w, fault.NotFoundf("member not found")
		}
		w.MemberName, country = m.Name, calendar.Country(m.Country)
		if inForce, err = a.agreementInForce(ctx, m.ID); err != nil {
			return w, err
		}
	}
	w.Schedule = catalog.DefaultSchedule(country)
	if inForce != nil {
		w.Schedule, w.FromAgreement = inForce.Schedule, true
	}
	cal, err := a.MemberCalendar(ctx, wq.MemberID)
	if err != nil {
		return w, err
	}
	w.NextPayday, w.NextCutoff = w.Schedule.NextPayday(cal, w.Today), w.Schedule.NextCutoff(cal, w.Today)
	areas, err := a.Catalogue(ctx, by, CatalogueQuery{Search: wq.Search, Party: wq.Party})
	if err != nil {
		return w, err
	}
	for _, ar := range areas {
		wa := WhoArea{Area: ar.Area}
		for _, s := range ar.Services {
			ws := WhoService{Service: s, Included: inForce != nil && inForce.Includes(s.ID)}
			for _, act := range s.Activities {
				st := WhoStep{Activity: act}
				st.NextDue, _ = act.Deadline.NextDue(cal, w.Schedule, w.Today)
				ws.Steps = append(ws.Steps, st)
			}
			wa.Services = append(wa.Services, ws)
		}
		if len(wa.Services) > 0 {
			w.Areas = append(w.Areas, wa)
		}
	}
	return w, nil
}
