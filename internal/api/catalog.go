package api

import (
	"encoding/json"
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
)

// textJSON is a text in the interface's three languages.
type textJSON struct {
	SV string `json:"sv"`
	DA string `json:"da"`
	EN string `json:"en"`
}

func textOut(t catalog.Text) textJSON { return textJSON{t.SV, t.DA, t.EN} }
func (t textJSON) in() catalog.Text   { return catalog.Text{SV: t.SV, DA: t.DA, EN: t.EN} }

type areaJSON struct {
	ID          int64    `json:"id"`
	Code        string   `json:"code"`
	Name        textJSON `json:"name"`
	Description textJSON `json:"description"`
	Position    int      `json:"position"`
}

func areaOut(a catalog.Area) areaJSON {
	return areaJSON{ID: a.ID, Code: a.Code, Name: textOut(a.Name), Description: textOut(a.Description), Position: a.Position}
}

type areaInput struct {
	Code        opt[string]   `json:"code"`
	Name        opt[textJSON] `json:"name"`
	Description opt[textJSON] `json:"description"`
}

func (in areaInput) apply(a *catalog.Area) {
	in.Code.to(&a.Code)
	if in.Name.Set {
		a.Name = in.Name.V.in()
	}
	if in.Description.Set {
		a.Description = in.Description.V.in()
	}
}

type deadlineJSON struct {
	Anchor *catalog.Anchor `json:"anchor"`
	Days   int             `json:"days"`
}

type activityJSON struct {
	ID           int64         `json:"id"`
	ServiceID    int64         `json:"service_id"`
	Position     int           `json:"position"`
	Name         textJSON      `json:"name"`
	Description  textJSON      `json:"description"`
	Responsible  catalog.Party `json:"responsible"`
	Deadline     deadlineJSON  `json:"deadline"`
	ServiceLevel *string       `json:"service_level"`
	Forms        textJSON      `json:"forms"`
	Contact      textJSON      `json:"contact"`
}

func activityOut(a catalog.Activity) activityJSON {
	return activityJSON{ID: a.ID, ServiceID: a.ServiceID, Position: a.Position, Name: textOut(a.Name), Description: textOut(a.Description),
		Responsible: a.Responsible, Deadline: deadlineJSON{Anchor: textOrNull(a.Deadline.Anchor), Days: a.Deadline.Days},
		ServiceLevel: textOrNull(a.ServiceLevel), Forms: textOut(a.Forms), Contact: textOut(a.Contact)}
}

type activityInput struct {
	Position     opt[int]           `json:"position"`
	Name         opt[textJSON]      `json:"name"`
	Description  opt[textJSON]      `json:"description"`
	Responsible  opt[catalog.Party] `json:"responsible"`
	Deadline     opt[deadlineJSON]  `json:"deadline"`
	ServiceLevel nullable[string]   `json:"service_level"`
	Forms        opt[textJSON]      `json:"forms"`
	Contact      opt[textJSON]      `json:"contact"`
}

func (in activityInput) apply(a *catalog.Activity) {
	in.Position.to(&a.Position)
	in.Responsible.to(&a.Responsible)
	in.ServiceLevel.to(&a.ServiceLevel)
	for _, t := range []struct {
		o   opt[textJSON]
		dst *catalog.Text
	}{{in.Name, &a.Name}, {in.Description, &a.Description}, {in.Forms, &a.Forms}, {in.Contact, &a.Contact}} {
		if t.o.Set {
			*t.dst = t.o.V.in()
		}
	}
	if in.Deadline.Set {
		a.Deadline = catalog.Deadline{Days: in.Deadline.V.Days}
		if in.Deadline.V.Anchor != nil {
			a.Deadline.Anchor = *in.Deadline.V.Anchor
		}
	}
}

