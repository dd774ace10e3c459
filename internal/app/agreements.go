package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// AgreementSummary is an agreement with its member's name, the version in
// force (nil when none is approved) and the newest version.
type AgreementSummary struct {
	catalog.Agreement
	MemberName string
	Approved   *catalog.Version
	Latest     catalog.Version
	HasDraft   bool
}

// AgreementDetail is an agreement with every version, newest first.
type AgreementDetail struct {
	AgreementSummary
	Versions []catalog.Version
}

// AgreementQuery filters the agreement list.
type AgreementQuery struct {
	MemberID int64
	PageRequest
}

// agreementScope returns the member whose agreements the actor may read
// (0: every member's). Centre staff need ViewAgreements; on the member
// side contacts, managers, assistants and orderers read their own.
func agreementScope(by Actor) (int64, error) {
	switch {
	case by.System:
		return 0, nil
	case by.PersonID == 0:
		return 0, fault.New(fault.Unauthenticated, "sign in first")
	case by.IsCentre():
		return 0, by.require(ViewAgreements)
	}
	for _, r := range []org.Role{org.Contact, org.Manager, org.Assistant, org.Orderer} {
		if by.Has(r) {
			return by.MemberID, nil
		}
	}
	return 0, fault.Forbiddenf("the agreement is read by the member's contact persons, managers and orderers; your role is none of them")
}

// ReadsAgreements reports whether the actor may read agreements at all.
func ReadsAgreements(by Actor) bool {
	_, err := agreementScope(by)
	return err == nil
}

// ListAgreements lists the agreements the actor may read.
func (a *App) ListAgreements(ctx context.Context, by Actor, aq AgreementQuery) (Page[AgreementSummary], error) {
	scope, err := agreementScope(by)
	if err != nil {
		return Page[AgreementSummary]{}, err
	}
	p, err := aq.storePage()
	if err != nil {
		return Page[AgreementSummary]{}, err
	}
	f := store.AgreementFilter{MemberID: aq.MemberID, Page: p}
	if scope != 0 {
		if aq.MemberID != 0 && aq.MemberID != scope {
			return Page[AgreementSummary]{}, nil
		}
		f.MemberID = scope
	}
	q := a.db.Read()
	ags, err := q.ListAgreements(ctx, f)
	if err != nil {
		return Page[AgreementSummary]{}, err
	}
	out := make([]AgreementSummary, 0, len(ags))
	for _, ag := range ags {
		d, err := a.agreementDetail(ctx, q, ag)
		if err != nil {
			return Page[AgreementSummary]{}, err
		}
		out = append(out, d.AgreementSummary)
	}
	return pageOf(out, p, func(s AgreementSummary) int64 { return s.ID }), nil
}

// Agreement reads an agreement with its versions; another member's is
// "not found".
func (a *App) Agreement(ctx context.Context, by Actor, id int64) (AgreementDetail, error) {
	scope, err := agreementScope(by)
	if err != nil {
		return AgreementDetail{}, err
	}
	q := a.db.Read()
	ag, err := q.GetAgreement(ctx, id)
	if err != nil || (scope != 0 && ag.MemberID != scope) {
		return AgreementDetail{}, fault.NotFoundf("agreement not found")
	}
	return a.agreementDetail(ctx, q, ag)
}

func (a *App) agreementDetail(ctx context.Context, q *store.Queries, ag catalog.Agreement) (AgreementDetail, error) {
	d := AgreementDetail{AgreementSummary: AgreementSummary{Agreement: ag}}
	m, err := q.GetMember(ctx, ag.MemberID)
	if err != nil {
		return d, err
	}
	d.MemberName = m.Name
	if d.Versions, err = q.AgreementVersions(ctx, ag.ID); err != nil {
		return d, err
	}
	if len(d.Versions) > 0 {
		d.Latest = d.Versions[0]
	}
	for i, v := range d.Versions {
		switch v.Status {
		case catalog.Approved:
			d.Approved = &d.Versions[i]
		case catalog.Draft:
			d.HasDraft = true
		}
	}
	return d, nil
}

