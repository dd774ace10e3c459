package api_test

import (
	"fmt"
	"testing"

	"samverkan/internal/org"
)

// route is one operation with a request that would succeed for someone
// allowed to make it, and the status each caller of roles gets.
type route struct {
	method, pattern string
	// req makes the path and body for caller who; it may create what the
	// request needs (through app, as the system).
	req  func(t *testing.T, f *fixture, who string) (string, any)
	want []int // in the order of roles
}

// Expected statuses by caller, in the order of roles:
// admin, lead, agent, contact, manager, assistant, orderer, employee, none, revoked.
func everyone(code int) []int   { return []int{code, code, code, code, code, code, code, code, 401, 401} }
func adminOnly(code int) []int  { return []int{code, 403, 403, 403, 403, 403, 403, 403, 401, 401} }
func centreOnly(code int) []int { return []int{code, code, code, 403, 403, 403, 403, 403, 401, 401} }

// fixed is a request with a fixed path and body.
func fixed(p string, body any) func(*testing.T, *fixture, string) (string, any) {
	return func(*testing.T, *fixture, string) (string, any) { return p, body }
}

// routeTable covers every route of the API.
func routeTable(f *fixture) []route {
	m1, u1, team := f.m1.ID, f.u1.ID, f.team.ID
	contact, staff := f.people["contact"].ID, f.people["staff"].ID
	period := func(body map[string]any) map[string]any {
		body["starts_on"], body["ends_on"] = "2026-12-01", "2026-12-31"
		return body
	}
	return []route{
		{"GET", "/openapi.json", fixed(path("/openapi.json"), nil), []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/calendar/holidays", fixed(path("/calendar/holidays?country=dk&year=2027"), nil), []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/calendar/add", fixed(path("/calendar/add?country=se&from=2026-12-23T15:00:00%%2B01:00&days=2"), nil), []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/me", fixed(path("/me"), nil), everyone(200)},
		{"GET", "/centre", fixed(path("/centre"), nil), everyone(200)},
		{"PATCH", "/centre", fixed(path("/centre"), map[string]any{"name": "HR-servicecenter"}), adminOnly(200)},

		{"GET", "/members", fixed(path("/members"), nil), everyone(200)},
		{"POST", "/members", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/members"), map[string]any{"name": "Bolag " + who, "org_number": f.orgNumber(), "kind": "municipal_company", "country": "SE", "parent_id": m1}
		}, adminOnly(201)},
		{"GET", "/members/{id}", fixed(path("/members/%d", m1), nil), everyone(200)},
		{"PATCH", "/members/{id}", fixed(path("/members/%d", m1), map[string]any{"status": "active"}), adminOnly(200)},

		{"GET", "/units", fixed(path("/units"), nil), everyone(200)},
		{"POST", "/units", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/units"), map[string]any{"member_id": m1, "parent_id": u1, "name": fmt.Sprintf("Enhet %d", f.next())}
		}, adminOnly(201)},
		{"GET", "/units/{id}", fixed(path("/units/%d", u1), nil), everyone(200)},
		{"PATCH", "/units/{id}", fixed(path("/units/%d", u1), map[string]any{"cost_centre": "4100"}), adminOnly(200)},

		{"GET", "/teams", fixed(path("/teams"), nil), centreOnly(200)},
		{"POST", "/teams", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/teams"), map[string]any{"name": fmt.Sprintf("Team %d", f.next())}
		}, adminOnly(201)},
		{"GET", "/teams/{id}", fixed(path("/teams/%d", team), nil), centreOnly(200)},
		{"PATCH", "/teams/{id}", fixed(path("/teams/%d", team), map[string]any{"description": "Lön och pension"}), adminOnly(200)},
		{"PUT", "/teams/{id}/members/{person_id}", fixed(path("/teams/%d/members/%d", team, staff), nil),
			[]int{204, 204, 403, 403, 403, 403, 403, 403, 401, 401}},
		{"DELETE", "/teams/{id}/members/{person_id}", func(t *testing.T, f *fixture, who string) (string, any) {
			if err := f.app.SetTeamMember(f.ctx, f.sys, team, staff, true); err != nil {
				t.Fatal(err)
			}
			return path("/teams/%d/members/%d", team, staff), nil
		}, []int{204, 204, 403, 403, 403, 403, 403, 403, 401, 401}},
		{"PUT", "/teams/{id}/units", fixed(path("/teams/%d/units", team), map[string]any{"unit_ids": []int64{u1}}), adminOnly(200)},

		{"GET", "/people", fixed(path("/people"), nil), everyone(200)},
		{"POST", "/people", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/people"), map[string]any{"name": "Ny Person", "email": fmt.Sprintf("ny%d@test.example", f.next()),
				"member_id": m1, "roles": []map[string]any{{"role": "employee"}}}
		}, adminOnly(201)},
		{"GET", "/people/{id}", fixed(path("/people/%d", contact), nil), everyone(200)},
		{"PATCH", "/people/{id}", fixed(path("/people/%d", contact), map[string]any{"phone": "+46 42 10 00 00"}), adminOnly(200)},

		{"GET", "/substitutes", fixed(path("/substitutes"), nil), everyone(200)},
		// The orderer is to act for the employee: admins and the employee may say so.
		{"POST", "/substitutes", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/substitutes"), period(map[string]any{"person_id": f.people["orderer"].ID, "for_person_id": f.people["employee"].ID})
		}, []int{201, 403, 403, 403, 403, 403, 403, 201, 401, 401}},
		{"DELETE", "/substitutes/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			s, err := f.app.AppointSubstitute(f.ctx, f.sys, org.Substitute{PersonID: f.people["orderer"].ID, ForPersonID: f.people["employee"].ID,
				StartsOn: testNow, EndsOn: testNow.AddDate(0, 1, 0)})
			if err != nil {
				t.Fatal(err)
			}
			return path("/substitutes/%d", s.ID), nil
		}, []int{204, 404, 404, 404, 404, 404, 404, 204, 401, 401}},

		{"GET", "/tokens", fixed(path("/tokens"), nil), everyone(200)},
		{"POST", "/tokens", fixed(path("/tokens"), map[string]any{"name": "ci"}), everyone(201)},
		{"DELETE", "/tokens/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			owner := who
			if who == "none" || who == "revoked" {
				owner = "admin"
			}
			tok, _, err := f.app.CreateAPIToken(f.ctx, f.sys, f.people[owner].ID, "spare")
			if err != nil {
				t.Fatal(err)
			}
			return path("/tokens/%d", tok.ID), nil
		}, everyone(204)},

		{"GET", "/audit", fixed(path("/audit"), nil), adminOnly(200)},
	}
}

// runRoutes tries every route as every caller.
func runRoutes(t *testing.T, f *fixture) {
	for _, rt := range routeTable(f) {
		t.Run(rt.method+" "+rt.pattern, func(t *testing.T) {
			for i, who := range roles {
				p, body := rt.req(t, f, who)
				res := f.do(t, who, rt.method, p, body)
				if res.status != rt.want[i] {
					t.Errorf("as %s: status %d, want %d: %s", who, res.status, rt.want[i], res.body)
				}
			}
		})
	}
}

func TestEveryRouteEveryRole(t *testing.T) {
	f := newFixture(t)
	runRoutes(t, f)
}
