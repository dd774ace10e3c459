package app_test

import (
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

func TestCatalogueVersionsAndAudit(t *testing.T) {
	f := newCatFixture(t)
	admin := f.actors["admin"]
	s := f.corrections
	// Created at version 1 by the migration; three activities added: 4.
	if s.Version != 4 || len(s.Activities) != 3 {
		t.Fatalf("version %d with %d activities", s.Version, len(s.Activities))
	}
	s.Description = catalog.Text{SV: "Rättelser av lön", DA: "Rettelser af løn", EN: "Corrections of pay"}
	s, err := f.app.UpdateCatalogueService(f.ctx, admin, s)
	if err != nil || s.Version != 5 {
		t.Fatalf("update: version %d, %v", s.Version, err)
	}
	act := s.Activities[0]
	act.Deadline = catalog.Deadline{Anchor: catalog.Cutoff, Days: -1}
	if _, err := f.app.UpdateActivity(f.ctx, admin, act); err != nil {
		t.Fatal(err)
	}
	if err := f.app.RemoveActivity(f.ctx, admin, s.Activities[2].ID); err != nil {
		t.Fatal(err)
	}
	hist, err := f.app.ServiceHistory(f.ctx, admin, s.ID)
	if err != nil || len(hist) != 6 || hist[0].Version != 7 || hist[len(hist)-1].Version != 2 {
		t.Fatalf("history %d versions, %v", len(hist), err)
	}
	if hist[0].ActorName != "Person admin" || hist[0].Snapshot == "" {
		t.Errorf("newest version %+v", hist[0])
	}
	got, _ := f.app.CatalogueService(f.ctx, admin, s.ID)
	if got.Version != 7 || len(got.Activities) != 2 || got.Activities[0].Deadline.Days != -1 {
		t.Fatalf("service after changes %+v", got)
	}
	log, err := f.app.AuditLog(f.ctx, admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "service", EntityID: s.ID}})
	if err != nil || len(log.Items) != 6 {
		t.Fatalf("audit entries %d, %v", len(log.Items), err)
	}
	if e := log.Items[0]; e.Action != "activity_remove" || e.Before == "" || e.After == "" {
		t.Errorf("newest audit entry %+v", e)
	}
}

func TestCatalogueRights(t *testing.T) {
	f := newCatFixture(t)
	s := f.corrections
	for _, who := range []string{"agent", "orderer", "manager"} {
		_, err := f.app.UpdateCatalogueService(f.ctx, f.actors[who], s)
		wantKind(t, err, fault.Forbidden)
		_, err = f.app.AddActivity(f.ctx, f.actors[who], catalog.Activity{ServiceID: s.ID, Name: tx("x"), Responsible: catalog.Centre})
		wantKind(t, err, fault.Forbidden)
	}
	_, err := f.app.Catalogue(f.ctx, app.Actor{}, app.CatalogueQuery{})
	wantKind(t, err, fault.Unauthenticated)
	for _, who := range []string{"employee", "manager", "agent"} {
		areas, err := f.app.Catalogue(f.ctx, f.actors[who], app.CatalogueQuery{})
		if err != nil || len(areas) != 4 {
			t.Fatalf("%s reads %d areas, %v", who, len(areas), err)
		}
	}
	// An inactive service is hidden from everyone but catalogue managers.
	s.Active = false
	if _, err := f.app.UpdateCatalogueService(f.ctx, f.actors["admin"], s); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.CatalogueService(f.ctx, f.actors["manager"], s.ID)
	wantKind(t, err, fault.NotFound)
	if _, err := f.app.CatalogueService(f.ctx, f.actors["admin"], s.ID); err != nil {
		t.Fatal(err)
	}
}

func TestCatalogueValidation(t *testing.T) {
	f := newCatFixture(t)
	admin := f.actors["admin"]
	_, err := f.app.CreateCatalogueService(f.ctx, admin, catalog.Service{AreaID: f.corrections.AreaID, Code: "corrections", Name: tx("Dubblett")})
	wantField(t, err, "code")
	_, err = f.app.CreateCatalogueService(f.ctx, admin, catalog.Service{AreaID: 999, Code: "new_one", Name: tx("Ny")})
	wantField(t, err, "area_id")
	_, err = f.app.AddActivity(f.ctx, admin, catalog.Activity{ServiceID: f.corrections.ID, Name: tx("x"), Responsible: "employee"})
	wantField(t, err, "responsible")
	_, err = f.app.AddActivity(f.ctx, admin, catalog.Activity{ServiceID: 999, Name: tx("x"), Responsible: catalog.Centre})
	wantKind(t, err, fault.NotFound)
	_, err = f.app.CreateServiceArea(f.ctx, admin, catalog.Area{Code: "payroll", Name: tx("Lön igen")})
	wantField(t, err, "code")
	got, _ := f.app.CatalogueService(f.ctx, admin, f.corrections.ID)
	if got.Version != f.corrections.Version || len(got.Activities) != 3 {
		t.Fatalf("a refused change changed the service: %+v", got)
	}
}

