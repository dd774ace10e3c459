package app_test

import (
	"slices"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

func casePtr[T any](v T) *T { return &v }

// TestPatchCase: several kinds of change in one step, each audited and
// on the timeline as the single use cases do; a bad part saves nothing.
func TestPatchCase(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.sys, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Email})
	audits := func() []string {
		t.Helper()
		p, err := f.app.AuditLog(f.ctx, f.admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "case", EntityID: c.ID}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range p.Items {
			out = append(out, e.Action)
		}
		slices.Reverse(out)
		return out
	}
	timeline := func() []cases.EventKind {
		t.Helper()
		d, err := f.app.Case(f.ctx, f.admin, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []cases.EventKind
		for _, e := range d.Timeline {
			out = append(out, e.Kind)
		}
		return out
	}

	got, err := f.app.PatchCase(f.ctx, f.admin, c.ID, app.CasePatch{CaseChanges: app.CaseChanges{Priority: casePtr(cases.High), Tags: casePtr([]string{"skatt"})},
		TeamID: casePtr(f.payroll.ID), AssigneeID: casePtr(f.pia.ID)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Priority != cases.High || got.TeamID != f.payroll.ID || got.AssigneeID != f.pia.ID || got.Status != cases.Open {
		t.Errorf("patched %+v", got)
	}
	if want := []string{"create", "update", "assign", "status"}; !slices.Equal(audits(), want) {
		t.Errorf("audit %v, want %v", audits(), want)
	}
	if want := []cases.EventKind{cases.MessageEvent, cases.UpdateEvent, cases.UpdateEvent, cases.AssignEvent, cases.StatusEvent}; !slices.Equal(timeline(), want) {
		t.Errorf("timeline %v, want %v", timeline(), want)
	}

	// A bad assignee spoils the whole change.
	_, err = f.app.PatchCase(f.ctx, f.admin, c.ID, app.CasePatch{CaseChanges: app.CaseChanges{Priority: casePtr(cases.Urgent)},
		Status: casePtr(cases.Resolved), AssigneeID: casePtr(f.emp1.ID)})
	if e, ok := fault.As(err); !ok || e.Kind != fault.Invalid || !fault.Fields(e.Fields).Has("assignee_id") {
		t.Fatalf("bad assignee: %v", err)
	}
	// A move the rules forbid too.
	if _, err := f.app.PatchCase(f.ctx, f.admin, c.ID, app.CasePatch{CaseChanges: app.CaseChanges{Priority: casePtr(cases.Urgent)},
		Status: casePtr(cases.New)}); !isFaultKind(err, fault.Conflict) {
		t.Fatalf("back to new: %v", err)
	}
	after, err := f.app.Case(f.ctx, f.admin, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Priority != cases.High || after.Status != cases.Open || len(audits()) != 4 {
		t.Errorf("a refused change saved something: %+v, audit %v", after.Case, audits())
	}
	// Nothing sent, nothing changes.
	if _, err := f.app.PatchCase(f.ctx, f.admin, c.ID, app.CasePatch{}); err != nil || len(audits()) != 4 {
		t.Errorf("empty patch: %v, audit %v", err, audits())
	}
}

// TestCheckCaseWork: member-side users learn nothing of cases they do not
// see; for their own it is a plain refusal.
func TestCheckCaseWork(t *testing.T) {
	f := newCaseFixture(t)
	own := f.open(t, f.emp1A, app.NewCase{})
	other := f.open(t, f.emp2A, app.NewCase{})
	for _, tc := range []struct {
		by   app.Actor
		id   int64
		want fault.Kind
	}{
		{f.emp1A, own.ID, fault.Forbidden},
		{f.emp1A, other.ID, fault.NotFound},
		{f.emp1A, 999999, fault.NotFound},
	} {
		if err := f.app.CheckCaseWork(f.ctx, tc.by, tc.id); !isFaultKind(err, tc.want) {
			t.Errorf("case %d: %v, want %v", tc.id, err, tc.want)
		}
		if _, err := f.app.PatchCase(f.ctx, tc.by, tc.id, app.CasePatch{Status: casePtr(cases.Closed)}); !isFaultKind(err, tc.want) {
			t.Errorf("patch case %d: %v, want %v", tc.id, err, tc.want)
		}
	}
	if err := f.app.CheckCaseWork(f.ctx, f.agent, other.ID); err != nil {
		t.Errorf("centre staff: %v", err)
	}
	if n, err := f.app.AttachmentLimit(f.ctx, f.emp1A); err != nil || n != app.DefaultAttachmentMax {
		t.Errorf("attachment limit %d, %v", n, err)
	}
}

func isFaultKind(err error, k fault.Kind) bool { return err != nil && fault.KindOf(err) == k }
