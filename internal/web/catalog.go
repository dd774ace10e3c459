package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
	"samverkan/internal/orders"
)

// catalogueRoutes registers the pages of the service catalogue (who does
// what), the agreements and the orders.
func (s *server) catalogueRoutes(mux *http.ServeMux, user func(handlerFunc) http.Handler) {
	mux.Handle("GET /catalogue", user(s.catalogue))
	mux.Handle("GET /catalogue/services/new", user(s.serviceNew))
	mux.Handle("POST /catalogue/services", user(s.serviceCreate))
	mux.Handle("GET /catalogue/services/{id}", user(s.catalogueService))
	mux.Handle("GET /catalogue/services/{id}/edit", user(s.serviceEdit))
	mux.Handle("POST /catalogue/services/{id}", user(s.serviceUpdate))
	mux.Handle("GET /catalogue/services/{id}/activities/new", user(s.activityNew))
	mux.Handle("POST /catalogue/services/{id}/activities", user(s.activityCreate))
	mux.Handle("GET /catalogue/activities/{id}/edit", user(s.activityEdit))
	mux.Handle("POST /catalogue/activities/{id}", user(s.activityUpdate))
	mux.Handle("POST /catalogue/activities/{id}/delete", user(s.activityDelete))

	mux.Handle("GET /agreements", user(s.agreements))
	mux.Handle("GET /agreements/new", user(s.agreementNew))
	mux.Handle("POST /agreements", user(s.agreementCreate))
	mux.Handle("GET /agreements/{id}", user(s.agreement))
	mux.Handle("POST /agreements/{id}/versions", user(s.versionDraft))
	mux.Handle("POST /agreements/{id}/reviewed", user(s.agreementReviewed))
	mux.Handle("GET /agreement-versions/{id}", user(s.agreementVersion))
	mux.Handle("GET /agreement-versions/{id}/edit", user(s.versionEdit))
	mux.Handle("POST /agreement-versions/{id}", user(s.versionUpdate))
	mux.Handle("POST /agreement-versions/{id}/approve", user(s.versionApprove))
	mux.Handle("GET /agreement-versions/{id}/print", user(s.agreementPrint))
	mux.Handle("GET /agreement-versions/{id}/compare", user(s.agreementCompare))

	mux.Handle("GET /orders", user(s.orders))
	mux.Handle("GET /orders/new", user(s.orderNew))
	mux.Handle("POST /orders", user(s.orderCreate))
	mux.Handle("GET /orders/{id}", user(s.order))
	mux.Handle("POST /orders/{id}/actions", user(s.orderAction))
}

// Helpers the catalogue, agreement and order pages share.

// SeesAgreements reports whether the actor may read agreements.
func (vw *view) SeesAgreements() bool { return vw.SignedIn && app.ReadsAgreements(vw.Actor) }

// SeesOrders reports whether the actor may follow orders.
func (vw *view) SeesOrders() bool { return vw.SignedIn && app.FollowsOrders(vw.Actor) }

// Text is a catalogue text in the page's language.
func (vw *view) Text(t catalog.Text) string { return t.In(vw.Lang) }

// CalDate formats a calendar date ("" for none).
func (vw *view) CalDate(d calendar.Date) string {
	if d == (calendar.Date{}) {
		return ""
	}
	return d.String()
}

// Deadline says in words when an activity is due: "2 business days after
// receipt", "by the cut-off", "5 banking days before payday".
func (vw *view) Deadline(d catalog.Deadline) string {
	if d.Anchor == catalog.NoDeadline {
		return vw.T("deadline.none")
	}
	n, when := d.Days, "after"
	switch {
	case d.Anchor == catalog.Receipt && n == 0:
		return vw.T("deadline.receipt_same")
	case d.Anchor == catalog.Receipt:
		when = "receipt"
	case n < 0:
		n, when = -n, "before"
	case n == 0:
		return vw.T("deadline." + string(d.Anchor) + "_on")
	}
	key := "deadline." + string(d.Anchor) + "_" + when
	if d.Anchor == catalog.Receipt {
		key = "deadline.receipt"
	}
	if n == 1 {
		key += "_one"
	}
	return vw.T(key, n)
}

// Money formats minor units the way of the page's language.
func (vw *view) Money(amount int64, currency string) string {
	return orders.FormatMoney(amount, currency, vw.Lang)
}

