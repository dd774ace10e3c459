package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/org"
	"samverkan/internal/sla"
	"samverkan/internal/store/dbtest"
	"samverkan/internal/web"
)

// govWeb is a small organisation behind the web handler with a clock a
// test moves: Helsingborg (hbg) with its tactical contact, Båstad with its
// own, an admin and an agent.
type govWeb struct {
	*fixture
	mu  sync.Mutex
	now time.Time
}

func (g *govWeb) clock() time.Time { g.mu.Lock(); defer g.mu.Unlock(); return g.now }

// set moves the clock; sessions do not last that long, so everyone signs
// in again.
func (g *govWeb) set(t time.Time) {
	g.mu.Lock()
	g.now = t
	g.mu.Unlock()
	g.cookies = map[string]*http.Cookie{}
}

func newGovWeb(t *testing.T) *govWeb {
	t.Helper()
	g := &govWeb{now: testNow}
	f := &fixture{ctx: context.Background(), people: map[string]org.Person{}, cookies: map[string]*http.Cookie{}}
	g.fixture = f
	f.app = app.New(dbtest.Open(t), app.WithClock(g.clock))
	sys := app.SystemActor("test")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.m1, err = f.app.CreateMember(f.ctx, sys, org.Member{Name: "Helsingborgs stad", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.m2, err = f.app.CreateMember(f.ctx, sys, org.Member{Name: "Båstads kommun", Country: "SE", OrgNumber: "212000-0969", Kind: org.Municipality, Status: org.Active})
	must(err)
	add := func(key, name, email string, memberID int64, g org.Grant) {
		p, err := f.app.CreatePerson(f.ctx, sys, org.Person{Name: name, Email: email, MemberID: memberID, Grants: []org.Grant{g}})
		must(err)
		must(f.app.SetPassword(f.ctx, sys, p.ID, password))
		f.people[key] = p
	}
	add("admin", "Anna Admin", "admin@centre.example", 0, org.Grant{Role: org.Admin})
	add("agent", "Alf Agent", "agent@centre.example", 0, org.Grant{Role: org.Agent})
	add("contact", "Tilda Taktisk", "tilda@helsingborg.example", f.m1.ID, org.Grant{Role: org.Contact, Level: org.Tactical})
	add("employee", "Hugo Anställd", "hugo@helsingborg.example", f.m1.ID, org.Grant{Role: org.Employee})
	add("other", "Bertil Båstadsson", "bertil@bastad.example", f.m2.ID, org.Grant{Role: org.Contact, Level: org.Tactical})
	f.h, err = web.New(f.app, web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	must(err)
	return g
}

// post submits a form and returns where it was sent.
func (g *govWeb) post(t *testing.T, who, path string, form url.Values, status int) response {
	t.Helper()
	res := g.do(t, "POST", path, form, g.as(t, who), "Accept-Language", "en")
	wantStatus(t, res, status)
	return res
}

// get fetches a page and checks what every page has.
func (g *govWeb) get(t *testing.T, who, path string, status int) response {
	t.Helper()
	res := g.do(t, "GET", path, nil, g.as(t, who), "Accept-Language", "en")
	wantStatus(t, res, status)
	if status == http.StatusOK && strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		checkPage(t, res)
		seen := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(res.Body, -1) {
			if seen[m[1]] {
				t.Errorf("GET %s: id %q twice", path, m[1])
			}
			seen[m[1]] = true
		}
	}
	return res
}

var idAttr = regexp.MustCompile(` id="([^"]+)"`)

var idIn = regexp.MustCompile(`/(\d+)(\?|$)`)

// idFrom reads the id of where a post redirected.
func idFrom(t *testing.T, res response) int64 {
	t.Helper()
	m := idIn.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("redirect %q names no id", res.Header.Get("Location"))
	}
	var id int64
	fmt.Sscan(m[1], &id)
	return id
}

// TestGovernanceFlowWeb is the "done when" in the browser's terms:
// forms posted and pages read as the centre and as the member contact.
func TestGovernanceFlowWeb(t *testing.T) {
	g := newGovWeb(t)
	ctx, sys := g.ctx, app.SystemActor("test")
	forum := idFrom(t, g.post(t, "admin", "/forums", url.Values{"name": {"Kvartalsmöte – Helsingborgs stad"}, "level": {"tactical"},
		"member_id": {fmt.Sprint(g.m1.ID)}, "cadence_kind": {"quarterly"}, "cadence_n": {"0"}, "convenor_id": {fmt.Sprint(g.people["admin"].ID)},
		"agenda_days": {"5"}, "minutes_days": {"5"}, "survey_percent": {"100"}, "starts_on": {"2026-01-01"},
		"participants": {"centre:admin", "member:contact:tactical"}}, http.StatusSeeOther))
	// A meeting with another member is outside the forum's scope.
	res := g.post(t, "admin", fmt.Sprintf("/forums/%d/meetings", forum), url.Values{"title": {"Möte"}, "member_id": {fmt.Sprint(g.m2.ID)},
		"starts_at": {"2026-12-03T10:00"}, "ends_at": {"2026-12-03T12:00"}}, http.StatusUnprocessableEntity)
	wantContains(t, res, "outside its forum")
	meeting := idFrom(t, g.post(t, "admin", fmt.Sprintf("/forums/%d/meetings", forum), url.Values{"title": {"Kvartalsmöte december"},
		"starts_at": {"2026-12-03T10:00"}, "ends_at": {"2026-12-03T12:00"}, "location": {"Stadshuset"}}, http.StatusSeeOther))

	// An SLA breach of a Helsingborg case, escalated by the SLA job to the
	// operational level; the agent takes it to tactical.
	_, err := g.app.SaveSLAPolicy(ctx, sys, sla.Policy{Name: "Lön", Position: 1, Resolution: sla.Target{Amount: 1, Unit: sla.BusinessDays}, WarnPercent: 80})
	if err != nil {
		t.Fatal(err)
	}
	team, _ := g.app.CreateTeam(ctx, sys, org.Team{Name: "Löneteam 1"})
	c, err := g.app.OpenCase(ctx, sys, app.NewCase{RequesterID: g.people["employee"].ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Fel OB-tillägg", Body: "OB saknas", TeamID: team.ID, ReceivedAt: testNow.AddDate(0, 0, -7)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.app.RecomputeAllSLA(ctx, nil); err != nil {
		t.Fatal(err)
	}
	step := idFrom(t, g.post(t, "agent", "/escalations", url.Values{"source": {"sla_breach"}, "source_id": {fmt.Sprint(c.ID)},
		"reason": {"Tredje missen i månaden"}}, http.StatusSeeOther))
	page := g.get(t, "agent", fmt.Sprintf("/escalations/%d", step), http.StatusOK)
	wantContains(t, page, "Tactical", "Operational", "Escalated further", "Kvartalsmöte december", "Tredje missen i månaden")

	page = g.get(t, "admin", fmt.Sprintf("/meetings/%d", meeting), http.StatusOK)
	wantContains(t, page, "Proposed for the agenda", "Escalated: "+c.Reference)
	g.post(t, "admin", fmt.Sprintf("/meetings/%d/proposals", meeting), url.Values{"source": {"escalation"}, "source_id": {fmt.Sprint(step)}}, http.StatusSeeOther)
	g.post(t, "admin", fmt.Sprintf("/meetings/%d/publish-agenda", meeting), url.Values{}, http.StatusSeeOther)
	page = g.get(t, "contact", fmt.Sprintf("/meetings/%d", meeting), http.StatusOK)
	wantContains(t, page, "Escalated: "+c.Reference)
	g.get(t, "other", fmt.Sprintf("/meetings/%d", meeting), http.StatusNotFound)
	// Minutes of a meeting not yet held are refused with a reason.
	res = g.post(t, "admin", fmt.Sprintf("/meetings/%d/minutes", meeting), url.Values{"minutes": {"Text"}, "publish": {"1"}}, http.StatusUnprocessableEntity)
	wantContains(t, res, "has not taken place yet")

	// The invitation is RFC 5545 a parser reads.
	ics := g.get(t, "contact", fmt.Sprintf("/meetings/%d/invite.ics", meeting), http.StatusOK)
	if _, err := ical.NewDecoder(strings.NewReader(ics.Body)).Decode(); err != nil || !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("invitation: %v\n%s", err, ics.Body)
	}

	g.set(time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC))
	page = g.get(t, "admin", fmt.Sprintf("/meetings/%d", meeting), http.StatusOK)
	item := regexp.MustCompile(`<option value="(\d+)">Escalated`).FindStringSubmatch(page.Body)
	if item == nil {
		t.Fatalf("no agenda item to decide on:\n%s", page.Body)
	}
	g.post(t, "admin", fmt.Sprintf("/meetings/%d/attendance", meeting), url.Values{"invited": {fmt.Sprint(g.people["contact"].ID), fmt.Sprint(g.people["admin"].ID)},
		"present": {fmt.Sprint(g.people["contact"].ID)}}, http.StatusSeeOther)
	g.post(t, "admin", fmt.Sprintf("/meetings/%d/decisions", meeting), url.Values{"decision_title": {"Åtgärdsplan för OB-tillägg"},
		"agenda_item_id": {item[1]}}, http.StatusSeeOther)
	res = g.post(t, "admin", fmt.Sprintf("/meetings/%d/action-items", meeting), url.Values{"action_title": {"Se över rutinen"}, "due_on": {"2026-12-18"}},
		http.StatusUnprocessableEntity)
	wantContains(t, res, "An action item needs an owner")
	g.post(t, "admin", fmt.Sprintf("/meetings/%d/action-items", meeting), url.Values{"action_title": {"Se över rutinen"},
		"owner_id": {fmt.Sprint(g.people["contact"].ID)}, "due_on": {"2026-12-18"}}, http.StatusSeeOther)
	g.post(t, "admin", fmt.Sprintf("/meetings/%d/minutes", meeting), url.Values{"minutes": {"Beslut om åtgärdsplan."}, "publish": {"1"}}, http.StatusSeeOther)

	// The contact sees the action item and completes it.
	page = g.get(t, "contact", "/action-items", http.StatusOK)
	wantContains(t, page, "Se över rutinen")
	action := regexp.MustCompile(`href="/action-items/(\d+)"`).FindStringSubmatch(page.Body)
	if action == nil {
		t.Fatal("no action item link")
	}
	g.post(t, "contact", "/action-items/"+action[1], url.Values{"status": {"done"}, "progress": {"Rutinen är uppdaterad"}}, http.StatusSeeOther)
	page = g.get(t, "contact", "/action-items/"+action[1], http.StatusOK)
	wantContains(t, page, "Done", "Rutinen är uppdaterad")
	g.get(t, "employee", "/action-items/"+action[1], http.StatusNotFound)
	page = g.get(t, "contact", fmt.Sprintf("/escalations/%d", step), http.StatusOK)
	wantContains(t, page, "Decided", "Åtgärdsplan för OB-tillägg")

	// The contact answers the survey the meeting sent.
	page = g.get(t, "contact", "/meetings", http.StatusOK)
	survey := regexp.MustCompile(`href="/surveys/(\d+)"`).FindStringSubmatch(page.Body)
	if survey == nil {
		t.Fatalf("no survey:\n%s", page.Body)
	}
	g.get(t, "contact", "/surveys/"+survey[1], http.StatusOK)
	g.post(t, "contact", "/surveys/"+survey[1], url.Values{"score": {"4"}}, http.StatusSeeOther)

	// Compliance shows the forum's cadence.
	page = g.get(t, "admin", "/compliance?year=2026", http.StatusOK)
	wantContains(t, page, "Kvartalsmöte – Helsingborgs stad", "Quarterly", "1 of 4", "2027-03-03")
	g.get(t, "contact", "/compliance", http.StatusForbidden)
	page = g.get(t, "admin", fmt.Sprintf("/forums/%d", forum), http.StatusOK)
	wantContains(t, page, "1 of 1 asked answered", "Åtgärdsplan för OB-tillägg")
}

