package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/web"
)

// TestPortalCases: a form per type that names what is missing and saves
// nothing, a substitute filing for the manager, managers following their
// units' cases, and an attachment over the limit refused as too large.
func TestPortalCases(t *testing.T) {
	f := newFixture(t, web.Options{})
	erik, maja, sara := f.as(t, "employee"), f.as(t, "manager"), f.as(t, "assistant")
	en := []string{"Accept-Language", "en"}

	res := f.do(t, "GET", "/portal/cases/new?type=correction", nil, erik, en...)
	wantContains(t, res, `name="details.employee"`, `name="details.pay_period"`, `type="month"`, "Pay period")
	res = f.do(t, "GET", "/portal/cases/new?type=document_request", nil, erik, en...)
	wantContains(t, res, `name="details.document"`, "Employment certificate")
	before := countCases(t, f)
	res = f.postFiles(t, "/portal/cases", url.Values{"type": {"correction"}, "subject": {"Fel lön"}, "body": {"OB saknas"},
		"details.pay_period": {"november"}}, nil, erik, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-details.employee-error"`, `id="f-details.pay-period-error"`, "A pay period such as 2026-11.")
	if countCases(t, f) != before {
		t.Fatal("a refused portal form saved a case")
	}

	// The assistant stands in for the manager and files for her.
	wantStatus(t, f.do(t, "POST", "/account/act-for", url.Values{"principal_id": {fmt.Sprint(f.people["manager"].ID)}}, sara), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", "/portal/cases/new?type=question", nil, sara, en...), "You file this case for Maja Chef.")
	res = f.postFiles(t, "/portal/cases", url.Values{"type": {"question"}, "subject": {"Rehabilitering"}, "body": {"Vem gör vad?"}}, nil, sara)
	id := createdID(t, res, "/portal/cases/")
	d, err := f.app.Case(f.ctx, app.SystemActor("test"), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.RequesterID != f.people["manager"].ID || d.FiledByID != f.people["assistant"].ID {
		t.Errorf("requester %d filed by %d, want the manager filed by the assistant", d.RequesterID, d.FiledByID)
	}
	wantContains(t, f.do(t, "GET", "/portal/cases", nil, sara), d.Reference)
	wantContains(t, f.do(t, "GET", "/portal/cases", nil, maja), d.Reference)
	if strings.Contains(f.do(t, "GET", "/portal/cases?queue=all", nil, erik).Body, d.Reference) {
		t.Error("an employee sees the manager's case")
	}
	// The manager follows the cases of her unit and the units below it.
	mine := openCase(t, f, "employee", app.NewCase{Subject: "Semester"})
	res = f.do(t, "GET", "/portal/cases?queue=all", nil, maja)
	wantContains(t, res, mine.Reference, d.Reference)
	if strings.Contains(f.do(t, "GET", "/portal/cases", nil, maja).Body, mine.Reference) {
		t.Error("the manager's own cases list the employee's case")
	}
	wantStatus(t, f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", mine.ID), nil, maja), http.StatusOK)

	// Files over the limit are refused whole.
	wantStatus(t, f.do(t, "POST", "/routing/settings", url.Values{"prefix": {""}, "reopen_days": {"14"}, "attachment_max_mb": {"1"}},
		f.as(t, "admin")), http.StatusSeeOther)
	res = f.postFiles(t, fmt.Sprintf("/portal/cases/%d/messages", mine.ID), url.Values{"body": {"Här är filen"}},
		map[string][]byte{"stor.pdf": make([]byte, 1<<20+1)}, erik)
	wantStatus(t, res, http.StatusRequestEntityTooLarge)
	if strings.Contains(f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", mine.ID), nil, erik).Body, "Här är filen") {
		t.Error("a refused message was saved")
	}
}

var nextLink = regexp.MustCompile(`href="([^"]+)" rel="next"`)

// TestQueuePages pages through a queue by cursor.
func TestQueuePages(t *testing.T) {
	f := newFixture(t, web.Options{})
	var refs []string
	for i := 0; i < 3; i++ {
		refs = append(refs, openCase(t, f, "employee", app.NewCase{Subject: fmt.Sprintf("Ärende %d", i), TeamID: f.team.ID}).Reference)
	}
	agent := f.as(t, "agent")
	res := f.do(t, "GET", "/cases?queue=my_teams&limit=2", nil, agent)
	wantContains(t, res, refs[0], refs[1])
	m := nextLink.FindStringSubmatch(res.Body)
	if m == nil || strings.Contains(res.Body, refs[2]) {
		t.Fatalf("first page: next %v", m)
	}
	res = f.do(t, "GET", html.UnescapeString(m[1]), nil, agent)
	wantContains(t, res, refs[2])
	if strings.Contains(res.Body, refs[0]) || nextLink.MatchString(res.Body) {
		t.Error("the second page repeats the first or goes on")
	}
}