// Hundredths renders a target value kept in hundredths: 99,50 (sv, da)
// or 99.50 (en).
func (vw *view) Hundredths(v int64) string {
	s := catalog.HundredthsText(v)
	if vw.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// PayDay says which day pay is paid: "the 25th" or "the last banking day".
func (vw *view) PayDay(day int) string {
	if day == 0 {
		return vw.T("catalogue.payday_last")
	}
	return vw.DayOfMonth(day)
}

// DayOfMonth names a day of the month: "the 10th", "den 10:e", "den 10.".
func (vw *view) DayOfMonth(n int) string {
	ord := strconv.Itoa(n)
	switch vw.Lang {
	case "sv":
		if d := n % 10; (d == 1 || d == 2) && n%100 != 11 && n%100 != 12 {
			ord += ":a"
		} else {
			ord += ":e"
		}
	case "da":
		ord += "."
	default:
		suffix := "th"
		if n%100 < 11 || n%100 > 13 {
			switch n % 10 {
			case 1:
				suffix = "st"
			case 2:
				suffix = "nd"
			case 3:
				suffix = "rd"
			}
		}
		ord += suffix
	}
	return vw.T("catalogue.day_of_month", ord)
}

type cataloguePage struct {
	Who       app.WhoDoesWhat
	Members   []option
	Parties   []option
	CanManage bool
}

// catalogue is the catalogue as who does what: per service what the
// manager, the member's HR and the centre do, and by when on the member's
// pay calendar. Member-side users see their own member's; centre staff
// choose a member. Searchable; printable.
func (s *server) catalogue(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	f := newForm(q)
	wq := app.WhoQuery{MemberID: idOf(q.Get("member")), Search: q.Get("q"), Party: catalog.Party(q.Get("party"))}
	who, err := s.app.WhoDoesWhat(r.Context(), v.actor, wq)
	if f.take(v.lang, err) {
		wq.Party = ""
		who, err = s.app.WhoDoesWhat(r.Context(), v.actor, wq)
	}
	if err != nil {
		return err
	}
	d := cataloguePage{Who: who, CanManage: v.actor.Can(app.ManageCatalogue),
		Parties: append([]option{{Value: "", Label: v.T("form.all")}}, enumOptions(v, "party", catalog.Parties, false)...)}
	if v.actor.IsCentre() {
		all, err := s.allMembers(r.Context(), v.actor)
		if err != nil {
			return err
		}
		d.Members = memberOptions(v, all, 0, "catalogue.no_member")
	}
	title := v.T("catalogue.title")
	if !v.actor.IsCentre() {
		title = v.T("catalogue.who_title")
	}
	vw := &view{Title: title, Section: "catalogue", Form: f, Data: d}
	if isPartial(r) {
		return s.partial(w, r, v, "catalogue", "results", vw)
	}
	return s.show(w, r, v, http.StatusOK, "catalogue", vw)
}

type servicePage struct {
	Service   catalog.Service
	Area      catalog.Area
	Groups    []partyGroup
	History   []serviceVersionRow
	CanManage bool
}

type partyGroup struct {
	Party      catalog.Party
	Activities []catalog.Activity
}

type serviceVersionRow struct {
	app.ServiceVersion
	Activities int
}

func (s *server) catalogueService(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	sv, err := s.app.CatalogueService(ctx, v.actor, id)
	if err != nil {
		return err
	}
	ar, err := s.app.ServiceArea(ctx, v.actor, sv.AreaID)
	if err != nil {
		return err
	}
	d := servicePage{Service: sv, Area: ar, CanManage: v.actor.Can(app.ManageCatalogue)}
	for _, p := range catalog.Parties {
		if acts := sv.By(p); len(acts) > 0 {
			d.Groups = append(d.Groups, partyGroup{Party: p, Activities: acts})
		}
	}
	if v.actor.Can(app.ViewCentre) {
		hist, err := s.app.ServiceHistory(ctx, v.actor, id)
		if err != nil {
			return err
		}
		for _, h := range hist {
			var snap catalog.Service
			if err := json.Unmarshal([]byte(h.Snapshot), &snap); err != nil {
				s.log.Warn("unreadable service version", "service", id, "version", h.Version, "err", err)
			}
			d.History = append(d.History, serviceVersionRow{ServiceVersion: h, Activities: len(snap.Activities)})
		}
	}
	return s.show(w, r, v, http.StatusOK, "catalog_service", &view{Title: sv.Name.In(v.lang), Section: "catalogue", Data: d})
}
