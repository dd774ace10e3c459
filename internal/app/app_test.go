package app_test

import (
	"context"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

// fixture is a small organisation: two members with a unit each, a centre
// admin and agent, and a contact person at each member.
type fixture struct {
	app            *app.App
	db             *store.DB
	ctx            context.Context
	sys            app.Actor
	m1, m2         org.Member
	u1, u2         org.Unit
	admin, agent   org.Person
	contact1, emp2 org.Person
}

var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), sys: app.SystemActor("test")}
	f.db = dbtest.Open(t)
	f.app = app.New(f.db, app.WithClock(func() time.Time { return testNow }))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.m1, err = f.app.CreateMember(f.ctx, f.sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.m2, err = f.app.CreateMember(f.ctx, f.sys, org.Member{Name: "Båstads kommun", Country: "SE", OrgNumber: "212000-0969", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.u1, err = f.app.CreateUnit(f.ctx, f.sys, org.Unit{MemberID: f.m1.ID, Name: "Skolförvaltningen", CostCentre: "4100"})
	must(err)
	f.u2, err = f.app.CreateUnit(f.ctx, f.sys, org.Unit{MemberID: f.m2.ID, Name: "Socialförvaltningen", CostCentre: "5100"})
	must(err)
	f.admin, err = f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Anna Admin", Email: "admin@test.example", Grants: []org.Grant{{Role: org.Admin}}})
	must(err)
	f.agent, err = f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Alf Agent", Email: "agent@test.example", Grants: []org.Grant{{Role: org.Agent}}})
	must(err)
	f.contact1, err = f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Kim Kontakt", Email: "kim@hoganas.example", MemberID: f.m1.ID, UnitID: f.u1.ID,
		Grants: []org.Grant{{Role: org.Contact, Level: org.Tactical}}})
	must(err)
	f.emp2, err = f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Eva Anställd", Email: "eva@bastad.example", MemberID: f.m2.ID, UnitID: f.u2.ID,
		Grants: []org.Grant{{Role: org.Employee}}})
	must(err)
	return f
}

// actor signs p in with a fresh API token and returns the actor it yields.
func (f *fixture) actor(t *testing.T, p org.Person) app.Actor {
	t.Helper()
	_, secret, err := f.app.CreateAPIToken(f.ctx, f.sys, p.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.app.TokenActor(f.ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func wantKind(t *testing.T, err error, k fault.Kind) {
	t.Helper()
	if got := fault.KindOf(err); err == nil || got != k {
		t.Fatalf("err = %v (%v), want kind %v", err, got, k)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("err = %v, want field %s", err, field)
}
