package web

import (
	"context"
	"net/http"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

type substitutesPage struct {
	listPage[org.Substitute]
	People    names
	Admin     bool
	Self      int64
	Subs      []option // who may be appointed
	Principal []option // for whom (admins)
	Scopes    []option
}

// CanEnd reports whether the viewer may end substitution x.
func (p substitutesPage) CanEnd(x org.Substitute) bool { return p.Admin || x.ForPersonID == p.Self }

// showSubstitutes renders the list and the appointment form.
func (s *server) showSubstitutes(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	ctx := r.Context()
	page, err := s.app.ListSubstitutes(ctx, v.actor, 0, app.PageRequest{Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return err
	}
	d := substitutesPage{listPage: listPage[org.Substitute]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r)},
		Admin: v.actor.Can(app.ManageSubstitutes), Self: v.actor.PersonID}
	people, err := s.colleagues(ctx, v.actor, d.Admin)
	if err != nil {
		return err
	}
	d.People = names{}
	d.Subs = []option{{Value: "", Label: v.T("form.choose")}}
	for _, p := range people {
		d.People[p.ID] = p.Name
		if p.Active {
			d.Subs = append(d.Subs, option{Value: itoa(p.ID), Label: p.Name})
		}
	}
	if d.Admin {
		d.Principal = d.Subs
	}
	for _, x := range page.Items {
		for _, id := range []int64{x.PersonID, x.ForPersonID} {
			if d.People[id] == "" {
				if p, err := s.app.Person(ctx, v.actor, id); err == nil {
					d.People[id] = p.Name
				}
			}
		}
	}
	d.Scopes = append([]option{{Value: "", Label: v.T("substitutes.all_roles")}},
		enumOptions(v, "role", append(append([]org.Role{}, org.CentreRoles...), org.MemberRoles...), false)...)
	if f == nil {
		f = newForm(nil)
	}
	return s.show(w, r, v, status, "substitutes", &view{Title: v.T("substitutes.title"), Section: "substitutes", Form: f, Data: d})
}

// colleagues are the people who may substitute: everyone for admins,
// otherwise the people of the actor's own organisation.
func (s *server) colleagues(ctx context.Context, a app.Actor, all bool) ([]org.Person, error) {
	q := app.PersonQuery{CentreOnly: a.IsCentre() && !all, MemberID: a.MemberID}
	return collect(func(pr app.PageRequest) (app.Page[org.Person], error) {
		q.PageRequest = pr
		return s.app.ListPeople(ctx, a, q)
	})
}

func (s *server) substitutes(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showSubstitutes(w, r, v, http.StatusOK, nil)
}

func (s *server) substituteCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	x := org.Substitute{PersonID: idOf(f.Get("person_id")), ForPersonID: idOf(f.Get("for_person_id")),
		StartsOn: dateOf(f.Get("starts_on")), EndsOn: dateOf(f.Get("ends_on")), Scope: org.Role(f.Get("scope"))}
	if !v.actor.Can(app.ManageSubstitutes) {
		x.ForPersonID = v.actor.PersonID
	}
	_, err := s.app.AppointSubstitute(r.Context(), v.actor, x)
	if f.take(v.lang, err) {
		return s.showSubstitutes(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/substitutes?done=created")
}

func (s *server) substituteEnd(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.app.EndSubstitute(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/substitutes?done=ended")
}
