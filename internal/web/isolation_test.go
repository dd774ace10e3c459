package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"samverkan/internal/web"
)

// TestMemberIsolation: a member-side user never reaches or sees another
// member's data.
func TestMemberIsolation(t *testing.T) {
	f := newFixture(t, web.Options{})
	foreign := []string{f.m2.Name, f.u2.Name, f.people["other"].Name, f.people["other"].Email}
	for _, role := range strings.Fields(member) {
		ck := f.as(t, role)
		for _, path := range []string{
			fmt.Sprintf("/members/%d", f.m2.ID), fmt.Sprintf("/members/%d/edit", f.m2.ID),
			fmt.Sprintf("/people/%d", f.people["other"].ID), fmt.Sprintf("/units/%d", f.u2.ID),
		} {
			res := f.do(t, "GET", path, nil, ck)
			if res.StatusCode != http.StatusNotFound && !(strings.HasSuffix(path, "/edit") && res.StatusCode == http.StatusForbidden) {
				t.Errorf("%s GET %s: status %d, want 404", role, path, res.StatusCode)
			}
		}
		for _, path := range []string{"/portal", "/members", "/people", fmt.Sprintf("/people?member=%d", f.m2.ID), "/substitutes",
			fmt.Sprintf("/members/%d", f.m1.ID), fmt.Sprintf("/units/%d", f.u1.ID)} {
			res := f.do(t, "GET", path, nil, ck)
			wantStatus(t, res, http.StatusOK)
			for _, name := range foreign {
				if strings.Contains(res.Body, name) {
					t.Errorf("%s GET %s shows %q of another member", role, path, name)
				}
			}
		}
	}
}

// TestPortal shows the member's organisation, units, contacts by level and
// the person's own roles.
func TestPortal(t *testing.T) {
	f := newFixture(t, web.Options{})
	res := f.do(t, "GET", "/portal", nil, f.as(t, "manager"), "Accept-Language", "en")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, f.m1.Name, "212000-1082", "Active", f.u1.Name, f.u1b.Name,
		"Tactical", "Kim Kontakt", "mailto:kim@hoganas.example", "tel:04212345",
		"Your roles", "Manager – Skolförvaltningen", `href="/account"`)
}