// AgreementVersion reads one version; another member's is "not found".
func (a *App) AgreementVersion(ctx context.Context, by Actor, id int64) (catalog.Version, error) {
	scope, err := agreementScope(by)
	if err != nil {
		return catalog.Version{}, err
	}
	v, err := a.db.Read().GetVersion(ctx, id)
	if err != nil || (scope != 0 && v.MemberID != scope) {
		return catalog.Version{}, fault.NotFoundf("agreement version not found")
	}
	return v, nil
}

// CreateAgreement starts an agreement for a member with its first
// version as a draft.
func (a *App) CreateAgreement(ctx context.Context, by Actor, memberID int64, v catalog.Version) (catalog.Version, error) {
	if err := by.require(ManageAgreements); err != nil {
		return v, err
	}
	v, err := v.Normalise()
	if err != nil {
		return v, err
	}
	now := a.now()
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.GetMember(ctx, memberID); err != nil {
			return fieldIfMissing(err, "member_id", "member_unknown", "there is no member with this id")
		}
		v.MemberID = memberID
		if err := a.checkVersion(ctx, q, v); err != nil {
			return err
		}
		ag, err := q.CreateAgreement(ctx, catalog.Agreement{MemberID: memberID, Title: v.Title, CreatedAt: now})
		if err != nil {
			return err
		}
		v.AgreementID, v.Number, v.Status, v.CreatedBy, v.CreatedAt = ag.ID, 1, catalog.Draft, by.PersonID, now
		v.ApprovedBy, v.ApprovedAt, v.SupersededAt, v.OrderID = 0, time.Time{}, time.Time{}, 0
		if v, err = q.CreateVersion(ctx, v); err != nil {
			return err
		}
		if err := a.audit(ctx, q, by, memberID, "agreement", ag.ID, "create", nil, ag); err != nil {
			return err
		}
		return a.audit(ctx, q, by, memberID, "agreement_version", v.ID, "create", nil, v)
	})
	return v, err
}

// DraftAgreementVersion starts the next version of an agreement as a
// draft copied from the approved one (or the newest). There is at most
// one draft at a time.
func (a *App) DraftAgreementVersion(ctx context.Context, by Actor, agreementID int64, changes string) (catalog.Version, error) {
	if err := by.require(ManageAgreements); err != nil {
		return catalog.Version{}, err
	}
	var v catalog.Version
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		ag, err := q.GetAgreement(ctx, agreementID)
		if err != nil {
			return notFound(err, "agreement")
		}
		d, err := a.agreementDetail(ctx, q, ag)
		if err != nil {
			return err
		}
		if d.HasDraft {
			return fault.Conflictf("agreement %q already has a draft version: change that one", d.Title)
		}
		base := d.Latest
		if d.Approved != nil {
			base = *d.Approved
		}
		v = base.Next(changes)
		v.Number, v.CreatedBy, v.CreatedAt = d.Latest.Number+1, by.PersonID, a.now()
		if v, err = q.CreateVersion(ctx, v); err != nil {
			return err
		}
		return a.audit(ctx, q, by, v.MemberID, "agreement_version", v.ID, "create", nil, v)
	})
	return v, err
}

// UpdateAgreementVersion changes a draft. An approved or superseded
// version never changes: make a new version instead.
func (a *App) UpdateAgreementVersion(ctx context.Context, by Actor, v catalog.Version) (catalog.Version, error) {
	if err := by.require(ManageAgreements); err != nil {
		return v, err
	}
	v, err := v.Normalise()
	if err != nil {
		return v, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetVersion(ctx, v.ID)
		if err != nil {
			return notFound(err, "agreement version")
		}
		if before.Status != catalog.Draft {
			return versionLocked(before)
		}
		v.AgreementID, v.MemberID, v.Number, v.Status = before.AgreementID, before.MemberID, before.Number, before.Status
		v.OrderID, v.CreatedBy, v.CreatedAt, v.UpdatedAt = before.OrderID, before.CreatedBy, before.CreatedAt, a.now()
		if err := a.checkVersion(ctx, q, v); err != nil {
			return err
		}
		if err := q.UpdateVersion(ctx, v); err != nil {
			return err
		}
		return a.audit(ctx, q, by, v.MemberID, "agreement_version", v.ID, "update", before, v)
	})
	return v, err
}

