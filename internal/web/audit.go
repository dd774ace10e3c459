package web

import (
	"net/http"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

type auditPage struct {
	listPage[store.AuditEntry]
	Members []option
	Behalf  names
}

// audit browses the audit log, newest first, with filters.
func (s *server) audit(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.actor.Can(app.ViewAudit) {
		return fault.Forbiddenf("your role does not allow this")
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := newForm(q)
	aq, err := s.auditQuery(r, v, f)
	var page app.Page[store.AuditEntry]
	if err == nil {
		page, err = s.app.AuditLog(ctx, v.actor, aq)
	}
	status := http.StatusOK
	if f.take(v.lang, err) {
		status = http.StatusUnprocessableEntity
	} else if err != nil {
		return err
	}
	members, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	d := auditPage{listPage: listPage[store.AuditEntry]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r),
		Names: memberNames(members)}, Members: memberOptions(v, members, 0, "form.all"), Behalf: names{}}
	for _, e := range page.Items {
		if e.OnBehalfOf != 0 && d.Behalf[e.OnBehalfOf] == "" {
			if p, err := s.app.Person(ctx, v.actor, e.OnBehalfOf); err == nil {
				d.Behalf[e.OnBehalfOf] = p.Name
			}
		}
	}
	return s.show(w, r, v, status, "audit", &view{Title: v.T("audit.title"), Section: "audit", Form: f, Data: d})
}

// auditQuery reads the filters; the actor is given by e-mail address and
// the dates are whole days in the centre's time zone.
func (s *server) auditQuery(r *http.Request, v *visit, f *form) (app.AuditQuery, error) {
	aq := app.AuditQuery{PageRequest: app.PageRequest{Cursor: f.Get("cursor")}}
	aq.MemberID, aq.Entity, aq.Action = idOf(f.Get("member")), f.Get("entity"), strings.TrimSpace(f.Get("action"))
	var fs fault.Fields
	if email := strings.ToLower(strings.TrimSpace(f.Get("actor"))); email != "" {
		page, err := s.app.ListPeople(r.Context(), v.actor, app.PersonQuery{Search: email})
		if err != nil {
			return aq, err
		}
		for _, p := range page.Items {
			if p.Email == email {
				aq.ActorID = p.ID
			}
		}
		if aq.ActorID == 0 {
			fs.Add("actor", "person_unknown", "there is no person with this e-mail address")
		}
	}
	loc, err := time.LoadLocation(v.centre.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	day := func(field string, add int) time.Time {
		s := f.Get(field)
		if s == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			fs.Add(field, "date", "not a date (yyyy-mm-dd)")
			return time.Time{}
		}
		return t.AddDate(0, 0, add)
	}
	aq.From, aq.To = day("from", 0), day("to", 1)
	return aq, fs.Err()
}
