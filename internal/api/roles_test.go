package api_test

import (
	"fmt"
	"samverkan/internal/app"
	"samverkan/internal/sla"
	"testing"
	"time"

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
	return append([]route{
		{"GET", "/openapi.json", fixed(path("/openapi.json"), nil), []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/sla/policies", fixed(path("/sla/policies"), nil), everyone(200)},
		{"POST", "/sla/policies", fixed(path("/sla/policies"), map[string]any{"name": "Fel inom 8 timmar", "priority": "urgent",
			"resolution": map[string]any{"amount": 8, "unit": "business_hours"}}), adminOnly(201)},
		{"GET", "/sla/policies/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/sla/policies/%d", f.policy(t)), nil
		}, everyone(200)},
		{"PUT", "/sla/policies/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/sla/policies/%d", f.policy(t)), map[string]any{"name": "Standard", "resolution": map[string]any{"amount": 5, "unit": "business_days"}}
		}, adminOnly(200)},
		{"DELETE", "/sla/policies/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			p, err := f.app.SaveSLAPolicy(f.ctx, f.sys, sla.Policy{Name: "Tillfällig", Resolution: sla.Target{Amount: 1, Unit: sla.BusinessDays}})
			if err != nil {
				t.Fatal(err)
			}
			return path("/sla/policies/%d", p.ID), nil
		}, adminOnly(204)},
		{"GET", "/sla/policies/{id}/preview", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/sla/policies/%d/preview?received_at=2026-04-02T14:00:00%%2B02:00", f.policy(t)), nil
		}, centreOnly(200)},
		{"GET", "/sla/report", fixed(path("/sla/report?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z"), nil), everyone(200)},
		{"GET", "/calendar/closed-days", fixed(path("/calendar/closed-days?year=2026"), nil), everyone(200)},
		{"POST", "/calendar/closed-days", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/calendar/closed-days"), map[string]any{"date": fmt.Sprintf("2027-02-%02d", 1+f.next()%28), "name": "Planeringsdag"}
		}, adminOnly(201)},
		{"DELETE", "/calendar/closed-days/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			d, err := f.app.AddClosedDay(f.ctx, f.sys, app.ClosedDay{Day: time.Date(2028, 3, 1+f.next()%28, 0, 0, 0, 0, time.UTC), Name: "Stängt"})
			if err != nil {
				t.Fatal(err)
			}
			return path("/calendar/closed-days/%d", d.ID), nil
		}, adminOnly(204)},
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
		{"POST", "/people/{id}/verify", func(t *testing.T, f *fixture, who string) (string, any) {
			p, err := f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Ny Avsändare", Email: fmt.Sprintf("ny%d@m1.example", f.next()),
				MemberID: m1, Pending: true})
			if err != nil {
				t.Fatal(err)
			}
			return path("/people/%d/verify", p.ID), nil
		}, centreOnly(200)},

		{"GET", "/substitutes", fixed(path("/substitutes"), nil), everyone(200)},
		// The orderer is to act for the employee: admins and the employee may say so.
		{"POST", "/substitutes", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/substitutes"), period(map[string]any{"person_id": f.people["orderer"].ID, "for_person_id": f.people["employee"].ID})
		}, []int{201, 403, 403, 403, 403, 403, 403, 201, 401, 401}},
		// Admins see every substitution, member-side users their member's,
		// other centre staff only those they are part of.
		{"GET", "/substitutes/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/substitutes/%d", f.substitute(t)), nil
		}, []int{200, 404, 404, 200, 200, 200, 200, 200, 401, 401}},
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
		// The employee's token: theirs to read, and any admin's.
		{"GET", "/tokens/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			tok, _, err := f.app.CreateAPIToken(f.ctx, f.sys, f.people["employee"].ID, "read")
			if err != nil {
				t.Fatal(err)
			}
			return path("/tokens/%d", tok.ID), nil
		}, []int{200, 404, 404, 404, 404, 404, 404, 200, 401, 401}},
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

		{"GET", "/catalogue/areas", fixed(path("/catalogue/areas"), nil), everyone(200)},
		{"POST", "/catalogue/areas", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/catalogue/areas"), map[string]any{"code": fmt.Sprintf("area_%d", f.next()),
				"name": map[string]string{"sv": "Område", "da": "Område", "en": "Area"}}
		}, adminOnly(201)},
		{"PATCH", "/catalogue/areas/{id}", catPath("/catalogue/areas/%d", func(s *catState) int64 { return s.area.ID },
			map[string]any{"description": map[string]string{"sv": "Lön", "da": "Løn", "en": "Pay"}}), adminOnly(200)},
		{"GET", "/catalogue/services", fixed(path("/catalogue/services?q=r%%C3%%A4ttelse&party=manager"), nil), everyone(200)},
		{"POST", "/catalogue/services", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/catalogue/services"), map[string]any{"area_id": f.cat(t).area.ID, "code": fmt.Sprintf("service_%d", f.next()),
				"name": map[string]string{"sv": "Tjänst", "da": "Service", "en": "Service"}, "kind": "additional"}
		}, adminOnly(201)},
		{"GET", "/catalogue/services/{id}", catPath("/catalogue/services/%d", func(s *catState) int64 { return s.service.ID }, nil), everyone(200)},
		{"PATCH", "/catalogue/services/{id}", catPath("/catalogue/services/%d", func(s *catState) int64 { return s.extra.ID },
			map[string]any{"active": true}), adminOnly(200)},
		{"GET", "/catalogue/services/{id}/versions", catPath("/catalogue/services/%d/versions", func(s *catState) int64 { return s.service.ID }, nil), centreOnly(200)},
		{"POST", "/catalogue/services/{id}/activities", catPath("/catalogue/services/%d/activities", func(s *catState) int64 { return s.extra.ID },
			map[string]any{"name": map[string]string{"sv": "Beställa", "da": "Bestille", "en": "Order"}, "responsible": "member",
				"deadline": map[string]any{"anchor": "payday", "days": -10}}), adminOnly(201)},
		{"PATCH", "/catalogue/activities/{id}", patchActivity, adminOnly(200)},
		{"DELETE", "/catalogue/activities/{id}", newActivity, adminOnly(204)},
		{"GET", "/who-does-what", fixed(path("/who-does-what?q=r%%C3%%A4ttelse"), nil), everyone(200)},

		{"GET", "/agreements", catPath("/agreements", nil, nil), agreementReaders(200)},
		{"POST", "/agreements", newAgreement, adminOnly(201)},
		{"GET", "/agreements/{id}", catPath("/agreements/%d", func(s *catState) int64 { return s.v1.AgreementID }, nil), agreementReaders(200)},
		{"POST", "/agreements/{id}/versions", newDraftVersion, adminOnly(201)},
		{"POST", "/agreements/{id}/reviewed", catPath("/agreements/%d/reviewed", func(s *catState) int64 { return s.v1.AgreementID }, nil), adminOnly(200)},
		{"GET", "/agreement-versions/{id}", catPath("/agreement-versions/%d", func(s *catState) int64 { return s.v1.ID }, nil), agreementReaders(200)},
		{"PATCH", "/agreement-versions/{id}", patchDraft, adminOnly(200)},
		{"POST", "/agreement-versions/{id}/approve", approveDraft, adminOnly(200)},
		{"GET", "/agreement-versions/{id}/compare", func(t *testing.T, f *fixture, who string) (string, any) {
			s := f.cat(t)
			return path("/agreement-versions/%d/compare?with=%d", s.v2.ID, s.v1.ID), nil
		}, agreementReaders(200)},

		{"GET", "/orders", catPath("/orders", nil, nil), orderFollowers(200)},
		{"POST", "/orders", fixed(path("/orders"), map[string]any{"kind": "special", "title": "Rapport", "description": "Sjukfrånvaro per enhet"}), orderersOnly(201)},
		{"GET", "/orders/{id}", catPath("/orders/%d", func(s *catState) int64 { return s.order.ID }, nil), orderFollowers(200)},
		{"POST", "/orders/{id}/actions", cancelOrder, orderDeciders(200)},
	}, append(governanceRoutes(f), caseRoutes(f)...)...)
}