func TestCatalogueSearchAndParty(t *testing.T) {
	f := newCatFixture(t)
	areas, err := f.app.Catalogue(f.ctx, f.actors["manager"], app.CatalogueQuery{Search: "rättelse", Party: catalog.Manager})
	if err != nil || len(areas) != 1 || len(areas[0].Services) != 1 {
		t.Fatalf("search: %+v, %v", areas, err)
	}
	if acts := areas[0].Services[0].Activities; len(acts) != 1 || acts[0].Responsible != catalog.Manager {
		t.Fatalf("manager's activities %+v", acts)
	}
	areas, _ = f.app.Catalogue(f.ctx, f.actors["manager"], app.CatalogueQuery{Kind: catalog.Additional})
	if len(areas) != 1 || len(areas[0].Services) != 1 || areas[0].Services[0].Code != "extra_pay_run" {
		t.Fatalf("additional services %+v", areas)
	}
	areas, _ = f.app.Catalogue(f.ctx, f.actors["manager"], app.CatalogueQuery{Search: "ingenting sådant"})
	if len(areas) != 0 {
		t.Fatalf("nothing matches, yet %+v", areas)
	}
}

// TestManagerLooksUpCorrections: a manager finds what they must do for a
// correction ("rättelse") and by when, on their member's pay calendar.
func TestManagerLooksUpCorrections(t *testing.T) {
	f := newCatFixture(t)
	f.agreement(t, f.m1, 27)
	w, err := f.app.WhoDoesWhat(f.ctx, f.actors["manager"], app.WhoQuery{Search: "rättelse", Party: catalog.Manager, MemberID: f.m2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if w.MemberID != f.m1.ID || !w.FromAgreement || w.Schedule.PayDay != 27 {
		t.Fatalf("member %d, schedule %+v from agreement %v", w.MemberID, w.Schedule, w.FromAgreement)
	}
	// Today is Monday 23 November 2026: payday the 27th (a Friday); the
	// next cut-off, of December's pay run, is Thursday 10 December.
	if w.Today.String() != "2026-11-23" || w.NextPayday.String() != "2026-11-27" || w.NextCutoff.String() != "2026-12-10" {
		t.Errorf("today %s, next payday %s, its cut-off %s", w.Today, w.NextPayday, w.NextCutoff)
	}
	if len(w.Areas) != 1 || len(w.Areas[0].Services) != 1 {
		t.Fatalf("areas %+v", w.Areas)
	}
	s := w.Areas[0].Services[0]
	if !s.Included || len(s.Steps) != 1 {
		t.Fatalf("service %+v", s)
	}
	step := s.Steps[0]
	if step.Name.SV != "Anmäla rättelse i självservice" || !step.HasDue() || step.NextDue.String() != "2026-12-10" {
		t.Fatalf("the manager's step %+v due %s", step.Activity, step.NextDue)
	}
	// Centre staff choose the member; without an agreement the country's
	// default schedule applies.
	w2, err := f.app.WhoDoesWhat(f.ctx, f.actors["agent"], app.WhoQuery{MemberID: f.m2.ID, Search: "rättelse"})
	if err != nil || w2.FromAgreement || w2.Schedule.PayDay != 25 || len(w2.Areas[0].Services[0].Steps) != 3 {
		t.Fatalf("agent for m2: %+v, %v", w2, err)
	}
	for _, st := range w2.Areas[0].Services[0].Steps {
		if st.Responsible == catalog.Member && st.NextDue.String() != "2026-12-16" {
			t.Errorf("attestation five banking days before the payday of 23 December: %s", st.NextDue)
		}
		if st.Responsible == catalog.Centre && st.HasDue() {
			t.Errorf("a deadline from receipt has a date: %s", st.NextDue)
		}
	}
}
