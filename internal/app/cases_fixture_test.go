package app_test

import (
	"context"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

// caseFixture extends fixture for cases. Höganäs (m1) has units
// Skolförvaltningen (u1) with the subunit Grundskolor söder (u1a) and
// Socialförvaltningen (u1b). Teams: Första linjen (the agent), Löneteam 2
// (payroll agent Pia; serves u1 and u1a), Pension och system.
type caseFixture struct {
	*fixture
	db                            *store.DB
	u1a, u1b                      org.Unit
	firstLine, payroll, pension   org.Team
	pia, lead                     org.Person
	emp1, emp1b, mgr1, asst1, sub org.Person
	services                      map[string]cases.Service
	// Actors.
	sys, admin, agent, piaA, leadA          app.Actor
	emp1A, emp1bA, mgr1A, asst1A, contact1A app.Actor
	emp2A                                   app.Actor
}

func newCaseFixture(t *testing.T) *caseFixture {
	t.Helper()
	db := dbtest.Open(t)
	f := &caseFixture{fixture: &fixture{ctx: context.Background(), sys: app.SystemActor("test")}, db: db}
	f.app = app.New(db, app.WithClock(func() time.Time { return testNow }))
	ctx, sys := f.ctx, f.fixture.sys
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	// The organisation of fixture (app_test.go).
	f.m1, err = f.app.CreateMember(ctx, sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.m2, err = f.app.CreateMember(ctx, sys, org.Member{Name: "Båstads kommun", Country: "SE", OrgNumber: "212000-0969", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.u1, err = f.app.CreateUnit(ctx, sys, org.Unit{MemberID: f.m1.ID, Name: "Skolförvaltningen", CostCentre: "4100"})
	must(err)
	f.u2, err = f.app.CreateUnit(ctx, sys, org.Unit{MemberID: f.m2.ID, Name: "Socialförvaltningen", CostCentre: "5100"})
	must(err)
	f.fixture.admin, err = f.app.CreatePerson(ctx, sys, org.Person{Name: "Anna Admin", Email: "admin@test.example", Grants: []org.Grant{{Role: org.Admin}}})
	must(err)
	f.fixture.agent, err = f.app.CreatePerson(ctx, sys, org.Person{Name: "Alf Agent", Email: "agent@test.example", Grants: []org.Grant{{Role: org.Agent}}})
	must(err)
	f.contact1, err = f.app.CreatePerson(ctx, sys, org.Person{Name: "Kim Kontakt", Email: "kim@hoganas.example", MemberID: f.m1.ID, UnitID: f.u1.ID,
		Grants: []org.Grant{{Role: org.Contact, Level: org.Tactical}}})
	must(err)
	f.emp2, err = f.app.CreatePerson(ctx, sys, org.Person{Name: "Eva Anställd", Email: "eva@bastad.example", MemberID: f.m2.ID, UnitID: f.u2.ID,
		Grants: []org.Grant{{Role: org.Employee}}})
	must(err)
	f.u1a, err = f.app.CreateUnit(ctx, sys, org.Unit{MemberID: f.m1.ID, ParentID: f.u1.ID, Name: "Grundskolor söder"})
	must(err)
	f.u1b, err = f.app.CreateUnit(ctx, sys, org.Unit{MemberID: f.m1.ID, Name: "Socialförvaltningen"})
	must(err)
	f.firstLine, err = f.app.CreateTeam(ctx, sys, org.Team{Name: "Första linjen"})
	must(err)
	f.payroll, err = f.app.CreateTeam(ctx, sys, org.Team{Name: "Löneteam 2"})
	must(err)
	f.pension, err = f.app.CreateTeam(ctx, sys, org.Team{Name: "Pension och system"})
	must(err)
	must(f.app.SetTeamUnits(ctx, sys, f.payroll.ID, []int64{f.u1.ID, f.u1a.ID}))
	must(f.app.SetTeamMember(ctx, sys, f.firstLine.ID, f.fixture.agent.ID, true))
	person := func(p org.Person) org.Person {
		t.Helper()
		p, err := f.app.CreatePerson(ctx, sys, p)
		must(err)
		return p
	}
	f.pia = person(org.Person{Name: "Pia Lönekonsult", Email: "pia@hrsc.example", Grants: []org.Grant{{Role: org.Agent}}})
	must(f.app.SetTeamMember(ctx, sys, f.payroll.ID, f.pia.ID, true))
	f.lead = person(org.Person{Name: "Lars Teamledare", Email: "lars@hrsc.example", Grants: []org.Grant{{Role: org.TeamLead}}})
	f.emp1 = person(org.Person{Name: "Åsa Öberg", Email: "asa.oberg@hoganas.example", Phone: "042-33 71 00", MemberID: f.m1.ID,
		UnitID: f.u1a.ID, Grants: []org.Grant{{Role: org.Employee}}})
	f.emp1b = person(org.Person{Name: "Erik Sörensen", Email: "erik@hoganas.example", MemberID: f.m1.ID, UnitID: f.u1b.ID,
		Grants: []org.Grant{{Role: org.Employee}}})
	f.mgr1 = person(org.Person{Name: "Maja Chef", Email: "maja@hoganas.example", MemberID: f.m1.ID, UnitID: f.u1.ID,
		Grants: []org.Grant{{Role: org.Manager, UnitID: f.u1.ID}}})
	f.asst1 = person(org.Person{Name: "Stina Chefsstöd", Email: "stina@hoganas.example", MemberID: f.m1.ID, UnitID: f.u1b.ID,
		Grants: []org.Grant{{Role: org.Assistant}}})
	f.sub = person(org.Person{Name: "Sven Ersättare", Email: "sven@hoganas.example", MemberID: f.m1.ID, UnitID: f.u1a.ID,
		Grants: []org.Grant{{Role: org.Employee}}})
	_, err = f.app.AppointSubstitute(ctx, sys, org.Substitute{PersonID: f.sub.ID, ForPersonID: f.emp1.ID,
		StartsOn: testNow.AddDate(0, 0, -1), EndsOn: testNow.AddDate(0, 1, 0)})
	must(err)

	f.sys = sys
	f.admin = f.actor(t, f.fixture.admin)
	f.agent = f.actor(t, f.fixture.agent)
	f.piaA = f.actor(t, f.pia)
	f.leadA = f.actor(t, f.lead)
	f.emp1A = f.actor(t, f.emp1)
	f.emp1bA = f.actor(t, f.emp1b)
	f.mgr1A = f.actor(t, f.mgr1)
	f.asst1A = f.actor(t, f.asst1)
	f.contact1A = f.actor(t, f.contact1)
	f.emp2A = f.actor(t, f.emp2)

	ss, err := f.app.Services(ctx, sys)
	must(err)
	f.services = map[string]cases.Service{}
	for _, s := range ss {
		f.services[s.Code] = s
	}
	return f
}

// open files a case as by and fails the test on error.
func (f *caseFixture) open(t *testing.T, by app.Actor, in app.NewCase) cases.Case {
	t.Helper()
	if in.Subject == "" {
		in.Subject = "Fråga om lön"
	}
	if in.Body == "" {
		in.Body = "Hej! Jag undrar över min lön."
	}
	if in.Type == "" {
		in.Type = cases.Question
	}
	if in.Channel == "" && by.IsCentre() {
		in.Channel = cases.Phone
	}
	c, err := f.app.OpenCase(f.ctx, by, in)
	if err != nil {
		t.Fatalf("open case: %v", err)
	}
	return c
}

// sub acts for emp1 through a signed-in session.
func (f *caseFixture) subActing(t *testing.T) app.Actor {
	t.Helper()
	token, err := f.app.SignInVerified(f.ctx, f.sub.Email)
	if err != nil {
		t.Fatal(err)
	}
	act, err := f.app.SessionActor(f.ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	act, err = f.app.ActFor(f.ctx, act, token, f.emp1.ID)
	if err != nil {
		t.Fatal(err)
	}
	return act
}

func (f *caseFixture) jobs(t *testing.T, kind string) int {
	t.Helper()
	n, err := f.app.CountJobs(f.ctx, kind)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func ago(d time.Duration) time.Time { return testNow.Add(-d) }
