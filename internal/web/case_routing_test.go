package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/web"
)

// TestRoutingAdmin: the admin orders, changes and removes routing rules
// and sets the case settings; refused input shows its errors.
func TestRoutingAdmin(t *testing.T) {
	f := newFixture(t, web.Options{})
	admin, en := f.as(t, "admin"), []string{"Accept-Language", "en"}
	for _, name := range []string{"Alfa", "Beta"} {
		wantStatus(t, f.do(t, "POST", "/routing", url.Values{"name": {name}, "member_id": {fmt.Sprint(f.m1.ID)},
			"team_id": {fmt.Sprint(f.team.ID)}}, admin), http.StatusSeeOther)
	}
	res := f.do(t, "POST", "/routing", url.Values{"name": {"Fel"}}, admin, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-team-id-error"`, `value="Fel"`)
	res = f.do(t, "POST", "/routing", url.Values{"member_id": {fmt.Sprint(f.m2.ID)}, "unit_id": {fmt.Sprint(f.u1.ID)},
		"team_id": {fmt.Sprint(f.team.ID)}}, admin, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-unit-id-error"`, "The unit belongs to another member.")
	rules, err := f.app.RoutingRules(f.ctx, app.SystemActor("test"))
	if err != nil || len(rules) != 2 {
		t.Fatalf("rules %v, %v", rules, err)
	}
	wantStatus(t, f.do(t, "POST", fmt.Sprintf("/routing/%d/move", rules[0].ID), url.Values{"dir": {"down"}}, admin), http.StatusSeeOther)
	body := f.do(t, "GET", "/routing", nil, admin).Body
	if strings.Index(body, "Beta") > strings.Index(body, "Alfa") {
		t.Error("the rule did not move down")
	}
	wantContains(t, f.do(t, "GET", fmt.Sprintf("/routing/%d", rules[1].ID), nil, admin), `value="Beta"`)
	wantStatus(t, f.do(t, "POST", fmt.Sprintf("/routing/%d", rules[1].ID), url.Values{"name": {"Beta ändrad"},
		"team_id": {fmt.Sprint(f.team.ID)}}, admin), http.StatusSeeOther)
	wantStatus(t, f.do(t, "POST", fmt.Sprintf("/routing/%d/delete", rules[0].ID), nil, admin), http.StatusSeeOther)
	body = f.do(t, "GET", "/routing", nil, admin).Body
	if strings.Contains(body, "Alfa") || !strings.Contains(body, "Beta ändrad") {
		t.Error("change or delete not shown")
	}

	res = f.do(t, "POST", "/routing/settings", url.Values{"prefix": {"hr sc"}, "reopen_days": {"400"}, "attachment_max_mb": {"10"}}, admin, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-prefix-error"`, `id="f-reopen-days-error"`)
	wantStatus(t, f.do(t, "POST", "/routing/settings", url.Values{"prefix": {"HRSC"}, "reopen_days": {"10"}, "attachment_max_mb": {"10"},
		"first_line_team_id": {fmt.Sprint(f.team.ID)}}, admin), http.StatusSeeOther)
	c := openCase(t, f, "employee", app.NewCase{Subject: "Prefix"})
	if !strings.HasPrefix(c.Reference, "HRSC2026-") {
		t.Errorf("reference %s lacks the prefix", c.Reference)
	}
	// Staff read the rules; only admins change them.
	res = f.do(t, "GET", "/routing", nil, f.as(t, "agent"))
	wantContains(t, res, "Beta ändrad")
	if strings.Contains(res.Body, `action="/routing/settings"`) {
		t.Error("an agent is offered the settings form")
	}
}
