package web

import (
	"net/http"
	"net/url"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
)

// textValues puts a catalogue text in form values as field_sv, _da, _en.
func textValues(vals url.Values, field string, t catalog.Text) {
	vals.Set(field+"_sv", t.SV)
	vals.Set(field+"_da", t.DA)
	vals.Set(field+"_en", t.EN)
}

// textFrom reads field_sv, _da, _en.
func textFrom(f *form, field string) catalog.Text {
	return catalog.Text{SV: f.Get(field + "_sv"), DA: f.Get(field + "_da"), EN: f.Get(field + "_en")}
}

type serviceForm struct {
	ID    int64
	Areas []option
	Kinds []option
}

func (s *server) showServiceForm(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	if !v.actor.Can(app.ManageCatalogue) {
		return fault.Forbiddenf("your role does not allow this")
	}
	areas, err := s.app.ServiceAreas(r.Context(), v.actor)
	if err != nil {
		return err
	}
	d := serviceForm{ID: id, Kinds: enumOptions(v, "service_kind", catalog.ServiceKinds, false)}
	d.Areas = append(d.Areas, option{Value: "", Label: v.T("form.choose")})
	for _, a := range areas {
		d.Areas = append(d.Areas, option{Value: itoa(a.ID), Label: a.Name.In(v.lang)})
	}
	title := v.T("catalogue.new_service")
	if id != 0 {
		title = v.T("catalogue.edit_service", f.Get("name_"+v.lang))
	}
	return s.show(w, r, v, status, "catalog_service_form", &view{Title: title, Section: "catalogue", Form: f, Data: d})
}

func (s *server) serviceNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(url.Values{"kind": {string(catalog.Base)}, "active": {"on"}, "area_id": {r.URL.Query().Get("area_id")}})
	return s.showServiceForm(w, r, v, http.StatusOK, 0, f)
}

func (s *server) serviceEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	sv, err := s.app.CatalogueService(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	vals := url.Values{"area_id": {itoa(sv.AreaID)}, "code": {sv.Code}, "kind": {string(sv.Kind)}}
	if sv.Active {
		vals.Set("active", "on")
	}
	textValues(vals, "name", sv.Name)
	textValues(vals, "description", sv.Description)
	return s.showServiceForm(w, r, v, http.StatusOK, id, newForm(vals))
}

func serviceFrom(f *form) catalog.Service {
	return catalog.Service{AreaID: idOf(f.Get("area_id")), Code: f.Get("code"), Kind: catalog.ServiceKind(f.Get("kind")),
		Active: f.Get("active") == "on", Name: textFrom(f, "name"), Description: textFrom(f, "description")}
}

func (s *server) serviceCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	sv, err := s.app.CreateCatalogueService(r.Context(), v.actor, serviceFrom(f))
	if f.take(v.lang, err) {
		return s.showServiceForm(w, r, v, http.StatusUnprocessableEntity, 0, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/catalogue/services/"+itoa(sv.ID)+"?done=created")
}

func (s *server) serviceUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	sv := serviceFrom(f)
	sv.ID = id
	_, err = s.app.UpdateCatalogueService(r.Context(), v.actor, sv)
	if f.take(v.lang, err) {
		return s.showServiceForm(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/catalogue/services/"+itoa(id)+"?done=saved")
}

type activityForm struct {
	ID, ServiceID int64
	ServiceName   string
	Parties       []option
	Anchors       []option
}

func (s *server) showActivityForm(w http.ResponseWriter, r *http.Request, v *visit, status int, id, serviceID int64, f *form) error {
	if !v.actor.Can(app.ManageCatalogue) {
		return fault.Forbiddenf("your role does not allow this")
	}
	sv, err := s.app.CatalogueService(r.Context(), v.actor, serviceID)
	if err != nil {
		return err
	}
	d := activityForm{ID: id, ServiceID: serviceID, ServiceName: sv.Name.In(v.lang),
		Parties: enumOptions(v, "party", catalog.Parties, true), Anchors: enumOptions(v, "deadline_anchor", catalog.Anchors[1:], false)}
	d.Anchors = append([]option{{Value: "", Label: v.T("deadline.none")}}, d.Anchors...)
	title := v.T("catalogue.new_activity")
	if id != 0 {
		title = v.T("catalogue.edit_activity")
	}
	return s.show(w, r, v, status, "catalog_activity_form", &view{Title: title, Section: "catalogue", Form: f, Data: d})
}

func (s *server) activityNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showActivityForm(w, r, v, http.StatusOK, 0, id, newForm(url.Values{"deadline_days": {"0"}}))
}

func (s *server) activityEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.app.Activity(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	vals := url.Values{"responsible": {string(a.Responsible)}, "deadline_anchor": {string(a.Deadline.Anchor)},
		"deadline_days": {strconv.Itoa(a.Deadline.Days)}, "service_level": {a.ServiceLevel}, "position": {strconv.Itoa(a.Position)}}
	textValues(vals, "name", a.Name)
	textValues(vals, "description", a.Description)
	textValues(vals, "forms", a.Forms)
	textValues(vals, "contact", a.Contact)
	return s.showActivityForm(w, r, v, http.StatusOK, id, a.ServiceID, newForm(vals))
}

// activityFrom reads the activity form; a days value that is no whole
// number is reported like the domain's own errors.
func activityFrom(f *form) (catalog.Activity, error) {
	a := catalog.Activity{Responsible: catalog.Party(f.Get("responsible")), ServiceLevel: f.Get("service_level"),
		Name: textFrom(f, "name"), Description: textFrom(f, "description"), Forms: textFrom(f, "forms"), Contact: textFrom(f, "contact"),
		Deadline: catalog.Deadline{Anchor: catalog.Anchor(f.Get("deadline_anchor"))}}
	a.Position, _ = strconv.Atoi(f.Get("position"))
	if s := f.Get("deadline_days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return a, fault.Field("deadline_days", "not_whole_number", "write a whole number of days, e.g. 2 or -5")
		}
		a.Deadline.Days = n
	}
	return a, nil
}

func (s *server) activityCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	serviceID, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	a, err := activityFrom(f)
	if err == nil {
		a.ServiceID = serviceID
		_, err = s.app.AddActivity(r.Context(), v.actor, a)
	}
	if f.take(v.lang, err) {
		return s.showActivityForm(w, r, v, http.StatusUnprocessableEntity, 0, serviceID, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/catalogue/services/"+itoa(serviceID)+"?done=saved")
}

func (s *server) activityUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	prior, err := s.app.Activity(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	a, err := activityFrom(f)
	if err == nil {
		a.ID = id
		_, err = s.app.UpdateActivity(r.Context(), v.actor, a)
	}
	if f.take(v.lang, err) {
		return s.showActivityForm(w, r, v, http.StatusUnprocessableEntity, id, prior.ServiceID, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/catalogue/services/"+itoa(prior.ServiceID)+"?done=saved")
}

func (s *server) activityDelete(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.app.Activity(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	if err := s.app.RemoveActivity(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/catalogue/services/"+itoa(a.ServiceID)+"?done=removed")
}