func versionLocked(v catalog.Version) error {
	return &fault.Error{Kind: fault.Conflict,
		Message: fmt.Sprintf("version %d is %s and can no longer change: create a new version", v.Number, v.Status),
		Fields: []fault.FieldError{{Field: "status", Code: "version_locked",
			Detail: "an approved or superseded version never changes; create a new version"}}}
}

// ApproveAgreementVersion puts a draft in force: the version approved
// before it is superseded, and the yearly revision is due a year on.
func (a *App) ApproveAgreementVersion(ctx context.Context, by Actor, id int64) (catalog.Version, error) {
	if err := by.require(ManageAgreements); err != nil {
		return catalog.Version{}, err
	}
	var v catalog.Version
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		var err error
		if v, err = q.GetVersion(ctx, id); err != nil {
			return notFound(err, "agreement version")
		}
		if v.Status != catalog.Draft {
			return versionLocked(v)
		}
		if err := a.checkVersion(ctx, q, v); err != nil {
			return err
		}
		now := a.now()
		if err := a.supersede(ctx, q, by, v.AgreementID, now); err != nil {
			return err
		}
		before := v
		v.Status, v.ApprovedBy, v.ApprovedAt, v.UpdatedAt = catalog.Approved, by.PersonID, now, now
		if err := q.UpdateVersion(ctx, v); err != nil {
			return err
		}
		ag, err := q.GetAgreement(ctx, v.AgreementID)
		if err != nil {
			return err
		}
		agBefore := ag
		ag.Title, ag.RevisionDue, ag.RemindedFor = v.Title, catalog.RevisionAfter(a.today(ctx)), time.Time{}
		if err := q.UpdateAgreement(ctx, ag); err != nil {
			return err
		}
		if err := a.audit(ctx, q, by, v.MemberID, "agreement", ag.ID, "update", agBefore, ag); err != nil {
			return err
		}
		return a.audit(ctx, q, by, v.MemberID, "agreement_version", v.ID, "approve", before, v)
	})
	return v, err
}

// supersede marks the approved version of an agreement superseded.
func (a *App) supersede(ctx context.Context, q *store.Queries, by Actor, agreementID int64, now time.Time) error {
	vs, err := q.AgreementVersions(ctx, agreementID)
	if err != nil {
		return err
	}
	for _, old := range vs {
		if old.Status != catalog.Approved {
			continue
		}
		before := old
		old.Status, old.SupersededAt, old.UpdatedAt = catalog.Superseded, now, now
		if err := q.UpdateVersion(ctx, old); err != nil {
			return err
		}
		if err := a.audit(ctx, q, by, old.MemberID, "agreement_version", old.ID, "supersede", before, old); err != nil {
			return err
		}
	}
	return nil
}

// checkVersion checks what needs the database: the services exist, and
// the validity does not overlap the member's other agreements.
func (a *App) checkVersion(ctx context.Context, q *store.Queries, v catalog.Version) error {
	var fs fault.Fields
	services, err := q.ListCatalogue(ctx, true)
	if err != nil {
		return err
	}
	known := func(id int64) bool {
		return slices.ContainsFunc(services, func(s catalog.Service) bool { return s.ID == id })
	}
	for _, s := range v.Services {
		if !known(s.ServiceID) {
			fs.Add("services", "catalogue_service_unknown", fmt.Sprintf("there is no service with id %d", s.ServiceID))
		}
	}
	for i, e := range v.ExtraServices {
		if e.ServiceID != 0 && !known(e.ServiceID) {
			fs.Add(fmt.Sprintf("extra_services.%d.service_id", i), "catalogue_service_unknown", fmt.Sprintf("there is no service with id %d", e.ServiceID))
		}
	}
	others, err := q.MemberVersions(ctx, v.MemberID, "")
	if err != nil {
		return err
	}
	// The current version of every other agreement: approved, else its draft.
	current := map[int64]catalog.Version{}
	for _, o := range others {
		if o.AgreementID == v.AgreementID || o.Status == catalog.Superseded {
			continue
		}
		if c, ok := current[o.AgreementID]; !ok || c.Status == catalog.Draft {
			current[o.AgreementID] = o
		}
	}
	for _, o := range current {
		if v.Overlaps(o) {
			end := "without end"
			if !o.ValidTo.IsZero() {
				end = "to " + o.ValidTo.Format(time.DateOnly)
			}
			fs.Add("valid_from", "validity_overlap", fmt.Sprintf("the validity overlaps the member's agreement %q (from %s %s)",
				o.Title, o.ValidFrom.Format(time.DateOnly), end))
			break
		}
	}
	return fs.Err()
}

