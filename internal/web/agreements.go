package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// catalogueServices lists every service (inactive too, for old versions).
func (s *server) catalogueServices(ctx context.Context, a app.Actor) ([]catalog.Service, error) {
	areas, err := s.app.Catalogue(ctx, a, app.CatalogueQuery{WithInactive: true})
	if err != nil {
		return nil, err
	}
	var out []catalog.Service
	for _, ar := range areas {
		out = append(out, ar.Services...)
	}
	return out, nil
}

// serviceNames names services by id in lang.
type serviceNames map[int64]string

// Of names a service; "" for 0.
func (n serviceNames) Of(id int64) string {
	if id == 0 {
		return ""
	}
	if s, ok := n[id]; ok {
		return s
	}
	return "#" + strconv.FormatInt(id, 10)
}

func (s *server) serviceNames(ctx context.Context, v *visit) (serviceNames, error) {
	ss, err := s.catalogueServices(ctx, v.actor)
	out := serviceNames{}
	for _, sv := range ss {
		out[sv.ID] = sv.Name.In(v.lang)
	}
	return out, err
}

type agreementsPage struct {
	Items     []app.AgreementSummary
	Next      string
	First     string
	Members   []option
	CanManage bool
}

func (s *server) agreements(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	page, err := s.app.ListAgreements(r.Context(), v.actor, app.AgreementQuery{MemberID: idOf(q.Get("member")),
		PageRequest: app.PageRequest{Cursor: q.Get("cursor")}})
	if err != nil {
		return err
	}
	d := agreementsPage{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r), CanManage: v.actor.Can(app.ManageAgreements)}
	if v.actor.IsCentre() {
		all, err := s.allMembers(r.Context(), v.actor)
		if err != nil {
			return err
		}
		d.Members = memberOptions(v, all, 0, "form.all")
	}
	return s.show(w, r, v, http.StatusOK, "agreements", &view{Title: v.T("agreements.title"), Section: "agreements", Form: newForm(q), Data: d})
}

type agreementPage struct {
	app.AgreementDetail
	CanManage bool
}

// Previous is the version numbered just below v, or nil.
func (p agreementPage) Previous(v catalog.Version) *catalog.Version {
	for i := range p.Versions {
		if p.Versions[i].Number == v.Number-1 {
			return &p.Versions[i]
		}
	}
	return nil
}

func (s *server) agreement(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := s.app.Agreement(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	return s.show(w, r, v, http.StatusOK, "agreement", &view{Title: d.Title, Section: "agreements",
		Data: agreementPage{AgreementDetail: d, CanManage: v.actor.Can(app.ManageAgreements)}})
}

type versionPage struct {
	V         catalog.Version
	Agreement app.AgreementDetail
	Names     serviceNames
	Member    org.Member
	Previous  int64
	CanManage bool
}

// version loads a version with what its pages show beside it.
func (s *server) version(r *http.Request, v *visit) (versionPage, error) {
	id, err := pathID(r)
	if err != nil {
		return versionPage{}, err
	}
	ctx := r.Context()
	ver, err := s.app.AgreementVersion(ctx, v.actor, id)
	if err != nil {
		return versionPage{}, err
	}
	d := versionPage{V: ver, CanManage: v.actor.Can(app.ManageAgreements)}
	if d.Agreement, err = s.app.Agreement(ctx, v.actor, ver.AgreementID); err != nil {
		return d, err
	}
	if d.Member, err = s.app.Member(ctx, v.actor, ver.MemberID); err != nil {
		return d, err
	}
	for _, o := range d.Agreement.Versions {
		if o.Number == ver.Number-1 {
			d.Previous = o.ID
		}
	}
	d.Names, err = s.serviceNames(ctx, v)
	return d, err
}

func (s *server) agreementVersion(w http.ResponseWriter, r *http.Request, v *visit) error {
	d, err := s.version(r, v)
	if err != nil {
		return err
	}
	return s.show(w, r, v, http.StatusOK, "agreement_version", &view{Title: v.T("agreements.version_title", d.V.Title, d.V.Number),
		Section: "agreements", Data: d})
}

func (s *server) agreementPrint(w http.ResponseWriter, r *http.Request, v *visit) error {
	d, err := s.version(r, v)
	if err != nil {
		return err
	}
	return s.show(w, r, v, http.StatusOK, "agreement_print", &view{Title: d.V.Title, Section: "agreements", Data: d})
}

type comparePage struct {
	app.VersionComparison
	Agreement app.AgreementDetail
	Sections  []string
}

func (s *server) agreementCompare(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	with := idOf(r.URL.Query().Get("with"))
	if with == 0 {
		return fault.Field("with", "required", "choose the version to compare with")
	}
	c, err := s.app.CompareAgreementVersions(r.Context(), v.actor, id, with)
	if err != nil {
		return err
	}
	d := comparePage{VersionComparison: c}
	if d.Agreement, err = s.app.Agreement(r.Context(), v.actor, c.B.AgreementID); err != nil {
		return err
	}
	for _, diff := range c.Differences {
		if !slices.Contains(d.Sections, diff.Section) {
			d.Sections = append(d.Sections, diff.Section)
		}
	}
	return s.show(w, r, v, http.StatusOK, "agreement_compare", &view{Title: v.T("agreements.compare_title", c.A.Number, c.B.Number),
		Section: "agreements", Data: d})
}

// showVersionForm renders the form of a new agreement (versionID 0) or of
// a draft version.
func (s *server) showVersionForm(w http.ResponseWriter, r *http.Request, v *visit, status int, d versionForm, f *form) error {
	if !v.actor.Can(app.ManageAgreements) {
		return fault.Forbiddenf("your role does not allow this")
	}
	ctx := r.Context()
	services, err := s.catalogueServices(ctx, v.actor)
	if err != nil {
		return err
	}
	if d.New {
		all, err := s.allMembers(ctx, v.actor)
		if err != nil {
			return err
		}
		d.Members = memberOptions(v, all, 0, "form.choose")
	}
	fillVersionForm(v, &d, f, services)
	title := v.T("agreements.new")
	if !d.New {
		title = v.T("agreements.edit_title", v.T("agreements.version_n", d.Number))
	}
	return s.show(w, r, v, status, "agreement_form", &view{Title: title, Section: "agreements", Form: f, Data: d})
}

func (s *server) agreementNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	vals := versionValues(catalog.Version{Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10}, BindingMonths: 60, NoticeMonths: 12})
	if v.centre.Country == "DK" {
		vals.Set("pay_day", "0")
	}
	vals.Set("member_id", r.URL.Query().Get("member_id"))
	return s.showVersionForm(w, r, v, http.StatusOK, versionForm{New: true}, newForm(vals))
}