// TestGovernanceContactsAndFeedWeb: members keep their own directory only;
// the directory exports; a calendar feed opens without a session.
func TestGovernanceContactsAndFeedWeb(t *testing.T) {
	g := newGovWeb(t)
	tilda := fmt.Sprint(g.people["contact"].ID)
	g.post(t, "contact", "/contacts", url.Values{"contact_level": {"tactical"}, "person_id": {tilda}, "title": {"Lönechef"}}, http.StatusSeeOther)
	res := g.post(t, "contact", "/contacts", url.Values{"member_id": {fmt.Sprint(g.m2.ID)}, "contact_level": {"tactical"},
		"person_id": {fmt.Sprint(g.people["other"].ID)}}, http.StatusForbidden)
	wantContains(t, res, "You may keep only your own organisation")
	page := g.get(t, "other", "/contacts", http.StatusOK)
	if strings.Contains(page.Body, "Tilda Taktisk") {
		t.Fatal("Båstad sees Helsingborg's contacts")
	}
	page = g.get(t, "admin", "/contacts", http.StatusOK)
	wantContains(t, page, "Tilda Taktisk", "Lönechef", "Helsingborgs stad")
	edit := regexp.MustCompile(`href="/contacts/(\d+)/edit"`).FindStringSubmatch(page.Body)
	if edit == nil {
		t.Fatal("no edit link")
	}
	g.get(t, "other", "/contacts/"+edit[1]+"/edit", http.StatusNotFound)
	g.post(t, "other", "/contacts/"+edit[1]+"/delete", url.Values{}, http.StatusNotFound)
	csv := g.get(t, "admin", "/contacts/export.csv", http.StatusOK)
	if !strings.Contains(csv.Body, "Helsingborgs stad,tactical,Tilda Taktisk,Lönechef") {
		t.Fatalf("csv %q", csv.Body)
	}
	g.post(t, "contact", "/contacts/verify", url.Values{}, http.StatusSeeOther)

	page = g.do(t, "POST", "/calendar-feed", url.Values{}, g.as(t, "contact"), "Accept-Language", "en")
	wantStatus(t, page, http.StatusCreated)
	feed := regexp.MustCompile(`/calendar/(cal_[A-Za-z0-9_-]+)`).FindStringSubmatch(page.Body)
	if feed == nil {
		t.Fatalf("no feed address:\n%s", page.Body)
	}
	res = g.do(t, "GET", "/calendar/"+feed[1], nil, nil)
	wantStatus(t, res, http.StatusOK)
	if _, err := ical.NewDecoder(bytes.NewReader([]byte(res.Body))).Decode(); err != nil {
		t.Fatalf("feed: %v", err)
	}
	wantStatus(t, g.do(t, "GET", "/calendar/cal_wrong", nil, nil), http.StatusNotFound)
}

