package app_test

import (
	"sync"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/sla"
)

// govFixture extends caseFixture with Helsingborg (hbg) and its contact
// persons, the default forums, and an app whose clock a test can move.
// Helsingborg's tactical forum is "Kvartalsmöte – Helsingborgs stad".
type govFixture struct {
	*caseFixture
	gov                     *app.App
	mu                      sync.Mutex
	now                     time.Time
	hbg                     org.Member
	hbgUnit                 org.Unit
	hbgTactical, hbgStrat   org.Person
	hbgEmp                  org.Person
	hbgTacticalA, hbgStratA app.Actor
	forums                  map[string]governance.Forum // by name
}

func (g *govFixture) clock() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.now
}

func (g *govFixture) setNow(t time.Time) {
	g.mu.Lock()
	g.now = t
	g.mu.Unlock()
}

var sthlm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

func local(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, sthlm) }

func newGovFixture(t *testing.T) *govFixture {
	t.Helper()
	g := &govFixture{caseFixture: newCaseFixture(t), now: testNow, forums: map[string]governance.Forum{}}
	g.gov = app.New(g.db, app.WithClock(g.clock))
	ctx, sys := g.ctx, g.caseFixture.sys
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	g.hbg, err = g.gov.CreateMember(ctx, sys, org.Member{Name: "Helsingborgs stad", Country: "SE", OrgNumber: "212000-110" + string(org.LuhnCheckDigit("212000110")), Kind: org.Municipality, Status: org.Active})
	must(err)
	g.hbgUnit, err = g.gov.CreateUnit(ctx, sys, org.Unit{MemberID: g.hbg.ID, Name: "Vård- och omsorgsförvaltningen"})
	must(err)
	person := func(p org.Person) org.Person {
		t.Helper()
		p, err := g.gov.CreatePerson(ctx, sys, p)
		must(err)
		return p
	}
	g.hbgTactical = person(org.Person{Name: "Tilda Taktisk", Email: "tilda@helsingborg.example", MemberID: g.hbg.ID, UnitID: g.hbgUnit.ID,
		Grants: []org.Grant{{Role: org.Contact, Level: org.Tactical}}})
	g.hbgStrat = person(org.Person{Name: "Sten Strategisk", Email: "sten@helsingborg.example", MemberID: g.hbg.ID,
		Grants: []org.Grant{{Role: org.Contact, Level: org.Strategic}}})
	g.hbgEmp = person(org.Person{Name: "Hugo Anställd", Email: "hugo@helsingborg.example", MemberID: g.hbg.ID, UnitID: g.hbgUnit.ID,
		Grants: []org.Grant{{Role: org.Employee}}})
	g.hbgTacticalA = g.actor(t, g.hbgTactical)
	g.hbgStratA = g.actor(t, g.hbgStrat)
	fs, err := g.gov.CreateDefaultForums(ctx, g.admin, g.fixture.admin.ID, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	must(err)
	for _, f := range fs {
		g.forums[f.Name] = f
	}
	return g
}

// forum returns a default forum by name.
func (g *govFixture) forum(t *testing.T, name string) governance.Forum {
	t.Helper()
	f, ok := g.forums[name]
	if !ok {
		t.Fatalf("no forum %q", name)
	}
	return f
}

// meeting schedules a two-hour meeting of forum at a local hour.
func (g *govFixture) meeting(t *testing.T, f governance.Forum, start time.Time) governance.Meeting {
	t.Helper()
	m, err := g.gov.ScheduleMeeting(g.ctx, g.admin, governance.Meeting{ForumID: f.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Location: "Stadshuset"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// breach opens a Helsingborg case received a week ago under a policy of
// one business day to resolve, and lets the SLA job find the miss: that
// records an operational escalation.
func (g *govFixture) breach(t *testing.T) cases.Case {
	t.Helper()
	if _, err := g.gov.SaveSLAPolicy(g.ctx, g.admin, sla.Policy{Name: "Lön", Position: 1,
		Resolution: sla.Target{Amount: 1, Unit: sla.BusinessDays}, WarnPercent: 80}); err != nil {
		t.Fatal(err)
	}
	c, err := g.gov.OpenCase(g.ctx, g.agent, app.NewCase{RequesterID: g.hbgEmp.ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Fel OB-tillägg i november", Body: "OB-tillägget saknas.", TeamID: g.payroll.ID, ReceivedAt: g.clock().AddDate(0, 0, -7)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.RecomputeAllSLA(g.ctx, nil); err != nil {
		t.Fatal(err)
	}
	return c
}
