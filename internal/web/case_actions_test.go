package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/org"
	"samverkan/internal/sla"
	"samverkan/internal/web"
)

// openCase files a case as the system for a person of the fixture.
func openCase(t testing.TB, f *fixture, requester string, nc app.NewCase) cases.Case {
	t.Helper()
	nc.RequesterID = f.people[requester].ID
	if nc.Channel == "" {
		nc.Channel, nc.Type, nc.Body = cases.Phone, cases.Question, "Övertiden för oktober saknas."
	}
	c, err := f.app.OpenCase(f.ctx, app.SystemActor("test"), nc)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCaseConsole works a case through the console's actions, with its
// service-level clock, and checks what refused input leaves unchanged.
func TestCaseConsole(t *testing.T) {
	f := newFixture(t, web.Options{})
	sys := app.SystemActor("test")
	if _, err := f.app.SaveSLAPolicy(f.ctx, sys, sla.Policy{Name: "Alla ärenden", WarnPercent: 75, PauseOn: []string{"waiting_member"},
		FirstResponse: sla.Target{Amount: 8, Unit: sla.BusinessHours}, Resolution: sla.Target{Amount: 5, Unit: sla.BusinessDays}}); err != nil {
		t.Fatal(err)
	}
	svcs, err := f.app.Services(f.ctx, sys)
	if err != nil || len(svcs) == 0 {
		t.Fatalf("services: %v %v", svcs, err)
	}
	agent, lead := f.as(t, "agent"), f.as(t, "team_lead")
	en := []string{"Accept-Language", "en"}
	one := openCase(t, f, "employee", app.NewCase{TeamID: f.team.ID, ServiceID: svcs[0].ID, Subject: "Övertid saknas"})
	two := openCase(t, f, "employee", app.NewCase{TeamID: f.team.ID, ServiceID: svcs[0].ID, Subject: "Fråga om OB-tillägg"})
	dup := openCase(t, f, "employee", app.NewCase{TeamID: f.team.ID, ServiceID: svcs[0].ID, Subject: "Övertid saknas igen"})
	page := func(id int64) string { return fmt.Sprintf("/cases/%d", id) }

	// The queue shows the clock in words: 8 business hours from 10:00 on a Monday.
	res := f.do(t, "GET", "/cases?queue=all_open&sort=priority", nil, agent, en...)
	wantContains(t, res, one.Reference, "On time", "First response", "8 h 0 min left", "Due 2026-11-24 09:30")

	// Take it; it opens.
	wantStatus(t, f.do(t, "POST", page(one.ID)+"/assign", url.Values{"team_id": {fmt.Sprint(f.team.ID)},
		"assignee_id": {fmt.Sprint(f.people["agent"].ID)}}, agent), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", "/cases?queue=mine", nil, agent), one.Reference)
	// Wait for the member: the clocks pause, the case is in the waiting queue.
	wantStatus(t, f.do(t, "POST", page(one.ID)+"/status", url.Values{"status": {"waiting_member"}}, agent), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", page(one.ID), nil, agent, en...), "Waiting on member", "Paused", "Alf Agent")
	wantContains(t, f.do(t, "GET", "/cases?queue=waiting", nil, agent), one.Reference)

	// Reclassify; a refused change changes nothing.
	res = f.do(t, "POST", page(one.ID)+"/update", url.Values{"form": {"update"}, "subject": {"Övertid saknas"}, "type": {"question"},
		"priority": {"urgent"}, "service_id": {fmt.Sprint(svcs[0].ID)}, "tags": {"ok bad!tag"}}, agent, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-tags-error"`, `value="ok bad!tag"`)
	if d, _ := f.app.Case(f.ctx, sys, one.ID); d.Priority != cases.Normal {
		t.Fatalf("a refused update changed the priority to %s", d.Priority)
	}
	wantStatus(t, f.do(t, "POST", page(one.ID)+"/update", url.Values{"form": {"update"}, "subject": {"Övertid saknas"},
		"type": {"question"}, "priority": {"urgent"}, "service_id": {fmt.Sprint(svcs[0].ID)}, "tags": {"övertid, pension"},
		"unit_id": {fmt.Sprint(f.u1b.ID)}}, agent), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", page(one.ID), nil, agent, en...), "Priority: Normal → Urgent", "övertid")

	// Hand over needs a reason; the reason stays the centre's.
	res = f.do(t, "POST", page(one.ID)+"/handover", url.Values{"line": {"second"}}, agent, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-reason-error"`, `href="#f-reason"`)
	wantStatus(t, f.do(t, "POST", page(one.ID)+"/handover", url.Values{"line": {"second"},
		"reason": {"Behöver en lönekonsult"}}, agent), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", page(one.ID), nil, agent, en...), "Handed over", "Behöver en lönekonsult", "Second line")
	if strings.Contains(f.do(t, "GET", "/portal/cases/"+fmt.Sprint(one.ID), nil, f.as(t, "employee")).Body, "lönekonsult") {
		t.Error("the member sees the hand-over reason")
	}

	// Link, with a wrong number first; merge a duplicate.
	res = f.do(t, "POST", page(one.ID)+"/link", url.Values{"link_ref": {"2026-999999"}}, agent, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-link-ref-error"`, "There is no such case.")
	wantStatus(t, f.do(t, "POST", page(one.ID)+"/link", url.Values{"link_ref": {two.Reference}}, agent), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", page(two.ID), nil, agent, en...), "Related", one.Reference)
	res = f.do(t, "POST", page(dup.ID)+"/merge", url.Values{"merge_ref": {one.Reference}}, agent)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != page(one.ID)+"?done=case_merged" {
		t.Errorf("merge went to %s", loc)
	}
	res = f.do(t, "GET", page(one.ID), nil, agent, en...)
	wantContains(t, res, "Merged duplicate", dup.Reference, "Cases the requester opened in the last 90 days: 2.", svcs[0].Name.EN)

	// Search by a word of a message and by registration number.
	wantContains(t, f.do(t, "GET", "/cases/search?q=oktober", nil, agent), one.Reference, two.Reference)
	res = f.do(t, "GET", "/cases/search?q="+two.Reference, nil, agent)
	wantContains(t, res, two.Reference)
	// Repeat contacts: two cases on the same service (a merged duplicate does not count).
	wantContains(t, f.do(t, "GET", "/cases/repeats", nil, lead, en...), f.people["employee"].Name, svcs[0].Name.EN)

	// A confidential case of another team: hidden from the agent, not from
	// team leads; on the member side only the requester sees it.
	pension, err := f.app.CreateTeam(f.ctx, sys, org.Team{Name: "Pension"})
	if err != nil {
		t.Fatal(err)
	}
	secret := openCase(t, f, "contact", app.NewCase{TeamID: pension.ID, Confidential: true, Subject: "Sjukfrånvaro chef"})
	wantStatus(t, f.do(t, "GET", page(secret.ID), nil, agent), http.StatusNotFound)
	if strings.Contains(f.do(t, "GET", "/cases?queue=all_open", nil, agent).Body, "Sjukfrånvaro chef") {
		t.Error("the agent's queue lists another team's confidential case")
	}
	wantStatus(t, f.do(t, "GET", page(secret.ID), nil, lead), http.StatusOK)
	wantStatus(t, f.do(t, "GET", "/portal/cases/"+fmt.Sprint(secret.ID), nil, f.as(t, "contact")), http.StatusOK)
	for _, who := range []string{"manager", "employee", "other"} {
		wantStatus(t, f.do(t, "GET", "/portal/cases/"+fmt.Sprint(secret.ID), nil, f.as(t, who)), http.StatusNotFound)
	}
}
