package app_test

import (
	"context"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/org"
	"samverkan/internal/store/dbtest"
)

// catFixture is two members, each with an orderer, a manager, a tactical
// contact and an employee; centre admin and agent; a clock the test moves;
// and a small catalogue: the payroll area's "corrections" service with
// activities for every party, and an additional service to order.
type catFixture struct {
	app    *app.App
	ctx    context.Context
	now    time.Time
	sys    app.Actor
	m1, m2 org.Member
	people map[string]org.Person // admin, agent, orderer, manager, contact, employee; orderer2, contact2 at m2
	actors map[string]app.Actor
	// corrections is the service "Hantera rättelser"; extraRun an
	// additional service ("Extra lönekörning").
	corrections, extraRun catalog.Service
}

func newCatFixture(t *testing.T) *catFixture {
	t.Helper()
	f := &catFixture{ctx: context.Background(), now: testNow, sys: app.SystemActor("test"),
		people: map[string]org.Person{}, actors: map[string]app.Actor{}}
	f.app = app.New(dbtest.Open(t), app.WithClock(func() time.Time { return f.now }))
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
	add := func(key string, member int64, g org.Grant) {
		p, err := f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Person " + key, Email: key + "@test.example", MemberID: member, Grants: []org.Grant{g}})
		must(err)
		f.people[key] = p
	}
	add("admin", 0, org.Grant{Role: org.Admin})
	add("agent", 0, org.Grant{Role: org.Agent})
	add("orderer", f.m1.ID, org.Grant{Role: org.Orderer})
	add("manager", f.m1.ID, org.Grant{Role: org.Manager})
	add("contact", f.m1.ID, org.Grant{Role: org.Contact, Level: org.Tactical})
	add("strategic", f.m1.ID, org.Grant{Role: org.Contact, Level: org.Strategic})
	add("employee", f.m1.ID, org.Grant{Role: org.Employee})
	add("orderer2", f.m2.ID, org.Grant{Role: org.Orderer})
	add("contact2", f.m2.ID, org.Grant{Role: org.Contact, Level: org.Tactical})
	for key, p := range f.people {
		_, secret, err := f.app.CreateAPIToken(f.ctx, f.sys, p.ID, "test")
		must(err)
		f.actors[key], err = f.app.TokenActor(f.ctx, secret)
		must(err)
	}

	areas, err := f.app.ServiceAreas(f.ctx, f.sys)
	must(err)
	payroll := areas[0]
	all, err := f.app.Catalogue(f.ctx, f.sys, app.CatalogueQuery{})
	must(err)
	for _, s := range all[0].Services {
		if s.Code == "corrections" {
			f.corrections = s
		}
	}
	for _, act := range []catalog.Activity{
		{Name: tx("Anmäla rättelse i självservice"), Responsible: catalog.Manager, Deadline: catalog.Deadline{Anchor: catalog.Cutoff},
			Forms: tx("Självservice: Rättelse"), Contact: tx("Kundtjänst")},
		{Name: tx("Attestera rättelsen"), Responsible: catalog.Member, Deadline: catalog.Deadline{Anchor: catalog.Payday, Days: -5}},
		{Name: tx("Korrigera i lönesystemet"), Responsible: catalog.Centre, Deadline: catalog.Deadline{Anchor: catalog.Receipt, Days: 2},
			ServiceLevel: "correction_time"},
	} {
		act.ServiceID = f.corrections.ID
		_, err := f.app.AddActivity(f.ctx, f.sys, act)
		must(err)
	}
	f.corrections, err = f.app.CatalogueService(f.ctx, f.sys, f.corrections.ID)
	must(err)
	f.extraRun, err = f.app.CreateCatalogueService(f.ctx, f.sys, catalog.Service{AreaID: payroll.ID, Code: "extra_pay_run",
		Name: catalog.Text{SV: "Extra lönekörning", DA: "Ekstra lønkørsel", EN: "Extra pay run"}, Kind: catalog.Additional, Active: true})
	must(err)
	return f
}

func tx(s string) catalog.Text { return catalog.Text{SV: s, DA: s + " (da)", EN: s + " (en)"} }

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// agreement gives member m an approved agreement including the
// corrections service, from 2025-01-01 without end.
func (f *catFixture) agreement(t *testing.T, m org.Member, payDay int) catalog.Version {
	t.Helper()
	v, err := f.app.CreateAgreement(f.ctx, f.sys, m.ID, catalog.Version{Title: "Samverkansavtal " + m.Name, ValidFrom: date("2025-01-01"),
		BindingMonths: 60, NoticeMonths: 12, Schedule: catalog.PaySchedule{PayDay: payDay, CutoffDay: 10},
		Services: []catalog.IncludedService{{ServiceID: f.corrections.ID}},
		Targets: []catalog.Target{{Code: "correction_time", Name: "Rättelser i tid", Counted: "rättelser gjorda inom två dagar",
			Period: catalog.Monthly, Comparator: catalog.AtLeast, Value: 9500, Unit: catalog.Percent, CentreErrorsOnly: true}},
		Signatories: []catalog.Signatory{{Side: catalog.MemberSide, Name: "Karin Strateg", Title: "HR-direktör"}}})
	if err != nil {
		t.Fatal(err)
	}
	if v, err = f.app.ApproveAgreementVersion(f.ctx, f.sys, v.ID); err != nil {
		t.Fatal(err)
	}
	return v
}

// notifications counts a person's notifications of a kind ("" any).
func (f *catFixture) notifications(t *testing.T, key, kind string) int {
	t.Helper()
	ns, err := f.app.OrderNotices(f.ctx, f.actors[key])
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range ns {
		if kind == "" || x.Kind == kind {
			n++
		}
	}
	return n
}
