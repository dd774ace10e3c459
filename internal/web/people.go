package web

import (
	"net/http"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

type peoplePage struct {
	listPage[org.Person]
	Members []option
}

func (s *server) people(w http.ResponseWriter, r *http.Request, v *visit) error {
	ctx := r.Context()
	q := r.URL.Query()
	pq := app.PersonQuery{Role: org.Role(q.Get("role")), Search: q.Get("q"), Pending: q.Get("pending") == "1",
		PageRequest: app.PageRequest{Cursor: q.Get("cursor")}}
	if q.Get("member") == "centre" {
		pq.CentreOnly = true
	} else {
		pq.MemberID = idOf(q.Get("member"))
	}
	page, err := s.app.ListPeople(ctx, v.actor, pq)
	if err != nil {
		return err
	}
	members, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	d := peoplePage{listPage: listPage[org.Person]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r), Names: memberNames(members)}}
	if v.actor.IsCentre() {
		d.Members = append([]option{{Value: "", Label: v.T("form.all")}, {Value: "centre", Label: v.T("people.centre_staff")}},
			memberOptions(v, members, 0, "")...)
	}
	vw := &view{Title: v.T("people.title"), Section: "people", Form: newForm(q), Data: d}
	if isPartial(r) {
		return s.partial(w, r, v, "people", "results", vw)
	}
	return s.show(w, r, v, http.StatusOK, "people", vw)
}

type personPage struct {
	Person     org.Person
	MemberName string
	UnitName   string
	Roles      []string
}

// showPerson renders a person; f carries the errors of a failed password change.
func (s *server) showPerson(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.app.Person(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := personPage{Person: p, MemberName: v.T("people.centre")}
	var units []org.Unit
	if p.MemberID != 0 {
		m, err := s.app.Member(ctx, v.actor, p.MemberID)
		if err != nil {
			return err
		}
		d.MemberName = m.Name
		if units, err = s.allUnits(ctx, v.actor, p.MemberID); err != nil {
			return err
		}
	}
	d.UnitName = unitNames(units).Of(p.UnitID)
	d.Roles = grantLabels(v, p.Grants, unitNames(units))
	return s.show(w, r, v, status, "person", &view{Title: p.Name, Section: "people", Form: f, Data: d})
}

func (s *server) person(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showPerson(w, r, v, http.StatusOK, nil)
}

// personVerify confirms who a person created from an unknown e-mail
// sender is.
func (s *server) personVerify(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.app.VerifyPerson(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/people/"+itoa(id)+"?done=person_verified")
}

// personPassword lets an administrator set someone's password.
func (s *server) personPassword(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	err = s.app.SetPassword(r.Context(), v.actor, id, f.Get("password"))
	if f.take(v.lang, err) {
		return s.showPerson(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/people/"+itoa(id)+"?done=password_set")
}
