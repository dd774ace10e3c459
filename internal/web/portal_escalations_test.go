package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/governance"
	"samverkan/internal/store"
	"samverkan/internal/web"
)

// escalationCount is how many steps the escalation ladders have in all.
func escalationCount(t *testing.T, f *fixture) int {
	t.Helper()
	p, err := f.app.ListEscalations(f.ctx, app.SystemActor("test"), app.EscalationQuery{PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	return len(p.Items)
}

// TestPortalEscalationsByRole: the portal's escalations are for the
// member's contact persons; other member-side users get 403 for the pages
// and the form, see no link to them, and their posts change nothing;
// centre staff are sent to the console's page.
func TestPortalEscalationsByRole(t *testing.T) {
	f := newFixture(t, web.Options{})
	c := openCase(t, f, "employee", app.NewCase{Subject: "Semesterersättning saknas"})
	valid := url.Values{"case": {c.Reference}, "reason": {"Ingen återkoppling på tre veckor."}}
	for _, tc := range []struct {
		who       string
		page, new int // GET statuses
		post      int
	}{
		{"contact", 200, 200, 303}, {"other", 200, 200, 422}, // Båstad: Höganäs' case is none of its own
		{"manager", 403, 403, 403}, {"assistant", 403, 403, 403}, {"orderer", 403, 403, 403}, {"employee", 403, 403, 403},
		{"admin", 303, 303, 403}, {"team_lead", 303, 303, 403}, {"agent", 303, 303, 403},
	} {
		who := f.as(t, tc.who)
		res := f.do(t, "GET", "/portal/escalations", nil, who)
		wantStatus(t, res, tc.page)
		if tc.page == 200 {
			checkPage(t, res)
		}
		wantStatus(t, f.do(t, "GET", "/portal/escalations/new", nil, who), tc.new)
		before := escalationCount(t, f)
		wantStatus(t, f.do(t, "POST", "/portal/escalations", valid, who), tc.post)
		if changed := escalationCount(t, f) != before; changed != (tc.post == 303) {
			t.Errorf("%s: a post answered %d changed the escalations: %v", tc.who, tc.post, changed)
		}
		if tc.page == 303 {
			continue
		}
		// The navigation and the case page offer escalating to those who may.
		nav := strings.Contains(f.do(t, "GET", "/portal", nil, who).Body, `href="/portal/escalations"`)
		if nav != (tc.page == 200) {
			t.Errorf("%s: navigation entry shown %v", tc.who, nav)
		}
	}
	wantContains(t, f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", c.ID), nil, f.as(t, "contact")),
		fmt.Sprintf(`href="/portal/escalations/new?case=%d"`, c.ID))
	if strings.Contains(f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", c.ID), nil, f.as(t, "employee")).Body, "/portal/escalations/new") {
		t.Error("the employee's case page offers escalating")
	}
	wantStatus(t, f.do(t, "GET", "/portal/escalations", nil, nil), http.StatusSeeOther)
}

// TestPortalEscalationFlow: a contact escalates a case of the member from
// its page; bad input is named next to its field, keeps what was typed
// and saves nothing; the list shows where the step landed and, later, the
// decision; the step is audited; another member never sees it.
func TestPortalEscalationFlow(t *testing.T) {
	f := newFixture(t, web.Options{})
	ctx, sys := f.ctx, app.SystemActor("test")
	en := []string{"Accept-Language", "en"}
	kim, bertil := f.as(t, "contact"), f.as(t, "other")
	if _, err := f.app.CreateDefaultForums(ctx, sys, f.people["admin"].ID, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	forums, err := f.app.AllForums(ctx, sys)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]governance.Forum{}
	for _, fo := range forums {
		byName[fo.Name] = fo
	}
	schedule := func(forum string, start time.Time) governance.Meeting {
		t.Helper()
		m, err := f.app.ScheduleMeeting(ctx, sys, governance.Meeting{ForumID: byName[forum].ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	visit := schedule("Partnerbesök – Höganäs kommun", time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
	held := schedule("Styrmöte – Höganäs kommun", time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	c := openCase(t, f, "employee", app.NewCase{Subject: "Semesterersättning saknas"})
	theirs := openCase(t, f, "other", app.NewCase{Subject: "Båstads eget ärende"})

	// From the case's page to the form, with the case filled in.
	res := f.do(t, "GET", fmt.Sprintf("/portal/escalations/new?case=%d", c.ID), nil, kim, en...)
	wantStatus(t, res, http.StatusOK)
	checkPage(t, res)
	wantContains(t, res, `value="`+c.Reference+`"`, "Semesterersättning saknas", `maxlength="5000"`)
	wantStatus(t, f.do(t, "GET", fmt.Sprintf("/portal/escalations/new?case=%d", theirs.ID), nil, kim), http.StatusNotFound)

	// Bad input: each message next to its field; what was typed stays.
	for _, tc := range []struct {
		form   url.Values
		fields []string
		says   string
	}{
		{url.Values{"case": {""}, "reason": {""}}, []string{"case", "reason"}, "Say why the item is escalated."},
		{url.Values{"case": {theirs.Reference}, "reason": {"Båstads skäl"}}, []string{"case"}, "There is no such case."},
		{url.Values{"case": {"nonsense"}, "reason": {"Skäl"}}, []string{"case"}, "registration number such as 2026-000123"},
		{url.Values{"case": {c.Reference}, "reason": {strings.Repeat("ö", 5001)}}, []string{"reason"}, "The text is too long."},
		{url.Values{"case": {c.Reference}, "level": {"galactic"}, "reason": {"Skäl"}}, []string{"level"}, "level"},
	} {
		res := f.do(t, "POST", "/portal/escalations", tc.form, kim, en...)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		checkPage(t, res)
		wantContains(t, res, tc.says, `value="`+tc.form.Get("case")+`"`, ">"+tc.form.Get("reason")+"</textarea>")
		for _, field := range tc.fields {
			id := "f-" + field
			wantContains(t, res, `id="`+id+`-error"`, `href="#`+id+`"`)
			wantContains(t, res, `aria-describedby="`+id+`-hint `+id+`-error" aria-invalid="true"`)
		}
		if n := escalationCount(t, f); n != 0 {
			t.Fatalf("refused input saved %d escalations", n)
		}
	}

	// Escalated: back to the list with a confirmation and where it lands.
	res = f.do(t, "POST", "/portal/escalations", url.Values{"case": {c.Reference}, "reason": {"Ingen återkoppling på tre veckor."}}, kim, en...)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/portal/escalations?done=gov_escalated" {
		t.Fatalf("redirect to %q", loc)
	}
	res = f.do(t, "GET", "/portal/escalations?done=gov_escalated", nil, kim, en...)
	wantContains(t, res, "The item is escalated.", c.Reference+": Semesterersättning saknas", "Ingen återkoppling på tre veckor.",
		"Operational", "Open", fmt.Sprintf(`href="/meetings/%d"`, visit.ID), visit.Title, "Kim Kontakt")
	steps, err := f.app.ListEscalations(ctx, sys, app.EscalationQuery{})
	if err != nil || len(steps.Items) != 1 {
		t.Fatalf("escalations %+v, %v", steps.Items, err)
	}
	step := steps.Items[0]
	if step.MemberID != f.m1.ID || step.Source != "case" || step.SourceID != c.ID || step.MeetingID != visit.ID {
		t.Fatalf("step %+v", step)
	}
	log, err := f.app.AuditLog(ctx, sys, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "escalation", EntityID: step.ID}})
	if err != nil || len(log.Items) != 1 || log.Items[0].Action != "escalate" || log.Items[0].ActorID != f.people["contact"].ID {
		t.Fatalf("audit %+v, %v", log.Items, err)
	}

	// Another member neither lists it nor reads it by id nor takes it further.
	for _, path := range []string{"/portal/escalations", "/portal/escalations?status=open"} {
		res := f.do(t, "GET", path, nil, bertil, en...)
		wantStatus(t, res, http.StatusOK)
		if strings.Contains(res.Body, c.Reference) || strings.Contains(res.Body, "Ingen återkoppling") {
			t.Errorf("Båstad's %s shows Höganäs' escalation", path)
		}
	}
	page := fmt.Sprintf("/portal/escalations/%d", step.ID)
	wantStatus(t, f.do(t, "GET", page, nil, bertil), http.StatusNotFound)
	wantStatus(t, f.do(t, "POST", page+"/further", url.Values{"level": {"strategic"}, "reason": {"Båstad vill"}}, bertil), http.StatusNotFound)
	if n := escalationCount(t, f); n != 1 {
		t.Fatalf("another member's post changed the escalations: %d", n)
	}

	// The contact takes it to the strategic level from the step's page.
	res = f.do(t, "GET", page, nil, kim, en...)
	wantStatus(t, res, http.StatusOK)
	checkPage(t, res)
	wantContains(t, res, "The ladder", "Escalate further", `action="`+page+`/further"`)
	res = f.do(t, "POST", page+"/further", url.Values{"level": {"strategic"}, "reason": {" "}}, kim, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-reason-error"`, "Say why the item is escalated.", `<option value="strategic" selected>`)
	res = f.do(t, "POST", page+"/further", url.Values{"level": {"strategic"}, "reason": {"Behöver beslut om extra lönekörning."}}, kim, en...)
	wantStatus(t, res, http.StatusSeeOther)
	steps, err = f.app.ListEscalations(ctx, sys, app.EscalationQuery{})
	if err != nil || len(steps.Items) != 2 {
		t.Fatalf("escalations %+v, %v", steps.Items, err)
	}
	top := steps.Items[0]
	if _, err := f.app.RecordDecision(ctx, sys, governance.Decision{MeetingID: held.ID, EscalationID: top.ID, Title: "Extra lönekörning i december"}); err != nil {
		t.Fatal(err)
	}
	res = f.do(t, "GET", "/portal/escalations", nil, kim, en...)
	wantContains(t, res, "Strategic", "Decided", "Extra lönekörning i december", "Escalated further")
	res = f.do(t, "GET", fmt.Sprintf("/portal/escalations/%d", top.ID), nil, kim, en...)
	wantContains(t, res, "Extra lönekörning i december")
	if strings.Contains(res.Body, `/further"`) {
		t.Error("a step on the strategic level offers to go higher")
	}
}
