package app_test

import (
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

func TestRoutingRules(t *testing.T) {
	f := newCaseFixture(t)
	pension := f.services["pension_calculation"].ID
	// No rules: the team named Första linjen.
	if c := f.open(t, f.emp1A, app.NewCase{}); c.TeamID != f.firstLine.ID {
		t.Fatalf("default team %d", c.TeamID)
	}
	byService, err := f.app.CreateRoutingRule(f.ctx, f.admin, cases.Rule{Name: "Pension", ServiceID: pension, TeamID: f.pension.ID})
	if err != nil {
		t.Fatal(err)
	}
	byUnit, err := f.app.CreateRoutingRule(f.ctx, f.admin, cases.Rule{Name: "Skolan", MemberID: f.m1.ID, UnitID: f.u1.ID, TeamID: f.payroll.ID})
	if err != nil {
		t.Fatal(err)
	}
	complaints, err := f.app.CreateRoutingRule(f.ctx, f.admin, cases.Rule{Name: "Klagomål Båstad", MemberID: f.m2.ID,
		Type: cases.Complaint, TeamID: f.pension.ID})
	if err != nil || byUnit.Position != 2 || complaints.Position != 3 {
		t.Fatalf("positions %d %d, %v", byUnit.Position, complaints.Position, err)
	}
	tests := []struct {
		name string
		by   app.Actor
		in   app.NewCase
		team int64
	}{
		{"service", f.emp1A, app.NewCase{ServiceID: pension}, f.pension.ID},
		{"subunit of a unit rule", f.emp1A, app.NewCase{}, f.payroll.ID},
		{"unit outside the rule", f.emp1bA, app.NewCase{}, f.firstLine.ID},
		{"member and type", f.emp2A, app.NewCase{Type: cases.Complaint}, f.pension.ID},
		{"member, other type", f.emp2A, app.NewCase{}, f.firstLine.ID},
		{"chosen by staff", f.agent, app.NewCase{RequesterID: f.emp1.ID, TeamID: f.firstLine.ID}, f.firstLine.ID},
	}
	for _, tt := range tests {
		if c := f.open(t, tt.by, tt.in); c.TeamID != tt.team {
			t.Errorf("%s: team %d, want %d", tt.name, c.TeamID, tt.team)
		}
	}
	// Order matters: the unit rule first now wins over the service rule.
	if err := f.app.ReorderRoutingRules(f.ctx, f.admin, []int64{byUnit.ID, byService.ID, complaints.ID}); err != nil {
		t.Fatal(err)
	}
	if c := f.open(t, f.emp1A, app.NewCase{ServiceID: pension}); c.TeamID != f.payroll.ID {
		t.Fatalf("after reordering: team %d", c.TeamID)
	}
	r, err := f.app.RouteCase(f.ctx, f.agent, app.RouteTarget{MemberID: f.m1.ID, UnitID: f.u1a.ID})
	if err != nil || r.TeamID != f.payroll.ID || r.RuleID != byUnit.ID {
		t.Fatalf("route preview %+v, %v", r, err)
	}
	byUnit.TeamID = f.pension.ID
	if _, err := f.app.UpdateRoutingRule(f.ctx, f.admin, byUnit); err != nil {
		t.Fatal(err)
	}
	if err := f.app.DeleteRoutingRule(f.ctx, f.admin, byService.ID); err != nil {
		t.Fatal(err)
	}
	rules, err := f.app.RoutingRules(f.ctx, f.agent)
	if err != nil || len(rules) != 2 || rules[0].ID != byUnit.ID || rules[0].TeamID != f.pension.ID {
		t.Fatalf("rules %+v, %v", rules, err)
	}
	// A first-line team set in the settings is the default.
	if _, err := f.app.UpdateCaseSettings(f.ctx, f.admin, app.CaseSettings{FirstLineTeamID: f.payroll.ID, ReopenDays: 14, AttachmentMaxBytes: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	if c := f.open(t, f.emp1bA, app.NewCase{}); c.TeamID != f.payroll.ID {
		t.Fatalf("first-line setting ignored: team %d", c.TeamID)
	}

	bad := []struct {
		r     cases.Rule
		field string
	}{
		{cases.Rule{}, "team_id"},
		{cases.Rule{TeamID: 9999}, "team_id"},
		{cases.Rule{TeamID: f.payroll.ID, MemberID: 9999}, "member_id"},
		{cases.Rule{TeamID: f.payroll.ID, MemberID: f.m2.ID, UnitID: f.u1.ID}, "unit_id"},
		{cases.Rule{TeamID: f.payroll.ID, ServiceID: 9999}, "service_id"},
		{cases.Rule{TeamID: f.payroll.ID, Type: "praise"}, "type"},
	}
	for _, b := range bad {
		_, err := f.app.CreateRoutingRule(f.ctx, f.admin, b.r)
		wantField(t, err, b.field)
	}
	err = f.app.ReorderRoutingRules(f.ctx, f.admin, []int64{byUnit.ID})
	wantField(t, err, "rule_ids")
	_, err = f.app.CreateRoutingRule(f.ctx, f.agent, cases.Rule{TeamID: f.payroll.ID})
	wantKind(t, err, fault.Forbidden)
	err = f.app.DeleteRoutingRule(f.ctx, f.admin, 9999)
	wantKind(t, err, fault.NotFound)
	audit, _ := f.app.AuditLog(f.ctx, f.sys, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "routing_rule"}})
	if len(audit.Items) != 6 {
		t.Fatalf("%d routing audit entries, want 6", len(audit.Items))
	}
}

func TestCaseSettingsAndAutoClose(t *testing.T) {
	f := newCaseFixture(t)
	s, err := f.app.CaseSettings(f.ctx, f.agent)
	if err != nil || s.ReopenDays != 14 || s.AttachmentMaxBytes != app.DefaultAttachmentMax || s.FirstLineTeamID != f.firstLine.ID || s.Prefix != "" {
		t.Fatalf("defaults %+v, %v", s, err)
	}
	bad := []struct {
		s     app.CaseSettings
		field string
	}{
		{app.CaseSettings{Prefix: "hr", ReopenDays: 14, AttachmentMaxBytes: 1 << 20}, "prefix"},
		{app.CaseSettings{ReopenDays: -1, AttachmentMaxBytes: 1 << 20}, "reopen_days"},
		{app.CaseSettings{ReopenDays: 14, AttachmentMaxBytes: 10}, "attachment_max_bytes"},
		{app.CaseSettings{ReopenDays: 14, AttachmentMaxBytes: 1 << 20, FirstLineTeamID: 9999}, "first_line_team_id"},
	}
	for _, b := range bad {
		_, err := f.app.UpdateCaseSettings(f.ctx, f.admin, b.s)
		wantField(t, err, b.field)
	}
	_, err = f.app.UpdateCaseSettings(f.ctx, f.agent, app.CaseSettings{ReopenDays: 3, AttachmentMaxBytes: 1 << 20})
	wantKind(t, err, fault.Forbidden)
	if _, err := f.app.UpdateCaseSettings(f.ctx, f.admin, app.CaseSettings{ReopenDays: 3, AttachmentMaxBytes: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	old := f.open(t, f.emp1A, app.NewCase{})
	recent := f.open(t, f.emp1A, app.NewCase{})
	if _, err := f.app.ChangeCaseStatus(app.Backfill(f.ctx, testNow.AddDate(0, 0, -4)), f.agent, old.ID, cases.Resolved); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ChangeCaseStatus(app.Backfill(f.ctx, testNow.AddDate(0, 0, -2)), f.agent, recent.ID, cases.Resolved); err != nil {
		t.Fatal(err)
	}
	n, err := f.app.AutoCloseResolved(f.ctx, f.sys, 100)
	if err != nil || n != 1 {
		t.Fatalf("closed %d, %v", n, err)
	}
	for id, want := range map[int64]cases.Status{old.ID: cases.Closed, recent.ID: cases.Resolved} {
		if d, _ := f.app.Case(f.ctx, f.agent, id); d.Status != want {
			t.Errorf("case %d is %s, want %s", id, d.Status, want)
		}
	}
	// The reopen period follows the setting.
	res, err := f.app.AddMemberMessage(app.Backfill(f.ctx, testNow.Add(time.Hour)), f.emp1A, recent.ID, app.MemberMessage{Body: "Hej igen"})
	if err != nil || res.Outcome != "reopen" {
		t.Fatalf("within three days: %+v, %v", res.Outcome, err)
	}
}
