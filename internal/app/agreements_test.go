package app_test

import (
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

func TestAgreementLifecycle(t *testing.T) {
	f := newCatFixture(t)
	admin := f.actors["admin"]
	v1 := f.agreement(t, f.m1, 25)
	if v1.Status != catalog.Approved || v1.Number != 1 || v1.ApprovedAt.IsZero() {
		t.Fatalf("v1 %+v", v1)
	}
	d, err := f.app.Agreement(f.ctx, admin, v1.AgreementID)
	if err != nil || d.Approved == nil || d.Approved.ID != v1.ID || d.HasDraft || d.RevisionDue.Format(time.DateOnly) != "2027-11-23" {
		t.Fatalf("agreement %+v, %v", d, err)
	}

	// An approved version never changes.
	v1.NoticeMonths = 6
	_, err = f.app.UpdateAgreementVersion(f.ctx, admin, v1)
	wantKind(t, err, fault.Conflict)
	_, err = f.app.ApproveAgreementVersion(f.ctx, admin, v1.ID)
	wantKind(t, err, fault.Conflict)

	// A new version starts as a draft copied from the approved one.
	v2, err := f.app.DraftAgreementVersion(f.ctx, admin, v1.AgreementID, "Ny uppsägningstid")
	if err != nil || v2.Number != 2 || v2.Status != catalog.Draft || len(v2.Services) != 1 || len(v2.Targets) != 1 {
		t.Fatalf("draft %+v, %v", v2, err)
	}
	_, err = f.app.DraftAgreementVersion(f.ctx, admin, v1.AgreementID, "en till")
	wantKind(t, err, fault.Conflict)
	v2.NoticeMonths = 6
	v2.Deviations = []catalog.Deviation{{Description: "Manuella tidrapporter", ActionPlan: "E-tidrapport införs", EndsOn: date("2027-06-30")}}
	if v2, err = f.app.UpdateAgreementVersion(f.ctx, admin, v2); err != nil {
		t.Fatal(err)
	}
	if v2, err = f.app.ApproveAgreementVersion(f.ctx, admin, v2.ID); err != nil {
		t.Fatal(err)
	}
	old, _ := f.app.AgreementVersion(f.ctx, admin, v1.ID)
	if old.Status != catalog.Superseded || old.SupersededAt.IsZero() {
		t.Fatalf("v1 after v2 was approved: %+v", old)
	}
	cmp, err := f.app.CompareAgreementVersions(f.ctx, f.actors["contact"], v2.ID, v1.ID)
	if err != nil || cmp.A.ID != v1.ID || cmp.B.ID != v2.ID {
		t.Fatalf("compare %+v, %v", cmp, err)
	}
	sections := map[string]bool{}
	for _, d := range cmp.Differences {
		sections[d.Section+"/"+d.Item] = true
	}
	if !sections["terms/notice_months"] || !sections["deviations/Manuella tidrapporter"] || !sections["signatories/Karin Strateg"] {
		t.Errorf("differences %+v", cmp.Differences)
	}
	log, _ := f.app.AuditLog(f.ctx, admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "agreement_version", MemberID: f.m1.ID}})
	actions := []string{}
	for _, e := range log.Items {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); got != "approve supersede update create approve create" {
		t.Errorf("audit actions %q", got)
	}
}

func TestAgreementValidation(t *testing.T) {
	f := newCatFixture(t)
	admin := f.actors["admin"]
	v1 := f.agreement(t, f.m1, 25)
	// A second agreement of the same member may not overlap the first.
	second := catalog.Version{Title: "Avtal om pensionshantering", ValidFrom: date("2026-01-01"), ValidTo: date("2026-12-31"),
		Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10}}
	_, err := f.app.CreateAgreement(f.ctx, admin, f.m1.ID, second)
	wantField(t, err, "valid_from")
	if e, _ := fault.As(err); e.Fields[0].Code != "validity_overlap" {
		t.Errorf("code %q", e.Fields[0].Code)
	}
	// Ending the first agreement makes room for the second.
	v2, err := f.app.DraftAgreementVersion(f.ctx, admin, v1.AgreementID, "Avtalet upphör")
	if err != nil {
		t.Fatal(err)
	}
	v2.ValidTo = date("2025-12-31")
	if _, err := f.app.UpdateAgreementVersion(f.ctx, admin, v2); err != nil {
		t.Fatal(err)
	}
	// The draft counts only while nothing is approved; the approved
	// version (without end) still overlaps.
	_, err = f.app.CreateAgreement(f.ctx, admin, f.m1.ID, second)
	wantField(t, err, "valid_from")
	if _, err := f.app.ApproveAgreementVersion(f.ctx, admin, v2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.CreateAgreement(f.ctx, admin, f.m1.ID, second); err != nil {
		t.Fatalf("after the first agreement ends: %v", err)
	}
	_, err = f.app.CreateAgreement(f.ctx, admin, f.m2.ID, catalog.Version{Title: "X", ValidFrom: date("2026-01-01"),
		Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10}, Services: []catalog.IncludedService{{ServiceID: 999}}})
	wantField(t, err, "services")
	_, err = f.app.CreateAgreement(f.ctx, admin, 999, second)
	wantField(t, err, "member_id")
	_, err = f.app.CreateAgreement(f.ctx, f.actors["agent"], f.m2.ID, second)
	wantKind(t, err, fault.Forbidden)
	list, _ := f.app.ListAgreements(f.ctx, admin, app.AgreementQuery{MemberID: f.m2.ID})
	if len(list.Items) != 0 {
		t.Fatalf("refused agreements were saved: %+v", list.Items)
	}
}

