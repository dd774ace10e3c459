package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// blankGrantRows is how many empty rows the roles editor offers.
const blankGrantRows = 2

type personForm struct {
	ID        int64
	Members   []option
	Units     []option
	Languages []option
	Grants    []grantRow
}

// grantRow is one row of the roles editor: role, level and unit.
type grantRow struct {
	N                 int
	Role, Level, Unit fieldView
}

// showPersonForm renders the form for person id (0: new).
func (s *server) showPersonForm(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	if !v.actor.Can(app.ManageOrganisation) {
		return fault.Forbiddenf("your role does not allow this")
	}
	ctx := r.Context()
	members, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	groups, err := s.unitGroups(ctx, v.actor)
	if err != nil {
		return err
	}
	d := personForm{ID: id, Members: memberOptions(v, members, 0, "people.centre_staff"),
		Units: []option{{Value: "", Label: v.T("people.no_unit")}}}
	for _, g := range groups {
		for _, n := range g.Units {
			d.Units = append(d.Units, option{Value: itoa(n.Unit.ID), Label: strings.Repeat("– ", n.Depth) + n.Unit.Name, Group: g.Member.Name})
		}
	}
	d.Languages = []option{{Value: "", Label: v.T("account.language_browser")}}
	for _, l := range org.Languages {
		d.Languages = append(d.Languages, option{Value: l, Label: v.T("language." + l)})
	}
	vw := &view{Form: f, Lang: v.lang, Section: "people"}
	roles := append([]option{{Value: "", Label: v.T("people.no_role")}},
		enumOptions(v, "role", append(append([]org.Role{}, org.CentreRoles...), org.MemberRoles...), false)...)
	levels := enumOptions(v, "level", org.Levels, false)
	levels = append([]option{{Value: "", Label: v.T("people.no_level")}}, levels...)
	for i := range len(f.Values["role"]) + blankGrantRows {
		d.Grants = append(d.Grants, grantRow{N: i + 1,
			Role:  indexed(vw.Select("role", "people.role", roles), f, i),
			Level: indexed(vw.Select("level", "people.level", levels), f, i),
			Unit:  indexed(vw.Select("grant_unit", "people.grant_unit", d.Units), f, i)})
	}
	vw.Title = v.T("people.new")
	if id != 0 {
		vw.Title = v.T("people.edit_title", f.Get("name"))
	}
	vw.Data = d
	return s.show(w, r, v, status, "person_form", vw)
}

// indexed makes field view fv the i-th of a repeated field.
func indexed(fv fieldView, f *form, i int) fieldView {
	fv.ID = fmt.Sprintf("%s-%d", fv.ID, i+1)
	fv.Value, fv.Error = "", ""
	if vals := f.Values[fv.Name]; i < len(vals) {
		fv.Value = vals[i]
	}
	for j := range fv.Options {
		fv.Options[j].Selected = fv.Options[j].Value == fv.Value
	}
	return fv
}

func (s *server) personNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(url.Values{"member_id": {r.URL.Query().Get("member_id")}})
	return s.showPersonForm(w, r, v, http.StatusOK, 0, f)
}

func (s *server) personEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.app.Person(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"name": {p.Name}, "email": {p.Email}, "phone": {p.Phone}, "member_id": {itoa(p.MemberID)},
		"unit_id": {itoa(p.UnitID)}, "language": {p.Language}})
	if p.Active {
		f.Values.Set("active", "on")
	}
	for _, g := range p.Grants {
		f.Values.Add("role", string(g.Role))
		f.Values.Add("level", string(g.Level))
		f.Values.Add("grant_unit", itoa(g.UnitID))
	}
	return s.showPersonForm(w, r, v, http.StatusOK, id, f)
}

// personFrom reads the person form; roles editor rows without a role are
// left out.
func personFrom(f *form) org.Person {
	p := org.Person{Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), MemberID: idOf(f.Get("member_id")),
		UnitID: idOf(f.Get("unit_id")), Language: f.Get("language"), Active: f.Get("active") == "on"}
	roles, levels, units := f.Values["role"], f.Values["level"], f.Values["grant_unit"]
	for i, role := range roles {
		if role == "" {
			continue
		}
		g := org.Grant{Role: org.Role(role)}
		if i < len(levels) {
			g.Level = org.Level(levels[i])
		}
		if i < len(units) {
			g.UnitID = idOf(units[i])
		}
		p.Grants = append(p.Grants, g)
	}
	return p
}

// compactGrants drops empty editor rows so a re-rendered form shows the
// roles given and fresh blank rows.
func compactGrants(f *form) {
	roles, levels, units := f.Values["role"], f.Values["level"], f.Values["grant_unit"]
	var rs, ls, us []string
	for i, role := range roles {
		if role == "" {
			continue
		}
		rs = append(rs, role)
		ls = append(ls, at(levels, i))
		us = append(us, at(units, i))
	}
	f.Values["role"], f.Values["level"], f.Values["grant_unit"] = rs, ls, us
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

func (s *server) personCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	p, err := s.app.CreatePerson(r.Context(), v.actor, personFrom(f))
	if f.take(v.lang, err) {
		compactGrants(f)
		return s.showPersonForm(w, r, v, http.StatusUnprocessableEntity, 0, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/people/"+itoa(p.ID)+"?done=created")
}

func (s *server) personUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	p := personFrom(f)
	p.ID = id
	_, err = s.app.UpdatePerson(r.Context(), v.actor, p)
	if f.take(v.lang, err) {
		compactGrants(f)
		return s.showPersonForm(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/people/"+itoa(id)+"?done=saved")
}