// runRoutes tries every route as every caller.
func runRoutes(t *testing.T, f *fixture) {
	for _, rt := range routeTable(f) {
		t.Run(rt.method+" "+rt.pattern, func(t *testing.T) {
			for i, who := range roles {
				p, body := rt.req(t, f, who)
				var res response
				if up, ok := body.(upload); ok { // multipart/form-data
					res = f.send(t, who, up.request(rt.method, p))
				} else {
					res = f.do(t, who, rt.method, p, body)
				}
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

// substitute is a substitution at m1 (the orderer acts for the employee),
// made once.
func (f *fixture) substitute(t *testing.T) int64 {
	t.Helper()
	if f.subID == 0 {
		s, err := f.app.AppointSubstitute(f.ctx, f.sys, org.Substitute{PersonID: f.people["orderer"].ID, ForPersonID: f.people["employee"].ID,
			StartsOn: testNow, EndsOn: testNow.AddDate(0, 0, 7)})
		if err != nil {
			t.Fatal(err)
		}
		f.subID = s.ID
	}
	return f.subID
}

// policy is a service-level policy that applies to everyone, made once.
func (f *fixture) policy(t *testing.T) int64 {
	t.Helper()
	if f.policyID == 0 {
		p, err := f.app.SaveSLAPolicy(f.ctx, f.sys, sla.Policy{Name: "Standard", Position: 100,
			FirstResponse: sla.Target{Amount: 2, Unit: sla.BusinessDays}, Resolution: sla.Target{Amount: 5, Unit: sla.BusinessDays}})
		if err != nil {
			t.Fatal(err)
		}
		f.policyID = p.ID
	}
	return f.policyID
}