type serviceJSON struct {
	ID          int64               `json:"id"`
	AreaID      int64               `json:"area_id"`
	Code        string              `json:"code"`
	Name        textJSON            `json:"name"`
	Description textJSON            `json:"description"`
	Kind        catalog.ServiceKind `json:"kind"`
	Active      bool                `json:"active"`
	Position    int                 `json:"position"`
	Version     int                 `json:"version"`
	UpdatedAt   *string             `json:"updated_at"`
	Activities  []activityJSON      `json:"activities"`
}

func serviceOut(s catalog.Service, loc *time.Location) serviceJSON {
	out := serviceJSON{ID: s.ID, AreaID: s.AreaID, Code: s.Code, Name: textOut(s.Name), Description: textOut(s.Description),
		Kind: s.Kind, Active: s.Active, Position: s.Position, Version: s.Version, UpdatedAt: stampOrNull(s.UpdatedAt, loc),
		Activities: []activityJSON{}}
	for _, a := range s.Activities {
		out.Activities = append(out.Activities, activityOut(a))
	}
	return out
}

type serviceInput struct {
	AreaID      opt[int64]               `json:"area_id"`
	Code        opt[string]              `json:"code"`
	Name        opt[textJSON]            `json:"name"`
	Description opt[textJSON]            `json:"description"`
	Kind        opt[catalog.ServiceKind] `json:"kind"`
	Active      opt[bool]                `json:"active"`
}

func (in serviceInput) apply(s *catalog.Service) {
	in.AreaID.to(&s.AreaID)
	in.Code.to(&s.Code)
	in.Kind.to(&s.Kind)
	in.Active.to(&s.Active)
	if in.Name.Set {
		s.Name = in.Name.V.in()
	}
	if in.Description.Set {
		s.Description = in.Description.V.in()
	}
}

func (s *server) listAreas(w http.ResponseWriter, r *http.Request, by app.Actor) {
	areas, err := s.app.ServiceAreas(r.Context(), by)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, listOf(app.Page[catalog.Area]{Items: areas}, areaOut))
}

func (s *server) createArea(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in areaInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	var a catalog.Area
	in.apply(&a)
	a, err := s.app.CreateServiceArea(r.Context(), by, a)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "catalogue/areas", a.ID, areaOut(a))
}

func (s *server) patchArea(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in areaInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	a, err := s.app.ServiceArea(r.Context(), by, id)
	if err == nil {
		in.apply(&a)
		a, err = s.app.UpdateServiceArea(r.Context(), by, a)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, areaOut(a))
}

func (s *server) listServices(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	cq := app.CatalogueQuery{Search: q.str("q"), AreaID: q.id("area_id"), Kind: enum(q, "kind", catalog.ServiceKinds),
		Party: enum(q, "party", catalog.Parties), WithInactive: q.flag("inactive")}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	areas, err := s.app.Catalogue(r.Context(), by, cq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var all []catalog.Service
	for _, a := range areas {
		all = append(all, a.Services...)
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(app.Page[catalog.Service]{Items: all}, func(sv catalog.Service) serviceJSON { return serviceOut(sv, loc) }))
}

func (s *server) getService(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	sv, err := s.app.CatalogueService(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, serviceOut(sv, s.zone(r.Context())))
}

func (s *server) createService(w http.ResponseWriter, r *http.Request, by app.Actor) {
	in := serviceInput{Active: opt[bool]{Set: true, V: true}}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	var sv catalog.Service
	in.apply(&sv)
	sv, err := s.app.CreateCatalogueService(r.Context(), by, sv)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "catalogue/services", sv.ID, serviceOut(sv, s.zone(r.Context())))
}

func (s *server) patchService(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in serviceInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	sv, err := s.app.CatalogueService(r.Context(), by, id)
	if err == nil {
		in.apply(&sv)
		sv, err = s.app.UpdateCatalogueService(r.Context(), by, sv)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, serviceOut(sv, s.zone(r.Context())))
}

type serviceVersionJSON struct {
	Version   int         `json:"version"`
	Change    string      `json:"change"`
	ChangedBy *int64      `json:"changed_by"`
	ActorName string      `json:"actor_name"`
	ChangedAt string      `json:"changed_at"`
	Service   serviceJSON `json:"service"`
}

