package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
)

type includedJSON struct {
	ServiceID int64  `json:"service_id"`
	Note      string `json:"note"`
}

type targetJSON struct {
	Code             string             `json:"code"`
	Name             string             `json:"name"`
	ServiceID        *int64             `json:"service_id"`
	Counted          string             `json:"counted"`
	Period           catalog.Period     `json:"period"`
	Comparator       catalog.Comparator `json:"comparator"`
	Value            int64              `json:"value"`
	Unit             catalog.Unit       `json:"unit"`
	CentreErrorsOnly bool               `json:"centre_errors_only"`
}

type extraJSON struct {
	ServiceID   *int64  `json:"service_id"`
	Description string  `json:"description"`
	Since       *string `json:"since"`
	OrderID     *int64  `json:"order_id"`
}

type deviationJSON struct {
	Description string `json:"description"`
	ActionPlan  string `json:"action_plan"`
	EndsOn      string `json:"ends_on"`
}

type signatoryJSON struct {
	Side     catalog.Side `json:"side"`
	Name     string       `json:"name"`
	Title    string       `json:"title"`
	PersonID *int64       `json:"person_id"`
	SignedOn *string      `json:"signed_on"`
}

// versionJSON is one version of an agreement.
type versionJSON struct {
	ID            int64           `json:"id"`
	AgreementID   int64           `json:"agreement_id"`
	MemberID      int64           `json:"member_id"`
	Number        int             `json:"number"`
	Status        catalog.Status  `json:"status"`
	Title         string          `json:"title"`
	ValidFrom     string          `json:"valid_from"`
	ValidTo       *string         `json:"valid_to"`
	BindingMonths int             `json:"binding_months"`
	NoticeMonths  int             `json:"notice_months"`
	PayDay        int             `json:"pay_day"`
	CutoffDay     int             `json:"cutoff_day"`
	Services      []includedJSON  `json:"services"`
	Targets       []targetJSON    `json:"targets"`
	ExtraServices []extraJSON     `json:"extra_services"`
	Deviations    []deviationJSON `json:"deviations"`
	Signatories   []signatoryJSON `json:"signatories"`
	Changes       string          `json:"changes"`
	OrderID       *int64          `json:"order_id"`
	CreatedAt     string          `json:"created_at"`
	UpdatedAt     string          `json:"updated_at"`
	ApprovedAt    *string         `json:"approved_at"`
	SupersededAt  *string         `json:"superseded_at"`
}

func dayOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := day(t)
	return &s
}

func versionOut(v catalog.Version, loc *time.Location) versionJSON {
	out := versionJSON{ID: v.ID, AgreementID: v.AgreementID, MemberID: v.MemberID, Number: v.Number, Status: v.Status, Title: v.Title,
		ValidFrom: day(v.ValidFrom), ValidTo: dayOrNull(v.ValidTo), BindingMonths: v.BindingMonths, NoticeMonths: v.NoticeMonths,
		PayDay: v.Schedule.PayDay, CutoffDay: v.Schedule.CutoffDay, Changes: v.Changes, OrderID: idOrNull(v.OrderID),
		CreatedAt: stamp(v.CreatedAt, loc), UpdatedAt: stamp(v.UpdatedAt, loc), ApprovedAt: stampOrNull(v.ApprovedAt, loc),
		SupersededAt: stampOrNull(v.SupersededAt, loc),
		Services:     []includedJSON{}, Targets: []targetJSON{}, ExtraServices: []extraJSON{}, Deviations: []deviationJSON{}, Signatories: []signatoryJSON{}}
	for _, s := range v.Services {
		out.Services = append(out.Services, includedJSON{s.ServiceID, s.Note})
	}
	for _, t := range v.Targets {
		out.Targets = append(out.Targets, targetJSON{Code: t.Code, Name: t.Name, ServiceID: idOrNull(t.ServiceID), Counted: t.Counted,
			Period: t.Period, Comparator: t.Comparator, Value: t.Value, Unit: t.Unit, CentreErrorsOnly: t.CentreErrorsOnly})
	}
	for _, e := range v.ExtraServices {
		out.ExtraServices = append(out.ExtraServices, extraJSON{ServiceID: idOrNull(e.ServiceID), Description: e.Description,
			Since: dayOrNull(e.Since), OrderID: idOrNull(e.OrderID)})
	}
	for _, d := range v.Deviations {
		out.Deviations = append(out.Deviations, deviationJSON{d.Description, d.ActionPlan, day(d.EndsOn)})
	}
	for _, s := range v.Signatories {
		out.Signatories = append(out.Signatories, signatoryJSON{Side: s.Side, Name: s.Name, Title: s.Title,
			PersonID: idOrNull(s.PersonID), SignedOn: dayOrNull(s.SignedOn)})
	}
	return out
}