// TestGovernancePagesByRole: every governance page answers each role as
// it should and passes the page checks.
func TestGovernancePagesByRole(t *testing.T) {
	g := newGovWeb(t)
	for _, tc := range []struct {
		path string
		want map[string]int
	}{
		{"/meetings", map[string]int{"admin": 200, "agent": 200, "contact": 200, "employee": 200}},
		{"/forums", map[string]int{"admin": 200, "agent": 200, "contact": 200, "employee": 200}},
		{"/forums/new", map[string]int{"admin": 200, "agent": 403, "contact": 403, "employee": 403}},
		{"/compliance", map[string]int{"admin": 200, "agent": 200, "contact": 403, "employee": 403}},
		{"/escalations", map[string]int{"admin": 200, "agent": 200, "contact": 200, "employee": 200}},
		{"/decisions?q=x", map[string]int{"admin": 200, "agent": 200, "contact": 200, "employee": 200}},
		{"/action-items", map[string]int{"admin": 200, "agent": 200, "contact": 200, "employee": 200}},
		{"/contacts", map[string]int{"admin": 200, "agent": 200, "contact": 200, "employee": 200}},
		{"/meetings/999999", map[string]int{"admin": 404, "contact": 404}},
		{"/surveys/999999", map[string]int{"admin": 404, "contact": 404}},
	} {
		for who, status := range tc.want {
			g.get(t, who, tc.path, status)
		}
	}
	wantStatus(t, g.do(t, "GET", "/meetings", nil, nil), http.StatusSeeOther)
}