// VersionComparison is two versions side by side with what changed.
type VersionComparison struct {
	A, B        catalog.Version
	Differences []catalog.Difference
}

// CompareAgreementVersions compares two versions of the same member's
// agreements, older first.
func (a *App) CompareAgreementVersions(ctx context.Context, by Actor, aID, bID int64) (VersionComparison, error) {
	va, err := a.AgreementVersion(ctx, by, aID)
	if err != nil {
		return VersionComparison{}, err
	}
	vb, err := a.AgreementVersion(ctx, by, bID)
	if err != nil {
		return VersionComparison{}, err
	}
	if va.MemberID != vb.MemberID {
		return VersionComparison{}, fault.Field("with", "versions_other_member", "the versions belong to different members")
	}
	if va.AgreementID == vb.AgreementID && va.Number > vb.Number {
		va, vb = vb, va
	}
	names, err := a.serviceNames(ctx)
	if err != nil {
		return VersionComparison{}, err
	}
	return VersionComparison{A: va, B: vb, Differences: catalog.Compare(va, vb, names)}, nil
}

// serviceNames names catalogue services by id (in Swedish, the
// language agreements are written in).
func (a *App) serviceNames(ctx context.Context) (func(int64) string, error) {
	ss, err := a.db.Read().ListCatalogue(ctx, true)
	if err != nil {
		return nil, err
	}
	m := map[int64]string{}
	for _, s := range ss {
		m[s.ID] = s.Name.SV
	}
	return func(id int64) string {
		if n, ok := m[id]; ok {
			return n
		}
		return fmt.Sprintf("#%d", id)
	}, nil
}

// MarkAgreementReviewed records this year's revision without changes:
// the next one is due a year from today.
func (a *App) MarkAgreementReviewed(ctx context.Context, by Actor, id int64) (catalog.Agreement, error) {
	if err := by.require(ManageAgreements); err != nil {
		return catalog.Agreement{}, err
	}
	var ag catalog.Agreement
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		var err error
		if ag, err = q.GetAgreement(ctx, id); err != nil {
			return notFound(err, "agreement")
		}
		before := ag
		ag.RevisionDue, ag.RemindedFor = catalog.RevisionAfter(a.today(ctx)), time.Time{}
		if err := q.UpdateAgreement(ctx, ag); err != nil {
			return err
		}
		return a.audit(ctx, q, by, ag.MemberID, "agreement", ag.ID, "reviewed", before, ag)
	})
	return ag, err
}

// agreementInForce is the member's approved version in force today, or nil.
func (a *App) agreementInForce(ctx context.Context, memberID int64) (*catalog.Version, error) {
	vs, err := a.db.Read().MemberVersions(ctx, memberID, catalog.Approved)
	if err != nil {
		return nil, err
	}
	today := a.today(ctx)
	for i := range vs {
		if vs[i].InForce(today) {
			return &vs[i], nil
		}
	}
	return nil, nil
}

// today is the centre's current date as UTC midnight, the form dates of
// agreements and orders take.
func (a *App) today(ctx context.Context) time.Time {
	y, m, d := a.localNow(ctx).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