// Input lists of a version: each replaces the whole list when sent.
type (
	targetInput struct {
		Code             string             `json:"code"`
		Name             string             `json:"name"`
		ServiceID        *int64             `json:"service_id"`
		Counted          string             `json:"counted"`
		Period           catalog.Period     `json:"period"`
		Comparator       catalog.Comparator `json:"comparator"`
		Value            int64              `json:"value"`
		Unit             catalog.Unit       `json:"unit"`
		CentreErrorsOnly bool               `json:"centre_errors_only"`
	}
	extraInput struct {
		ServiceID   *int64 `json:"service_id"`
		Description string `json:"description"`
		Since       *date  `json:"since"`
	}
	deviationInput struct {
		Description string `json:"description"`
		ActionPlan  string `json:"action_plan"`
		EndsOn      *date  `json:"ends_on"`
	}
	signatoryInput struct {
		Side     catalog.Side `json:"side"`
		Name     string       `json:"name"`
		Title    string       `json:"title"`
		PersonID *int64       `json:"person_id"`
		SignedOn *date        `json:"signed_on"`
	}
)

// versionInput is the body of POST /agreements (with member_id) and of
// PATCH on a draft version; only fields sent change.
type versionInput struct {
	MemberID      opt[int64]            `json:"member_id"`
	Title         opt[string]           `json:"title"`
	ValidFrom     opt[date]             `json:"valid_from"`
	ValidTo       nullable[date]        `json:"valid_to"`
	BindingMonths opt[int]              `json:"binding_months"`
	NoticeMonths  opt[int]              `json:"notice_months"`
	PayDay        opt[int]              `json:"pay_day"`
	CutoffDay     opt[int]              `json:"cutoff_day"`
	Services      opt[[]includedJSON]   `json:"services"`
	Targets       opt[[]targetInput]    `json:"targets"`
	ExtraServices opt[[]extraInput]     `json:"extra_services"`
	Deviations    opt[[]deviationInput] `json:"deviations"`
	Signatories   opt[[]signatoryInput] `json:"signatories"`
	Changes       opt[string]           `json:"changes"`
}

