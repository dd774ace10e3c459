package app_test

import (
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// TestMemberEscalatesOwnCase: a member's contact person escalates one of
// the member's cases; it lands on the next meeting of the member's forum
// on that level and is audited. Other members' contacts neither reach the
// case nor see the step, and member-side users who are no contact persons
// may not escalate.
func TestMemberEscalatesOwnCase(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	visit := g.meeting(t, g.forum(t, "Partnerbesök – Helsingborgs stad"), local(2026, 12, 3, 10))
	c, err := g.gov.OpenCase(ctx, g.agent, app.NewCase{RequesterID: g.hbgEmp.ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Retroaktiv lön saknas", Body: "Lönen för oktober är inte rättad.", TeamID: g.payroll.ID})
	if err != nil {
		t.Fatal(err)
	}
	hbgEmpA := g.actor(t, g.hbgEmp)
	for _, tc := range []struct {
		who  string
		a    app.Actor
		want bool
	}{
		{"tactical contact", g.hbgTacticalA, true}, {"strategic contact", g.hbgStratA, true}, {"other member's contact", g.contact1A, true},
		{"employee", hbgEmpA, false}, {"manager", g.mgr1A, false}, {"assistant", g.asst1A, false},
		{"agent", g.agent, true}, {"admin", g.admin, true},
	} {
		if got := tc.a.MayEscalate(); got != tc.want {
			t.Errorf("%s: MayEscalate = %v, want %v", tc.who, got, tc.want)
		}
	}

	in := app.EscalationInput{Source: governance.FromCase, SourceID: c.ID, Reason: "Tredje påminnelsen utan svar."}
	_, err = g.gov.Escalate(ctx, hbgEmpA, in)
	wantKind(t, err, fault.Forbidden)
	_, err = g.gov.Escalate(ctx, g.contact1A, in) // Höganäs: not its case
	wantKind(t, err, fault.NotFound)

	step, err := g.gov.Escalate(ctx, g.hbgTacticalA, in)
	if err != nil {
		t.Fatal(err)
	}
	if step.MemberID != g.hbg.ID || step.Level != string(org.Operational) || step.MeetingID != visit.ID || step.CreatedBy != g.hbgTactical.ID {
		t.Fatalf("step %+v: want Helsingborg's operational step on meeting %d by the contact", step, visit.ID)
	}
	log, err := g.gov.AuditLog(ctx, g.admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "escalation", EntityID: step.ID}})
	if err != nil || len(log.Items) != 1 || log.Items[0].Action != "escalate" || log.Items[0].ActorID != g.hbgTactical.ID {
		t.Fatalf("audit of the escalation: %+v, %v", log.Items, err)
	}

	mine, err := g.gov.ListEscalations(ctx, g.hbgStratA, app.EscalationQuery{})
	if err != nil || len(mine.Items) != 1 || mine.Items[0].ID != step.ID {
		t.Fatalf("Helsingborg's list: %+v, %v", mine.Items, err)
	}
	theirs, err := g.gov.ListEscalations(ctx, g.contact1A, app.EscalationQuery{MemberID: g.hbg.ID})
	if err != nil || len(theirs.Items) != 0 {
		t.Fatalf("Höganäs lists Helsingborg's escalations: %+v, %v", theirs.Items, err)
	}
	_, err = g.gov.Escalation(ctx, g.contact1A, step.ID)
	wantKind(t, err, fault.NotFound)
}

// TestEscalationLadderOfSharedItem: an item of a meeting with all members
// climbs for each member that escalates it; a member reads only its own
// steps of the ladder, the centre all of them.
func TestEscalationLadderOfSharedItem(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	m := g.meeting(t, g.forum(t, "Driftråd"), local(2026, 12, 8, 10))
	it, err := g.gov.AddAgendaItem(ctx, g.admin, governance.AgendaItem{MeetingID: m.ID, Title: "Nya rutiner för frånvaro"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.PublishAgenda(ctx, g.admin, m.ID); err != nil {
		t.Fatal(err)
	}
	hbg, err := g.gov.Escalate(ctx, g.hbgStratA, app.EscalationInput{Source: governance.FromMeetingItem, SourceID: it.ID,
		MemberID: g.hbg.ID, Reason: "Helsingborgs förvaltningar hinner inte."})
	if err != nil {
		t.Fatal(err)
	}
	hog, err := g.gov.Escalate(ctx, g.contact1A, app.EscalationInput{Source: governance.FromMeetingItem, SourceID: it.ID,
		MemberID: g.m1.ID, Level: org.Tactical, Reason: "Höganäs egna skäl."})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who    string
		a      app.Actor
		id     int64
		member int64
		steps  int
	}{
		{"Helsingborg", g.hbgStratA, hbg.ID, g.hbg.ID, 1},
		{"Höganäs", g.contact1A, hog.ID, g.m1.ID, 1},
		{"the centre", g.admin, hbg.ID, 0, 2},
	} {
		l, err := g.gov.Escalation(ctx, tc.a, tc.id)
		if err != nil || len(l.Steps) != tc.steps {
			t.Fatalf("%s reads %d steps, want %d: %+v, %v", tc.who, len(l.Steps), tc.steps, l.Steps, err)
		}
		for _, st := range l.Steps {
			if tc.member != 0 && st.MemberID != tc.member {
				t.Errorf("%s reads member %d's step %q", tc.who, st.MemberID, st.Reason)
			}
		}
	}
}
