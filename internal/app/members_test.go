package app_test

import (
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

func TestMemberIsolation(t *testing.T) {
	f := newFixture(t)
	kim := f.actor(t, f.contact1)
	page, err := f.app.ListMembers(f.ctx, kim, app.MemberQuery{})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != f.m1.ID {
		t.Fatalf("member user lists %+v, %v; want only own member", page.Items, err)
	}
	_, err = f.app.Member(f.ctx, kim, f.m2.ID)
	wantKind(t, err, fault.NotFound)
	_, err = f.app.Unit(f.ctx, kim, f.u2.ID)
	wantKind(t, err, fault.NotFound)
	_, err = f.app.Person(f.ctx, kim, f.emp2.ID)
	wantKind(t, err, fault.NotFound)
	units, _ := f.app.ListUnits(f.ctx, kim, app.UnitQuery{MemberID: f.m2.ID})
	if len(units.Items) != 0 {
		t.Fatalf("member user sees another member's units: %+v", units.Items)
	}
	people, _ := f.app.ListPeople(f.ctx, kim, app.PersonQuery{})
	for _, p := range people.Items {
		if p.MemberID != f.m1.ID {
			t.Fatalf("member user sees %s of member %d", p.Name, p.MemberID)
		}
	}
	_, err = f.app.UpdateMember(f.ctx, kim, f.m2)
	wantKind(t, err, fault.Forbidden)
	_, err = f.app.ListTeams(f.ctx, kim, app.PageRequest{})
	wantKind(t, err, fault.Forbidden)

	agent := f.actor(t, f.agent)
	all, err := f.app.ListMembers(f.ctx, agent, app.MemberQuery{})
	if err != nil || len(all.Items) != 2 {
		t.Fatalf("agent lists %d members, %v", len(all.Items), err)
	}
	_, err = f.app.CreateMember(f.ctx, agent, org.Member{Name: "X", Country: "SE", OrgNumber: "212000-1090", Kind: org.Municipality})
	wantKind(t, err, fault.Forbidden)
}

func TestMemberValidationChangesNothing(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	bad := []struct {
		m     org.Member
		field string
	}{
		{org.Member{Name: "X", Country: "SE", OrgNumber: "212000-1083", Kind: org.Municipality}, "org_number"},
		{org.Member{Name: "X", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality}, "org_number"}, // taken
		{org.Member{Name: "X", Country: "SE", OrgNumber: "212000-1090", Kind: org.Municipality, ParentID: 999}, "parent_id"},
		{org.Member{Name: "X", Country: "DK", OrgNumber: "29189847", Kind: org.Municipality}, "org_number"},
	}
	for _, b := range bad {
		_, err := f.app.CreateMember(f.ctx, admin, b.m)
		wantField(t, err, b.field)
	}
	page, _ := f.app.ListMembers(f.ctx, admin, app.MemberQuery{})
	if len(page.Items) != 2 {
		t.Fatalf("%d members after rejected input, want 2", len(page.Items))
	}
	// A parent loop is refused.
	child, err := f.app.CreateMember(f.ctx, admin, org.Member{Name: "Höganäs Energi AB", Country: "SE",
		OrgNumber: "556000-000" + string(org.LuhnCheckDigit("556000000")), Kind: org.MunicipalCompany, ParentID: f.m1.ID})
	if err != nil {
		t.Fatal(err)
	}
	m1 := f.m1
	m1.ParentID = child.ID
	_, err = f.app.UpdateMember(f.ctx, admin, m1)
	wantField(t, err, "parent_id")
}

func TestPaginationAndAudit(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	var seen []int64
	pr := app.PageRequest{Limit: 1}
	for {
		page, err := f.app.ListMembers(f.ctx, admin, app.MemberQuery{PageRequest: pr})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.Items {
			seen = append(seen, m.ID)
		}
		if page.NextCursor == "" {
			break
		}
		pr.Cursor = page.NextCursor
	}
	if len(seen) != 2 || seen[0] != f.m1.ID || seen[1] != f.m2.ID {
		t.Fatalf("paged ids %v", seen)
	}
	_, err := f.app.ListMembers(f.ctx, admin, app.MemberQuery{PageRequest: app.PageRequest{Cursor: "!!"}})
	wantField(t, err, "cursor")

	m := f.m1
	m.Status = org.Leaving
	if _, err := f.app.UpdateMember(f.ctx, admin, m); err != nil {
		t.Fatal(err)
	}
	log, err := f.app.AuditLog(f.ctx, admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "member", EntityID: f.m1.ID}})
	if err != nil || len(log.Items) != 2 {
		t.Fatalf("audit entries %d, %v; want create and update", len(log.Items), err)
	}
	if e := log.Items[0]; e.Action != "update" || e.ActorID != f.admin.ID || e.Before == "" || e.After == "" {
		t.Fatalf("newest audit entry %+v", e)
	}
	_, err = f.app.AuditLog(f.ctx, f.actor(t, f.agent), app.AuditQuery{})
	wantKind(t, err, fault.Forbidden)
}

func TestSetTeamUnitsIgnoresDuplicates(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	team, err := f.app.CreateTeam(f.ctx, admin, org.Team{Name: "Löneteam 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.SetTeamUnits(f.ctx, admin, team.ID, []int64{f.u1.ID, f.u1.ID, f.u2.ID}); err != nil {
		t.Fatal(err)
	}
	d, _ := f.app.Team(f.ctx, admin, team.ID)
	if len(d.UnitIDs) != 2 {
		t.Fatalf("units %v", d.UnitIDs)
	}
}
