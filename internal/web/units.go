package web

import (
	"net/http"
	"net/url"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

type unitPage struct {
	Unit       org.Unit
	MemberName string
	ParentName string
	Children   []*unitNode
}

func (s *server) unit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	u, err := s.app.Unit(ctx, v.actor, id)
	if err != nil {
		return err
	}
	m, err := s.app.Member(ctx, v.actor, u.MemberID)
	if err != nil {
		return err
	}
	units, err := s.allUnits(ctx, v.actor, u.MemberID)
	if err != nil {
		return err
	}
	d := unitPage{Unit: u, MemberName: m.Name, ParentName: unitNames(units).Of(u.ParentID)}
	for _, n := range flatten(unitTree(units), 0) {
		if n.Unit.ID == u.ID {
			d.Children = n.Children
		}
	}
	return s.show(w, r, v, http.StatusOK, "unit", &view{Title: u.Name, Section: "members", Data: d})
}

type unitForm struct {
	ID, MemberID int64
	MemberName   string
	Parents      []option
}

// showUnitForm renders the form for unit id (0: a new unit of memberID).
func (s *server) showUnitForm(w http.ResponseWriter, r *http.Request, v *visit, status int, memberID, id int64, f *form) error {
	if !v.actor.Can(app.ManageOrganisation) {
		return fault.Forbiddenf("your role does not allow this")
	}
	ctx := r.Context()
	m, err := s.app.Member(ctx, v.actor, memberID)
	if err != nil {
		return err
	}
	units, err := s.allUnits(ctx, v.actor, memberID)
	if err != nil {
		return err
	}
	d := unitForm{ID: id, MemberID: memberID, MemberName: m.Name, Parents: unitOptions(v, units, id, "units.no_parent")}
	title := v.T("units.new_in", m.Name)
	if id != 0 {
		title = v.T("units.edit_title", f.Get("name"))
	}
	return s.show(w, r, v, status, "unit_form", &view{Title: title, Section: "members", Form: f, Data: d})
}

func (s *server) unitNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	memberID, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"parent_id": {r.URL.Query().Get("parent_id")}})
	return s.showUnitForm(w, r, v, http.StatusOK, memberID, 0, f)
}

func (s *server) unitEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := s.app.Unit(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"name": {u.Name}, "cost_centre": {u.CostCentre}, "parent_id": {itoa(u.ParentID)}})
	return s.showUnitForm(w, r, v, http.StatusOK, u.MemberID, id, f)
}

func unitFrom(f *form) org.Unit {
	return org.Unit{Name: f.Get("name"), CostCentre: f.Get("cost_centre"), ParentID: idOf(f.Get("parent_id"))}
}

func (s *server) unitCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	memberID, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	u := unitFrom(f)
	u.MemberID = memberID
	u, err = s.app.CreateUnit(r.Context(), v.actor, u)
	if f.take(v.lang, err) {
		return s.showUnitForm(w, r, v, http.StatusUnprocessableEntity, memberID, 0, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/units/"+itoa(u.ID)+"?done=created")
}

func (s *server) unitUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	before, err := s.app.Unit(ctx, v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	u := unitFrom(f)
	u.ID = id
	_, err = s.app.UpdateUnit(ctx, v.actor, u)
	if f.take(v.lang, err) {
		return s.showUnitForm(w, r, v, http.StatusUnprocessableEntity, before.MemberID, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/units/"+itoa(id)+"?done=saved")
}