func (s *server) listServiceVersions(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	vs, err := s.app.ServiceHistory(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(app.Page[app.ServiceVersion]{Items: vs}, func(v app.ServiceVersion) serviceVersionJSON {
		var snap catalog.Service
		if err := json.Unmarshal([]byte(v.Snapshot), &snap); err != nil {
			s.log.Warn("unreadable service version", "service", v.ServiceID, "version", v.Version, "err", err)
		}
		return serviceVersionJSON{Version: v.Version, Change: v.Change, ChangedBy: idOrNull(v.ChangedBy), ActorName: v.ActorName,
			ChangedAt: stamp(v.ChangedAt, loc), Service: serviceOut(snap, loc)}
	}))
}

func (s *server) createActivity(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in activityInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	a := catalog.Activity{ServiceID: id}
	in.apply(&a)
	if a, err = s.app.AddActivity(r.Context(), by, a); err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "catalogue/activities", a.ID, activityOut(a))
}

func (s *server) patchActivity(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in activityInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	a, err := s.app.Activity(r.Context(), by, id)
	if err == nil {
		in.apply(&a)
		a, err = s.app.UpdateActivity(r.Context(), by, a)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, activityOut(a))
}

func (s *server) deleteActivity(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.RemoveActivity(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}

// whoJSON is who does what for one member.
type whoJSON struct {
	MemberID      *int64          `json:"member_id"`
	MemberName    *string         `json:"member_name"`
	PayDay        int             `json:"pay_day"`
	CutoffDay     int             `json:"cutoff_day"`
	FromAgreement bool            `json:"from_agreement"`
	Today         string          `json:"today"`
	NextPayday    *string         `json:"next_payday"`
	NextCutoff    *string         `json:"next_cutoff"`
	Services      []whoServiceRow `json:"services"`
}

type whoServiceRow struct {
	ID       int64               `json:"id"`
	AreaID   int64               `json:"area_id"`
	AreaName textJSON            `json:"area_name"`
	Code     string              `json:"code"`
	Name     textJSON            `json:"name"`
	Kind     catalog.ServiceKind `json:"kind"`
	Included bool                `json:"included"`
	Steps    []whoStepJSON       `json:"steps"`
}

type whoStepJSON struct {
	activityJSON
	NextDue *string `json:"next_due"`
}

func dateOrNull(d calendar.Date) *string {
	if d == (calendar.Date{}) {
		return nil
	}
	s := d.String()
	return &s
}

func (s *server) whoDoesWhat(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	wq := app.WhoQuery{MemberID: q.id("member_id"), Search: q.str("q"), Party: enum(q, "party", catalog.Parties)}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	res, err := s.app.WhoDoesWhat(r.Context(), by, wq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := whoJSON{MemberID: idOrNull(res.MemberID), MemberName: textOrNull(res.MemberName), PayDay: res.Schedule.PayDay,
		CutoffDay: res.Schedule.CutoffDay, FromAgreement: res.FromAgreement, Today: res.Today.String(),
		NextPayday: dateOrNull(res.NextPayday), NextCutoff: dateOrNull(res.NextCutoff), Services: []whoServiceRow{}}
	for _, a := range res.Areas {
		for _, sv := range a.Services {
			row := whoServiceRow{ID: sv.ID, AreaID: a.ID, AreaName: textOut(a.Name), Code: sv.Code, Name: textOut(sv.Name),
				Kind: sv.Kind, Included: sv.Included, Steps: []whoStepJSON{}}
			for _, st := range sv.Steps {
				row.Steps = append(row.Steps, whoStepJSON{activityJSON: activityOut(st.Activity), NextDue: dateOrNull(st.NextDue)})
			}
			out.Services = append(out.Services, row)
		}
	}
	reply(w, http.StatusOK, out)
}
