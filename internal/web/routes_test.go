package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"samverkan/internal/web"
)

// expectation per role: a status, or a redirect ("303 /portal").
type expect map[string]string

const (
	centre = "admin team_lead agent"
	member = "contact manager assistant orderer employee"
)

// by builds expectations: pairs of (roles, outcome); "*" is every
// signed-in role. Anonymous visitors default to a redirect to sign in.
func by(pairs ...string) expect {
	e := expect{}
	for i := 0; i+1 < len(pairs); i += 2 {
		who := pairs[i]
		if who == "*" {
			who = centre + " " + member
		}
		for _, r := range strings.Fields(who) {
			e[r] = pairs[i+1]
		}
	}
	return e
}

// TestRoutesByRole requests every route as every role and checks the
// status, or where it redirects.
func TestRoutesByRole(t *testing.T) {
	f := newFixture(t, web.Options{OIDC: &fakeIdP{}})
	id := func(n int64) string { return fmt.Sprint(n) }
	m1, u1, team, kim := id(f.m1.ID), id(f.u1.ID), id(f.team.ID), id(f.people["contact"].ID)
	empty := url.Values{"x": {""}}
	routes := []struct {
		method, path string
		form         url.Values
		want         expect
	}{
		{"GET", "/login", nil, by("*", "303 /", "anonymous", "200")},
		{"POST", "/login", url.Values{}, by("*", "401", "anonymous", "401")},
		{"GET", "/login/oidc", nil, by("*", "302", "anonymous", "302")},
		{"GET", "/login/oidc/callback?state=x&code=y", nil, by("*", "400", "anonymous", "400")},
		{"POST", "/lang", url.Values{"lang": {"sv"}, "next": {"/people"}}, by("*", "303 /people", "anonymous", "303 /people")},
		{"GET", "/", nil, by(centre, "200", member, "303 /portal")},
		{"GET", "/portal", nil, by(centre, "303 /", member, "200")},
		{"GET", "/account", nil, by("*", "200")},
		{"GET", "/sla", nil, by("*", "200")},
		{"GET", "/sla/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/sla", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/sla/report", nil, by("*", "200")},
		{"GET", "/sla/999999", nil, by("*", "404")},
		{"POST", "/sla/999999", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/sla/999999/delete", empty, by("admin", "404", "team_lead agent "+member, "403")},
		{"GET", "/calendar", nil, by("*", "200")},
		{"POST", "/calendar/days", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/calendar/days/999999/remove", empty, by("admin", "404", "team_lead agent "+member, "403")},
		{"POST", "/calendar/hours", url.Values{"open_1": {"nine"}, "close_1": {"16:30"}}, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/account/language", url.Values{"language": {"de"}}, by("*", "422")},
		{"POST", "/account/password", url.Values{"current_password": {"nope"}, "new_password": {"short"}}, by("*", "422")},
		{"POST", "/account/tokens", url.Values{"token_name": {strings.Repeat("x", 101)}}, by("*", "422")},
		{"POST", "/account/tokens/999999/revoke", empty, by("*", "404")},
		{"POST", "/account/act-for", url.Values{"principal_id": {"999999"}}, by("*", "403")},
		{"GET", "/members", nil, by("*", "200")},
		{"GET", "/members?q=h%C3%B6g&status=active&kind=municipality", nil, by("*", "200")},
		{"GET", "/members/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/members", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/members/" + m1, nil, by("*", "200")},
		{"GET", "/members/" + m1 + "/edit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/members/" + m1, empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/members/" + m1 + "/units/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/members/" + m1 + "/units", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/members/x", nil, by("*", "404")},
		{"GET", "/units/" + u1, nil, by("*", "200")},
		{"GET", "/units/" + u1 + "/edit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/units/" + u1, empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/teams", nil, by(centre, "200", member, "403")},
		{"GET", "/teams/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/teams", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/teams/" + team, nil, by(centre, "200", member, "403")},
		{"GET", "/teams/" + team + "/edit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/teams/" + team, empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/teams/" + team + "/staff", url.Values{"person_id": {kim}, "action": {"add"}}, by("admin team_lead", "422", "agent "+member, "403")},
		{"POST", "/teams/" + team + "/units", url.Values{"unit_ids": {"999999"}}, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/people", nil, by("*", "200")},
		{"GET", "/people?member=centre&role=agent&q=a", nil, by("*", "200")},
		{"GET", "/people/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/people", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/people/" + kim, nil, by("*", "200")},
		{"GET", "/people/" + kim + "/edit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/people/" + kim, empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/people/" + kim + "/password", url.Values{"password": {"short"}}, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/substitutes", nil, by("*", "200")},
		{"POST", "/substitutes", empty, by("*", "422")},
		{"POST", "/substitutes/999999/end", empty, by("*", "404")},
		{"GET", "/centre", nil, by(centre, "200", member, "403")},
		{"POST", "/centre", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/audit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"GET", "/audit?entity=member&from=2026-11-01&to=2026-11-30", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"GET", "/cases", nil, by(centre, "200", member, "303 /portal/cases")},
		{"GET", "/cases?queue=waiting&status=open&priority=high&type=question&sort=priority&age=5&member=" + m1, nil, by(centre, "200", member, "303 /portal/cases")},
		{"GET", "/cases?queue=nonsense", nil, by(centre, "422", member, "303 /portal/cases")},
		{"GET", "/cases/new", nil, by(centre, "200", member, "303 /portal/cases/new")},
		{"POST", "/cases", empty, by(centre, "422", member, "403")},
		{"GET", "/cases/people?q=Kim", nil, by(centre, "200", member, "403")},
		{"GET", "/cases/search?q=l%C3%B6n", nil, by(centre, "200", member, "303 /portal/cases")},
		{"GET", "/cases/repeats", nil, by("admin team_lead", "200", "agent "+member, "403")},
		{"GET", "/cases/999999", nil, by(centre, "404", member, "303 /portal/cases/999999")},
		{"POST", "/cases/999999/reply", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/attachments", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/assign", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/status", url.Values{"status": {"open"}}, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/update", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/handover", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/link", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/unlink", empty, by(centre, "404", member, "403")},
		{"POST", "/cases/999999/merge", empty, by(centre, "404", member, "403")},
		{"GET", "/attachments/999999", nil, by("*", "404")},
		{"GET", "/routing", nil, by(centre, "200", member, "403")},
		{"POST", "/routing/settings", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/routing/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/routing", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/routing/999999", nil, by(centre, "404", member, "403")},
		{"POST", "/routing/999999", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/routing/999999/delete", empty, by("admin", "404", "team_lead agent "+member, "403")},
		{"POST", "/routing/999999/move", url.Values{"dir": {"up"}}, by("admin", "404", "team_lead agent "+member, "403")},
		{"GET", "/mail", nil, by(centre, "200", member, "403")},
		{"GET", "/mail/999999", nil, by(centre, "404", member, "403")},
		{"GET", "/mail/999999/raw", nil, by(centre, "404", member, "403")},
		{"POST", "/mail/999999/file", empty, by(centre, "404", member, "403")},
		{"POST", "/mail/999999/ignore", empty, by(centre, "404", member, "403")},
		{"GET", "/portal/cases", nil, by(centre, "303 /cases", member, "200")},
		{"GET", "/portal/cases?queue=all&status=open", nil, by(centre, "303 /cases", member, "200")},
		{"GET", "/portal/cases/new", nil, by(centre, "303 /cases/new", member, "200")},
		{"GET", "/portal/cases/new?type=correction", nil, by(centre, "303 /cases/new", member, "200")},
		{"POST", "/portal/cases", empty, by(centre, "403", member, "422")},
		{"GET", "/portal/cases/999999", nil, by(centre, "303 /cases/999999", member, "404")},
		{"POST", "/portal/cases/999999/messages", empty, by(centre, "403", member, "404")},
		{"GET", "/portal/escalations", nil, by(centre, "303 /escalations", "contact", "200", "manager assistant orderer employee", "403")},
		{"GET", "/portal/escalations?status=decided", nil, by(centre, "303 /escalations", "contact", "200", "manager assistant orderer employee", "403")},
		{"GET", "/portal/escalations/new", nil, by(centre, "303 /escalations", "contact", "200", "manager assistant orderer employee", "403")},
		{"POST", "/portal/escalations", empty, by(centre, "403", "contact", "422", "manager assistant orderer employee", "403")},
		{"GET", "/portal/escalations/999999", nil, by(centre, "303 /escalations/999999", "contact", "404", "manager assistant orderer employee", "403")},
		{"POST", "/portal/escalations/999999/further", empty, by(centre, "403", "contact", "404", "manager assistant orderer employee", "403")},
		{"GET", "/static/app.css", nil, by("*", "200", "anonymous", "200")},
		{"GET", "/no/such/page", nil, by("*", "404", "anonymous", "404")},
		{"POST", "/logout", empty, by("*", "303 /login?done=signed_out", "anonymous", "303 /login?done=signed_out")},
	}
	for _, role := range append(append([]string{}, roles...), "anonymous") {
		for _, rt := range routes {
			want, ok := rt.want[role]
			if !ok {
				want = "303 /login"
				if rt.method == "GET" && rt.path != "/" {
					want += "?next=" + url.QueryEscape(rt.path)
				}
			}
			form := rt.form
			if rt.path == "/login" && form != nil {
				// One failed attempt per address stays clear of the throttle.
				form = url.Values{"email": {role + "@nowhere.example"}, "password": {"wrong password"}}
			}
			t.Run(role+" "+rt.method+" "+rt.path, func(t *testing.T) {
				res := f.do(t, rt.method, rt.path, form, f.as(t, role))
				got := fmt.Sprint(res.StatusCode)
				if res.StatusCode >= 300 && res.StatusCode < 400 && strings.Contains(want, " ") {
					got += " " + res.Header.Get("Location")
				}
				if got != want {
					t.Errorf("got %s, want %s\n%.2000s", got, want, res.Body)
				}
				if res.StatusCode == 200 && strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
					checkPage(t, res)
				}
			})
		}
	}
}

// checkPage checks what every page has: a language, a title, landmarks, a
// skip link, and no inline scripts, handlers or styles.
func checkPage(t *testing.T, res response) {
	t.Helper()
	for _, want := range []string{`<html lang="`, "<title>", `<main id="main"`, `href="#main"`} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>", " onclick=", " onload=", " onchange=", " onsubmit=", " style=", "<style"} {
		if strings.Contains(res.Body, bad) {
			t.Errorf("page has %q", bad)
		}
	}
}
