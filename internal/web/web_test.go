package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/org"
	"samverkan/internal/store/dbtest"
	"samverkan/internal/web"
)

var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

const password = "correct horse battery"

// fixture is a small directory: two members with units, a team, and one
// person for every role, all with the same password.
type fixture struct {
	app     *app.App
	h       http.Handler
	ctx     context.Context
	m1, m2  org.Member
	u1, u1b org.Unit
	u2      org.Unit
	team    org.Team
	people  map[string]org.Person // by role name; "other" is at member 2
	cookies map[string]*http.Cookie
}

var roles = []string{"admin", "team_lead", "agent", "contact", "manager", "assistant", "orderer", "employee"}

func newFixture(t testing.TB, opts web.Options) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), people: map[string]org.Person{}, cookies: map[string]*http.Cookie{}}
	f.app = app.New(dbtest.Open(t), app.WithClock(func() time.Time { return testNow }))
	sys := app.SystemActor("test")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.m1, err = f.app.CreateMember(f.ctx, sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.m2, err = f.app.CreateMember(f.ctx, sys, org.Member{Name: "Båstads kommun", Country: "SE", OrgNumber: "212000-0969", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.u1, err = f.app.CreateUnit(f.ctx, sys, org.Unit{MemberID: f.m1.ID, Name: "Skolförvaltningen", CostCentre: "4100"})
	must(err)
	f.u1b, err = f.app.CreateUnit(f.ctx, sys, org.Unit{MemberID: f.m1.ID, ParentID: f.u1.ID, Name: "Förskolorna", CostCentre: "4110"})
	must(err)
	f.u2, err = f.app.CreateUnit(f.ctx, sys, org.Unit{MemberID: f.m2.ID, Name: "Socialförvaltningen", CostCentre: "5100"})
	must(err)
	f.team, err = f.app.CreateTeam(f.ctx, sys, org.Team{Name: "Lön Nordväst", Description: "Lön för nordvästra kommunerna"})
	must(err)
	add := func(key, name, email string, memberID, unitID int64, g org.Grant) {
		p, err := f.app.CreatePerson(f.ctx, sys, org.Person{Name: name, Email: email, Phone: "042-123 45", MemberID: memberID, UnitID: unitID, Grants: []org.Grant{g}})
		must(err)
		must(f.app.SetPassword(f.ctx, sys, p.ID, password))
		f.people[key] = p
	}
	add("admin", "Anna Admin", "admin@centre.example", 0, 0, org.Grant{Role: org.Admin})
	add("team_lead", "Tove Teamledare", "lead@centre.example", 0, 0, org.Grant{Role: org.TeamLead})
	add("agent", "Alf Agent", "agent@centre.example", 0, 0, org.Grant{Role: org.Agent})
	add("contact", "Kim Kontakt", "kim@hoganas.example", f.m1.ID, f.u1.ID, org.Grant{Role: org.Contact, Level: org.Tactical})
	add("manager", "Maja Chef", "maja@hoganas.example", f.m1.ID, f.u1.ID, org.Grant{Role: org.Manager, UnitID: f.u1.ID})
	add("assistant", "Sara Chefsstöd", "sara@hoganas.example", f.m1.ID, f.u1.ID, org.Grant{Role: org.Assistant})
	add("orderer", "Olle Beställare", "olle@hoganas.example", f.m1.ID, 0, org.Grant{Role: org.Orderer})
	add("employee", "Erik Anställd", "erik@hoganas.example", f.m1.ID, f.u1b.ID, org.Grant{Role: org.Employee})
	add("other", "Bertil Båstadsson", "bertil@bastad.example", f.m2.ID, f.u2.ID, org.Grant{Role: org.Contact, Level: org.Strategic})
	must(f.app.SetTeamMember(f.ctx, sys, f.team.ID, f.people["team_lead"].ID, true))
	must(f.app.SetTeamMember(f.ctx, sys, f.team.ID, f.people["agent"].ID, true))
	must(f.app.SetTeamUnits(f.ctx, sys, f.team.ID, []int64{f.u1.ID}))
	_, err = f.app.AppointSubstitute(f.ctx, sys, org.Substitute{PersonID: f.people["assistant"].ID, ForPersonID: f.people["manager"].ID,
		StartsOn: testNow.AddDate(0, 0, -1), EndsOn: testNow.AddDate(0, 0, 7)})
	must(err)
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	f.h, err = web.New(f.app, opts)
	must(err)
	return f
}

// response is a finished request.
type response struct {
	*http.Response
	Body string
}

// do sends a request to the web handler; form, if not nil, is posted.
func (f *fixture) do(t testing.TB, method, target string, form url.Values, cookies []*http.Cookie, header ...string) response {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
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

// signIn signs a person in through the real login form and returns the
// session cookie.
func (f *fixture) signIn(t testing.TB, email string) *http.Cookie {
	t.Helper()
	res := f.do(t, "POST", "/login", url.Values{"email": {email}, "password": {password}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: status %d\n%s", email, res.StatusCode, res.Body)
	}
	c := cookieNamed(res.Cookies(), "samverkan_session")
	if c == nil || c.Value == "" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Fatalf("sign in %s: session cookie %+v", email, c)
	}
	return c
}

// as returns the session cookie of the person with role key, signing in once.
func (f *fixture) as(t testing.TB, key string) []*http.Cookie {
	t.Helper()
	if key == "anonymous" {
		return nil
	}
	if c, ok := f.cookies[key]; ok {
		return []*http.Cookie{c}
	}
	c := f.signIn(t, f.people[key].Email)
	f.cookies[key] = c
	return []*http.Cookie{c}
}

func cookieNamed(cs []*http.Cookie, name string) *http.Cookie {
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func wantStatus(t testing.TB, res response, status int) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", res.Request.Method, res.Request.URL, res.StatusCode, status, res.Body)
	}
}

func wantContains(t testing.TB, res response, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(res.Body, p) {
			t.Errorf("%s %s: body lacks %q", res.Request.Method, res.Request.URL, p)
		}
	}
}