func TestAgreementIsolation(t *testing.T) {
	f := newCatFixture(t)
	v1 := f.agreement(t, f.m1, 25)
	f.agreement(t, f.m2, 25)
	for _, who := range []string{"contact", "manager", "orderer", "strategic"} {
		list, err := f.app.ListAgreements(f.ctx, f.actors[who], app.AgreementQuery{})
		if err != nil || len(list.Items) != 1 || list.Items[0].MemberID != f.m1.ID {
			t.Fatalf("%s lists %+v, %v", who, list.Items, err)
		}
		if list, _ := f.app.ListAgreements(f.ctx, f.actors[who], app.AgreementQuery{MemberID: f.m2.ID}); len(list.Items) != 0 {
			t.Fatalf("%s lists another member's agreements", who)
		}
	}
	for _, who := range []string{"orderer2", "contact2"} {
		_, err := f.app.Agreement(f.ctx, f.actors[who], v1.AgreementID)
		wantKind(t, err, fault.NotFound)
		_, err = f.app.AgreementVersion(f.ctx, f.actors[who], v1.ID)
		wantKind(t, err, fault.NotFound)
	}
	_, err := f.app.ListAgreements(f.ctx, f.actors["employee"], app.AgreementQuery{})
	wantKind(t, err, fault.Forbidden)
	list, err := f.app.ListAgreements(f.ctx, f.actors["agent"], app.AgreementQuery{})
	if err != nil || len(list.Items) != 2 {
		t.Fatalf("agent lists %d, %v", len(list.Items), err)
	}
	_, err = f.app.UpdateAgreementVersion(f.ctx, f.actors["contact"], v1)
	wantKind(t, err, fault.Forbidden)
}

func TestRevisionReminders(t *testing.T) {
	f := newCatFixture(t)
	v1 := f.agreement(t, f.m1, 25)
	if n, err := f.app.RemindAgreementRevisions(f.ctx); err != nil || n != 0 {
		t.Fatalf("reminded of %d at once, %v", n, err)
	}
	// 23 October 2027 is 31 days before the revision: still quiet; a day
	// later the reminder goes out, once.
	f.now = time.Date(2027, 10, 23, 8, 0, 0, 0, time.UTC)
	if n, _ := f.app.RemindAgreementRevisions(f.ctx); n != 0 {
		t.Fatalf("reminded 31 days ahead: %d", n)
	}
	f.now = f.now.AddDate(0, 0, 1)
	if n, err := f.app.RemindAgreementRevisions(f.ctx); err != nil || n != 1 {
		t.Fatalf("reminded of %d, %v", n, err)
	}
	if n, _ := f.app.RemindAgreementRevisions(f.ctx); n != 0 {
		t.Fatalf("reminded twice: %d", n)
	}
	for who, want := range map[string]int{"admin": 1, "strategic": 1, "contact": 1, "orderer": 0, "contact2": 0} {
		if got := f.notifications(t, who, "agreement_revision"); got != want {
			t.Errorf("%s got %d reminders, want %d", who, got, want)
		}
	}
	// Reviewing the agreement moves the revision a year on.
	ag, err := f.app.MarkAgreementReviewed(f.ctx, f.actors["admin"], v1.AgreementID)
	if err != nil || ag.RevisionDue.Format(time.DateOnly) != "2028-10-24" || !ag.RemindedFor.IsZero() {
		t.Fatalf("reviewed %+v, %v", ag, err)
	}
	if n, _ := f.app.CountJobs(f.ctx, app.JobAgreementRevisions); n != 0 {
		t.Errorf("the reminder enqueues jobs of its own kind: %d", n)
	}
}
