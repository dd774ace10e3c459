package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/org"
	"samverkan/internal/web"
)

// TestInvalidMemberShowsErrorAtField: a wrong organisation number gives
// 422, the message next to the field, and nothing saved.
func TestInvalidMemberShowsErrorAtField(t *testing.T) {
	f := newFixture(t, web.Options{})
	admin := f.as(t, "admin")
	form := url.Values{"name": {"Svalövs kommun"}, "country": {"SE"}, "org_number": {"212000-1083"}, "kind": {"municipality"}, "status": {"active"}}
	res := f.do(t, "POST", "/members", form, admin, "Accept-Language", "en")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res,
		`<p class="error" id="f-org-number-error">Not a valid Swedish organisation number`,
		`id="f-org-number" name="org_number" value="212000-1083" aria-describedby="f-org-number-hint f-org-number-error" aria-invalid="true"`,
		`<a href="#f-org-number">`, `value="Svalövs kommun"`)
	page, err := f.app.ListMembers(f.ctx, app.SystemActor("test"), app.MemberQuery{})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("%d members after rejected input (%v), want 2", len(page.Items), err)
	}
	// Swedish messages for a Swedish page, and a taken number.
	form.Set("org_number", f.m1.OrgNumber)
	res = f.do(t, "POST", "/members", form, admin, "Accept-Language", "sv")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, "En annan kund har redan det här organisationsnumret.")

	form.Set("org_number", "212000-1090")
	res = f.do(t, "POST", "/members", form, admin)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/members/") {
		t.Fatalf("created member redirects to %q", loc)
	}
}

// TestPersonRolesEditor creates a person with roles through the form and
// rejects a contact without a level.
func TestPersonRolesEditor(t *testing.T) {
	f := newFixture(t, web.Options{})
	admin := f.as(t, "admin")
	form := url.Values{"name": {"Lena Lön"}, "email": {"lena@hoganas.example"}, "member_id": {fmt.Sprint(f.m1.ID)},
		"unit_id": {fmt.Sprint(f.u1.ID)}, "role": {"contact", "", ""}, "level": {"", "", ""}, "grant_unit": {"", "", ""}}
	res := f.do(t, "POST", "/people", form, admin, "Accept-Language", "en")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-roles-error"`, `aria-describedby="f-roles-error"`)

	form["level"] = []string{"operational", "", ""}
	form["role"] = []string{"contact", "manager", ""}
	form["grant_unit"] = []string{"", fmt.Sprint(f.u1b.ID), ""}
	res = f.do(t, "POST", "/people", form, admin)
	wantStatus(t, res, http.StatusSeeOther)
	res = f.do(t, "GET", res.Header.Get("Location"), nil, admin, "Accept-Language", "en")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Lena Lön", "Contact person (Operational)", "Manager – Förskolorna", "Created.")
}

// TestTeamStaffAndUnits adds a person to a team and sets the units it serves.
func TestTeamStaffAndUnits(t *testing.T) {
	f := newFixture(t, web.Options{})
	admin := f.as(t, "admin")
	path := fmt.Sprintf("/teams/%d", f.team.ID)
	res := f.do(t, "POST", path+"/staff", url.Values{"person_id": {fmt.Sprint(f.people["admin"].ID)}, "action": {"add"}}, admin)
	wantStatus(t, res, http.StatusSeeOther)
	res = f.do(t, "POST", path+"/units", url.Values{"unit_ids": {fmt.Sprint(f.u1b.ID), fmt.Sprint(f.u2.ID)}}, admin)
	wantStatus(t, res, http.StatusSeeOther)
	d, err := f.app.Team(f.ctx, app.SystemActor("test"), f.team.ID)
	if err != nil || len(d.Staff) != 3 || len(d.UnitIDs) != 2 {
		t.Fatalf("team now %+v, %v", d, err)
	}
	res = f.do(t, "GET", path, nil, admin)
	wantContains(t, res, fmt.Sprintf(`name="unit_ids" value="%d" checked`, f.u2.ID), "<legend>Båstads kommun</legend>")
}

// TestSubstituteSelfService: a member-side user appoints their own substitute.
func TestSubstituteSelfService(t *testing.T) {
	f := newFixture(t, web.Options{})
	ck := f.as(t, "orderer")
	form := url.Values{"person_id": {fmt.Sprint(f.people["employee"].ID)}, "for_person_id": {fmt.Sprint(f.people["admin"].ID)},
		"starts_on": {"2026-12-01"}, "ends_on": {"2026-11-30"}}
	res := f.do(t, "POST", "/substitutes", form, ck, "Accept-Language", "en")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-ends-on-error">The period ends before it starts.`)
	form.Set("ends_on", "2026-12-24")
	res = f.do(t, "POST", "/substitutes", form, ck)
	wantStatus(t, res, http.StatusSeeOther)
	page, err := f.app.ListSubstitutes(f.ctx, app.SystemActor("test"), f.people["orderer"].ID, app.PageRequest{})
	if err != nil || len(page.Items) != 1 || page.Items[0].ForPersonID != f.people["orderer"].ID {
		t.Fatalf("substitutes %+v, %v; want one for the orderer (not the admin named in the form)", page.Items, err)
	}
}

// TestMembersLiveSearch: htmx gets the results alone; browsers the page.
func TestMembersLiveSearch(t *testing.T) {
	f := newFixture(t, web.Options{})
	ck := f.as(t, "agent")
	res := f.do(t, "GET", "/members?q=b%C3%A5st", nil, ck, "HX-Request", "true", "HX-Target", "results")
	wantStatus(t, res, http.StatusOK)
	if strings.Contains(res.Body, "<html") || !strings.Contains(res.Body, f.m2.Name) || strings.Contains(res.Body, f.m1.Name) {
		t.Fatalf("partial result:\n%s", res.Body)
	}
	res = f.do(t, "GET", "/members?status=leaving", nil, ck)
	wantContains(t, res, "<html", `<option value="leaving" selected>`)
	if strings.Contains(res.Body, f.m1.Name+"</a>") {
		t.Errorf("status filter ignored")
	}
}

// TestPagination follows the next-page links of the people list.
func TestPagination(t *testing.T) {
	f := newFixture(t, web.Options{})
	sys := app.SystemActor("test")
	for i := range 60 {
		if _, err := f.app.CreatePerson(f.ctx, sys, org.Person{Name: fmt.Sprintf("Person %02d", i), Email: fmt.Sprintf("p%d@hoganas.example", i), MemberID: f.m1.ID}); err != nil {
			t.Fatal(err)
		}
	}
	ck := f.as(t, "admin")
	res := f.do(t, "GET", "/people?member="+fmt.Sprint(f.m1.ID), nil, ck)
	wantContains(t, res, `rel="next"`, "Person 00")
	i := strings.Index(res.Body, `rel="next"`)
	start := strings.LastIndex(res.Body[:i], `href="`) + len(`href="`)
	next := strings.ReplaceAll(res.Body[start:strings.Index(res.Body[start:], `"`)+start], "&amp;", "&")
	res = f.do(t, "GET", next, nil, ck)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Person 59")
	if strings.Contains(res.Body, "Person 00") || strings.Contains(res.Body, `rel="next"`) {
		t.Errorf("second page repeats the first or has a third")
	}
	res = f.do(t, "GET", "/people?cursor=!!", nil, ck)
	wantStatus(t, res, http.StatusUnprocessableEntity)
}