func idIn(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func dateIn(d *date) time.Time {
	if d == nil {
		return time.Time{}
	}
	return d.Time
}

func (in versionInput) apply(v *catalog.Version) {
	in.Title.to(&v.Title)
	in.BindingMonths.to(&v.BindingMonths)
	in.NoticeMonths.to(&v.NoticeMonths)
	in.PayDay.to(&v.Schedule.PayDay)
	in.CutoffDay.to(&v.Schedule.CutoffDay)
	in.Changes.to(&v.Changes)
	if in.ValidFrom.Set {
		v.ValidFrom = in.ValidFrom.V.Time
	}
	if in.ValidTo.Set {
		v.ValidTo = in.ValidTo.V.Time
	}
	if in.Services.Set {
		v.Services = nil
		for _, s := range in.Services.V {
			v.Services = append(v.Services, catalog.IncludedService{ServiceID: s.ServiceID, Note: s.Note})
		}
	}
	if in.Targets.Set {
		v.Targets = nil
		for _, t := range in.Targets.V {
			v.Targets = append(v.Targets, catalog.Target{Code: t.Code, Name: t.Name, ServiceID: idIn(t.ServiceID), Counted: t.Counted,
				Period: t.Period, Comparator: t.Comparator, Value: t.Value, Unit: t.Unit, CentreErrorsOnly: t.CentreErrorsOnly})
		}
	}
	if in.ExtraServices.Set {
		// Entries that came from orders keep their order.
		old := v.ExtraServices
		v.ExtraServices = nil
		for _, e := range in.ExtraServices.V {
			x := catalog.ExtraService{ServiceID: idIn(e.ServiceID), Description: e.Description, Since: dateIn(e.Since)}
			for _, o := range old {
				if o.ServiceID == x.ServiceID && o.Description == x.Description {
					x.OrderID = o.OrderID
				}
			}
			v.ExtraServices = append(v.ExtraServices, x)
		}
	}
	if in.Deviations.Set {
		v.Deviations = nil
		for _, d := range in.Deviations.V {
			v.Deviations = append(v.Deviations, catalog.Deviation{Description: d.Description, ActionPlan: d.ActionPlan, EndsOn: dateIn(d.EndsOn)})
		}
	}
	if in.Signatories.Set {
		v.Signatories = nil
		for _, s := range in.Signatories.V {
			v.Signatories = append(v.Signatories, catalog.Signatory{Side: s.Side, Name: s.Name, Title: s.Title,
				PersonID: idIn(s.PersonID), SignedOn: dateIn(s.SignedOn)})
		}
	}
}

type versionRefJSON struct {
	ID         int64          `json:"id"`
	Number     int            `json:"number"`
	Status     catalog.Status `json:"status"`
	ValidFrom  string         `json:"valid_from"`
	ValidTo    *string        `json:"valid_to"`
	Changes    string         `json:"changes"`
	ApprovedAt *string        `json:"approved_at"`
}

// agreementJSON is an agreement with its versions (newest first).
type agreementJSON struct {
	ID                int64            `json:"id"`
	MemberID          int64            `json:"member_id"`
	MemberName        string           `json:"member_name"`
	Title             string           `json:"title"`
	RevisionDue       *string          `json:"revision_due"`
	ApprovedVersionID *int64           `json:"approved_version_id"`
	HasDraft          bool             `json:"has_draft"`
	CreatedAt         string           `json:"created_at"`
	Versions          []versionRefJSON `json:"versions"`
}

func agreementOut(d app.AgreementDetail, loc *time.Location) agreementJSON {
	out := agreementJSON{ID: d.ID, MemberID: d.MemberID, MemberName: d.MemberName, Title: d.Title, RevisionDue: dayOrNull(d.RevisionDue),
		HasDraft: d.HasDraft, CreatedAt: stamp(d.CreatedAt, loc), Versions: []versionRefJSON{}}
	if d.Approved != nil {
		out.ApprovedVersionID = &d.Approved.ID
	}
	for _, v := range d.Versions {
		out.Versions = append(out.Versions, versionRefJSON{ID: v.ID, Number: v.Number, Status: v.Status, ValidFrom: day(v.ValidFrom),
			ValidTo: dayOrNull(v.ValidTo), Changes: v.Changes, ApprovedAt: stampOrNull(v.ApprovedAt, loc)})
	}
	return out
}

func (s *server) listAgreements(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	aq := app.AgreementQuery{MemberID: q.id("member_id"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListAgreements(r.Context(), by, aq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(a app.AgreementSummary) agreementJSON {
		d := app.AgreementDetail{AgreementSummary: a}
		if a.Latest.ID != 0 {
			d.Versions = []catalog.Version{a.Latest}
		}
		return agreementOut(d, loc)
	}))
}

func (s *server) getAgreement(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Agreement(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, agreementOut(d, s.zone(r.Context())))
}

func (s *server) createAgreement(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in versionInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	v := catalog.Version{Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10}}
	if c, err := s.app.Centre(r.Context()); err == nil && c.Country == "DK" {
		v.Schedule.PayDay = 0
	}
	in.apply(&v)
	v, err := s.app.CreateAgreement(r.Context(), by, in.MemberID.V, v)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Agreement(r.Context(), by, v.AgreementID)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "agreements", d.ID, agreementOut(d, s.zone(r.Context())))
}

type draftInput struct {
	Changes opt[string] `json:"changes"`
}

func (s *server) draftVersion(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in draftInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	v, err := s.app.DraftAgreementVersion(r.Context(), by, id, in.Changes.V)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "agreement-versions", v.ID, versionOut(v, s.zone(r.Context())))
}

func (s *server) reviewedAgreement(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if _, err := s.app.MarkAgreementReviewed(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Agreement(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, agreementOut(d, s.zone(r.Context())))
}

func (s *server) getVersion(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	v, err := s.app.AgreementVersion(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, versionOut(v, s.zone(r.Context())))
}

func (s *server) patchVersion(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in versionInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	v, err := s.app.AgreementVersion(r.Context(), by, id)
	if err == nil {
		in.apply(&v)
		v, err = s.app.UpdateAgreementVersion(r.Context(), by, v)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, versionOut(v, s.zone(r.Context())))
}

func (s *server) approveVersion(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	v, err := s.app.ApproveAgreementVersion(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, versionOut(v, s.zone(r.Context())))
}

type differenceJSON struct {
	Section string  `json:"section"`
	Item    string  `json:"item"`
	Before  *string `json:"before"`
	After   *string `json:"after"`
}

type comparisonJSON struct {
	A           versionJSON      `json:"a"`
	B           versionJSON      `json:"b"`
	Differences []differenceJSON `json:"differences"`
}

func (s *server) compareVersions(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	q := queryOf(r)
	with := q.id("with")
	if with == 0 && q.str("with") == "" {
		q.fs.Add("with", "required", "with is the id of the version to compare with")
	}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	c, err := s.app.CompareAgreementVersions(r.Context(), by, id, with)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	out := comparisonJSON{A: versionOut(c.A, loc), B: versionOut(c.B, loc), Differences: []differenceJSON{}}
	for _, d := range c.Differences {
		out.Differences = append(out.Differences, differenceJSON{Section: d.Section, Item: d.Item,
			Before: textOrNull(d.Before), After: textOrNull(d.After)})
	}
	reply(w, http.StatusOK, out)
}
