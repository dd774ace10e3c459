package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/org"
	"samverkan/internal/web"
)

// postFiles posts a multipart form with files (name → bytes) in "files".
func (f *fixture) postFiles(t testing.TB, target string, fields url.Values, files map[string][]byte, cookies []*http.Cookie, header ...string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest("POST", target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	res := rec.Result()
	res.Request = req
	b, _ := io.ReadAll(res.Body)
	return response{Response: res, Body: string(b)}
}

// createdID is the id at the end of a redirect to /…/{id}?done=….
func createdID(t testing.TB, res response, prefix string) int64 {
	t.Helper()
	wantStatus(t, res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	var id int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(loc, prefix), "%d", &id); err != nil || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("redirect to %q, want %s{id}", loc, prefix)
	}
	return id
}

func countCases(t testing.TB, f *fixture) int {
	t.Helper()
	p, err := f.app.Queue(f.ctx, app.SystemActor("test"), app.QueueQuery{Queue: app.QueueAll, PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	return len(p.Items)
}

var attachmentLink = regexp.MustCompile(`href="/attachments/(\d+)"[^>]*>([^<]+)<`)

// TestCaseFlow: a phone case filed in the console and a portal case filed
// by a member both reach the team that serves the unit; the member sees
// both, downloads files with safe headers and reads replies but never
// internal notes; other members and other teams see nothing.
func TestCaseFlow(t *testing.T) {
	f := newFixture(t, web.Options{})
	sys := app.SystemActor("test")
	if _, err := f.app.CreateTeam(f.ctx, sys, org.Team{Name: app.FirstLineTeamName}); err != nil {
		t.Fatal(err)
	}
	admin, agent, erik := f.as(t, "admin"), f.as(t, "agent"), f.as(t, "employee")

	// The admin routes the school unit (and below) to the payroll team.
	res := f.do(t, "POST", "/routing", url.Values{"name": {"Skolan"}, "unit_id": {fmt.Sprint(f.u1.ID)}, "team_id": {fmt.Sprint(f.team.ID)}}, admin)
	wantStatus(t, res, http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", "/routing", nil, admin, "Accept-Language", "en"), "Skolan", f.team.Name, f.u1.Name)

	// The agent finds the caller as they type: a fragment, not a page.
	res = f.do(t, "GET", "/cases/people?q=Erik", nil, agent, "HX-Request", "true", "HX-Target", "matches")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, fmt.Sprintf(`name="requester_id" value="%d"`, f.people["employee"].ID), f.m1.Name, `id="results-status"`)
	if strings.Contains(res.Body, "<html") {
		t.Error("the lookup returned a whole page to htmx")
	}
	wantContains(t, f.do(t, "GET", "/cases/people?q=Erik", nil, agent), "<html", fmt.Sprintf("/cases/new?requester_id=%d", f.people["employee"].ID))

	// A phone form with errors shows them and saves nothing.
	before := countCases(t, f)
	res = f.do(t, "POST", "/cases", url.Values{"requester_id": {fmt.Sprint(f.people["employee"].ID)}, "channel": {"phone"},
		"type": {"correction"}, "priority": {"normal"}, "body": {"Lönen stämmer inte"}}, agent, "Accept-Language", "en")
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `class="error-summary"`, `id="f-subject-error"`, `aria-describedby="f-subject-error"`,
		`href="#f-details.employee"`, `href="#f-details.pay-period"`)
	if n := countCases(t, f); n != before {
		t.Fatalf("a refused form saved a case: %d cases, want %d", n, before)
	}

	// The phone case.
	res = f.do(t, "POST", "/cases", url.Values{"requester_id": {fmt.Sprint(f.people["employee"].ID)}, "channel": {"phone"},
		"type": {"correction"}, "priority": {"high"}, "subject": {"Fel lön i oktober"}, "body": {"Övertiden saknas."},
		"details.employee": {"Erik Anställd"}, "details.pay_period": {"2026-10"}, "received_at": {"2026-11-23T08:30"}}, agent)
	phone := createdID(t, res, "/cases/")
	// The portal case, with two files.
	wantStatus(t, f.do(t, "GET", "/portal/cases/new?type=question", nil, erik), http.StatusOK)
	res = f.postFiles(t, "/portal/cases", url.Values{"type": {"question"}, "priority": {"normal"}, "subject": {"Semesterlön i juli"},
		"body": {"Hur räknas semesterlönen?"}}, map[string][]byte{"intyg.pdf": []byte("%PDF-1.4\n1 0 obj\n"),
		"sida.html": []byte("<html><script>alert(1)</script></html>")}, erik)
	portal := createdID(t, res, "/portal/cases/")

	for _, id := range []int64{phone, portal} {
		d, err := f.app.Case(f.ctx, sys, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.TeamID != f.team.ID {
			t.Errorf("case %s went to team %d, want %d (%s)", d.Reference, d.TeamID, f.team.ID, f.team.Name)
		}
	}
	refs := map[int64]string{}
	for _, id := range []int64{phone, portal} {
		d, _ := f.app.Case(f.ctx, sys, id)
		refs[id] = d.Reference
	}
	queue := f.do(t, "GET", "/cases?queue=my_teams", nil, agent, "Accept-Language", "en")
	wantStatus(t, queue, http.StatusOK)
	wantContains(t, queue, refs[phone], refs[portal], "Fel lön i oktober", "Semesterlön i juli", "No target")
	wantContains(t, f.do(t, "GET", "/portal/cases", nil, erik), refs[phone], refs[portal])

	// Downloads are attachments, typed by their bytes, never rendered.
	page := f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", portal), nil, erik)
	links := attachmentLink.FindAllStringSubmatch(page.Body, -1)
	if len(links) != 2 {
		t.Fatalf("want 2 attachment links on the portal case, got %v", links)
	}
	for _, l := range links {
		for _, who := range [][]*http.Cookie{erik, agent} {
			res := f.do(t, "GET", "/attachments/"+l[1], nil, who)
			wantStatus(t, res, http.StatusOK)
			want := map[string]string{"intyg.pdf": "application/pdf", "sida.html": "text/plain; charset=utf-8"}[l[2]]
			h := res.Header
			if h.Get("Content-Type") != want || h.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.Contains(h.Get("Content-Disposition"), l[2]) {
				t.Errorf("download %s: headers %v", l[2], h)
			}
		}
		wantStatus(t, f.do(t, "GET", "/attachments/"+l[1], nil, f.as(t, "other")), http.StatusNotFound)
	}

	// A reply the member reads, a note they never see.
	wantStatus(t, f.do(t, "POST", fmt.Sprintf("/cases/%d/reply", portal), url.Values{"body": {"Semesterlönen är 12 procent."},
		"visibility": {"external"}}, agent), http.StatusSeeOther)
	wantStatus(t, f.do(t, "POST", fmt.Sprintf("/cases/%d/reply", portal), url.Values{"body": {"Kolla avtalet HÖK 24."},
		"visibility": {"internal"}}, agent), http.StatusSeeOther)
	res = f.do(t, "GET", fmt.Sprintf("/cases/%d", portal), nil, agent, "Accept-Language", "en")
	wantContains(t, res, "Semesterlönen är 12 procent.", "Kolla avtalet HÖK 24.", `class="event internal"`, "Internal – not shown to the member")
	for _, who := range []string{"employee", "manager", "contact"} {
		res := f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", portal), nil, f.as(t, who))
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "Semesterlönen är 12 procent.")
		if strings.Contains(res.Body, "HÖK 24") || strings.Contains(res.Body, "internal") {
			t.Errorf("%s sees the internal note", who)
		}
	}
	// The member answers with a file.
	res = f.postFiles(t, fmt.Sprintf("/portal/cases/%d/messages", portal), url.Values{"body": {"Tack!"}},
		map[string][]byte{"bilaga.txt": []byte("hej")}, erik)
	wantStatus(t, res, http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", fmt.Sprintf("/cases/%d", portal), nil, agent), "Tack!", "bilaga.txt")

	// Another member's user finds neither case.
	other := f.as(t, "other")
	for _, id := range []int64{phone, portal} {
		wantStatus(t, f.do(t, "GET", fmt.Sprintf("/portal/cases/%d", id), nil, other), http.StatusNotFound)
		wantStatus(t, f.do(t, "POST", fmt.Sprintf("/portal/cases/%d/messages", id), url.Values{"body": {"x"}}, other), http.StatusNotFound)
	}
	res = f.do(t, "GET", "/portal/cases?queue=all", nil, other)
	if strings.Contains(res.Body, refs[phone]) || strings.Contains(res.Body, refs[portal]) {
		t.Error("another member's portal lists these cases")
	}
}