func (s *server) agreementCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	ver, rows, fs := versionFrom(f)
	err := withDomainErrors(ver, fs)
	if err == nil {
		ver, err = s.app.CreateAgreement(r.Context(), v.actor, idOf(f.Get("member_id")), ver)
	}
	if f.take(v.lang, rows.formFields(err)) {
		return s.showVersionForm(w, r, v, http.StatusUnprocessableEntity, versionForm{New: true}, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/agreement-versions/"+itoa(ver.ID)+"?done=created")
}

// withDomainErrors adds the domain's own findings to the form's parse
// errors, so that every problem is reported at once; nil when the form
// parsed (the use case then checks the rest).
func withDomainErrors(ver catalog.Version, fs fault.Fields) error {
	if len(fs) == 0 {
		return nil
	}
	if _, err := ver.Normalise(); err != nil {
		if e, ok := fault.As(err); ok {
			for _, fe := range e.Fields {
				if !fs.Has(fe.Field) {
					fs = append(fs, fe)
				}
			}
		}
	}
	return fs.Err()
}

func (s *server) versionEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ver, err := s.app.AgreementVersion(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	if ver.Status != catalog.Draft {
		return &fault.Error{Kind: fault.Conflict, Message: "only a draft can change",
			Fields: []fault.FieldError{{Field: "status", Code: "version_locked", Detail: "create a new version"}}}
	}
	return s.showVersionForm(w, r, v, http.StatusOK, versionForm{ID: id, AgreementID: ver.AgreementID, Number: ver.Number}, newForm(versionValues(ver)))
}

func (s *server) versionUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	prior, err := s.app.AgreementVersion(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	ver, rows, fs := versionFrom(f)
	if err = withDomainErrors(ver, fs); err == nil {
		ver.ID = id
		_, err = s.app.UpdateAgreementVersion(r.Context(), v.actor, ver)
	}
	if f.take(v.lang, rows.formFields(err)) {
		return s.showVersionForm(w, r, v, http.StatusUnprocessableEntity, versionForm{ID: id, AgreementID: prior.AgreementID, Number: prior.Number}, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/agreement-versions/"+itoa(id)+"?done=saved")
}

func (s *server) versionApprove(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.app.ApproveAgreementVersion(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/agreement-versions/"+itoa(id)+"?done=approved")
}

func (s *server) versionDraft(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ver, err := s.app.DraftAgreementVersion(r.Context(), v.actor, id, postForm(r).Get("changes"))
	if err != nil {
		return err
	}
	return seeOther(w, r, "/agreement-versions/"+itoa(ver.ID)+"/edit")
}

func (s *server) agreementReviewed(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.app.MarkAgreementReviewed(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/agreements/"+itoa(id)+"?"+url.Values{"done": {"reviewed"}}.Encode())
}
