package api_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/orders"
	"samverkan/internal/org"
)

// catState is what the catalogue, agreement and order routes need: a
// service with an activity, an additional service, m1's agreement (v1
// approved, ending 2099, and a v2 draft) and an order of m1's.
type catState struct {
	area         catalog.Area
	service      catalog.Service
	extra        catalog.Service
	v1, v2       catalog.Version
	order        orders.Order
	ordererActor app.Actor
}

var catStates sync.Map // *fixture -> *catState

func (f *fixture) cat(t *testing.T) *catState {
	t.Helper()
	if s, ok := catStates.Load(f); ok {
		return s.(*catState)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s := &catState{}
	areas, err := f.app.Catalogue(f.ctx, f.sys, app.CatalogueQuery{})
	must(err)
	s.area, s.service = areas[0].Area, areas[0].Services[2]
	_, err = f.app.AddActivity(f.ctx, f.sys, catalog.Activity{ServiceID: s.service.ID, Name: text("Anmäla rättelse"),
		Responsible: catalog.Manager, Deadline: catalog.Deadline{Anchor: catalog.Cutoff}})
	must(err)
	s.service, err = f.app.CatalogueService(f.ctx, f.sys, s.service.ID)
	must(err)
	s.extra, err = f.app.CreateCatalogueService(f.ctx, f.sys, catalog.Service{AreaID: s.area.ID, Code: "extra_pay_run",
		Name: text("Extra lönekörning"), Kind: catalog.Additional, Active: true})
	must(err)
	s.v1, err = f.app.CreateAgreement(f.ctx, f.sys, f.m1.ID, catalog.Version{Title: "Samverkansavtal Höganäs",
		ValidFrom: day("2025-01-01"), ValidTo: day("2099-12-31"), BindingMonths: 60, NoticeMonths: 12,
		Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10}, Services: []catalog.IncludedService{{ServiceID: s.service.ID}}})
	must(err)
	s.v1, err = f.app.ApproveAgreementVersion(f.ctx, f.sys, s.v1.ID)
	must(err)
	s.v2, err = f.app.DraftAgreementVersion(f.ctx, f.sys, s.v1.AgreementID, "Kortare uppsägningstid")
	must(err)
	p := f.people["orderer"]
	s.ordererActor = app.Actor{PersonID: p.ID, Name: p.Name, MemberID: p.MemberID, Grants: p.Grants}
	s.order, err = f.app.PlaceOrder(f.ctx, s.ordererActor, app.NewOrder{Kind: orders.Special, Title: "Rapport", Description: "Sjukfrånvaro"})
	must(err)
	catStates.Store(f, s)
	return s
}

func text(s string) catalog.Text { return catalog.Text{SV: s, DA: s, EN: s} }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// catPath is a request for a fixed path built from the catalogue state.
func catPath(format string, pick func(*catState) int64, body any) func(*testing.T, *fixture, string) (string, any) {
	return func(t *testing.T, f *fixture, _ string) (string, any) {
		if pick == nil {
			f.cat(t)
			return path(format), body
		}
		return path(format, pick(f.cat(t))), body
	}
}

// period is a validity far in the future no other test agreement touches.
func (f *fixture) period() (time.Time, time.Time) {
	y := 2100 + f.next()
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
}

// freshDraft makes a new agreement of m1 with a draft first version.
func (f *fixture) freshDraft(t *testing.T) catalog.Version {
	t.Helper()
	from, to := f.period()
	v, err := f.app.CreateAgreement(f.ctx, f.sys, f.m1.ID, catalog.Version{Title: "Tilläggsavtal", ValidFrom: from, ValidTo: to,
		Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10}})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Requests that need something new each time.
var (
	newActivity = func(t *testing.T, f *fixture, _ string) (string, any) {
		a, err := f.app.AddActivity(f.ctx, f.sys, catalog.Activity{ServiceID: f.cat(t).service.ID, Name: text("Tillfällig"), Responsible: catalog.Centre})
		if err != nil {
			t.Fatal(err)
		}
		return path("/catalogue/activities/%d", a.ID), nil
	}
	patchActivity = func(t *testing.T, f *fixture, who string) (string, any) {
		p, _ := newActivity(t, f, who)
		return p, map[string]any{"deadline": map[string]any{"anchor": "receipt", "days": 2}, "service_level": nil}
	}
	newDraftVersion = func(t *testing.T, f *fixture, _ string) (string, any) {
		v := f.freshDraft(t)
		if _, err := f.app.ApproveAgreementVersion(f.ctx, f.sys, v.ID); err != nil {
			t.Fatal(err)
		}
		return path("/agreements/%d/versions", v.AgreementID), map[string]any{"changes": "Årlig revision"}
	}
	patchDraft = func(t *testing.T, f *fixture, _ string) (string, any) {
		return path("/agreement-versions/%d", f.freshDraft(t).ID), map[string]any{"notice_months": 6}
	}
	approveDraft = func(t *testing.T, f *fixture, _ string) (string, any) {
		return path("/agreement-versions/%d/approve", f.freshDraft(t).ID), nil
	}
	newAgreement = func(t *testing.T, f *fixture, _ string) (string, any) {
		from, to := f.period()
		return path("/agreements"), map[string]any{"member_id": f.m1.ID, "title": "Avtal", "valid_from": from.Format(time.DateOnly),
			"valid_to": to.Format(time.DateOnly), "pay_day": 25, "cutoff_day": 10,
			"targets": []map[string]any{{"code": "payslip_accuracy", "name": "Korrekta lönebesked", "counted": "lönebesked utan fel",
				"period": "month", "comparator": "at_least", "value": 9950, "unit": "percent", "centre_errors_only": true}},
			"signatories": []map[string]any{{"side": "member", "name": "Karin", "title": "HR-direktör"}}}
	}
	cancelOrder = func(t *testing.T, f *fixture, _ string) (string, any) {
		o, err := f.app.PlaceOrder(f.ctx, f.cat(t).ordererActor, app.NewOrder{Kind: orders.Special, Title: "Rapport", Description: "x"})
		if err != nil {
			t.Fatal(err)
		}
		return path("/orders/%d/actions", o.ID), map[string]any{"action": "cancel", "text": "behövs inte"}
	}
)

// Expected statuses of agreement readers and order followers.
func agreementReaders(code int) []int {
	return []int{code, code, code, code, code, code, code, 403, 401, 401}
}
func orderFollowers(code int) []int {
	return []int{code, code, code, code, 403, 403, code, 403, 401, 401}
}
func orderersOnly(code int) []int { return []int{403, 403, 403, 403, 403, 403, code, 403, 401, 401} }
func orderDeciders(code int) []int {
	return []int{code, code, code, 403, 403, 403, code, 403, 401, 401}
}

// TestOrderFlowThroughAPI is the "done when" through the API: an
// orderer orders an additional service above the quote threshold; it
// cannot be accepted on an estimate; the centre quotes, the orderer
// accepts, the centre delivers, the orderer approves; the agreement has a
// new version with the addendum.
func TestOrderFlowThroughAPI(t *testing.T) {
	f := newFixture(t)
	s := f.cat(t)
	res := f.do(t, "orderer", "POST", path("/orders"), map[string]any{"kind": "additional", "service_id": s.extra.ID,
		"title": "Extra lönekörning för timavlönade", "description": "Den 15:e varje månad", "wanted_by": "2027-01-15"}).want(t, 201)
	o := decodeAs[map[string]any](t, res)
	id := num(o, "id")
	act := func(who string, body map[string]any, code int) map[string]any {
		t.Helper()
		return decodeAs[map[string]any](t, f.do(t, who, "POST", path("/orders/%d/actions", id), body).want(t, code))
	}
	act("agent", map[string]any{"action": "estimate", "amount": 7_250_000, "text": "Cirka 60 timmar"}, 200)
	refusal := decodeAs[problem](t, f.do(t, "orderer", "POST", path("/orders/%d/actions", id), map[string]any{"action": "accept"}).want(t, 409))
	if len(refusal.Errors) != 1 || refusal.Errors[0].Code != "quote_required" || !strings.Contains(refusal.Detail, "written quote") {
		t.Fatalf("refusal %+v", refusal)
	}
	got := act("agent", map[string]any{"action": "quote", "amount": 7_250_000, "text": "Offert: 60 h à 1 208 kr", "valid_until": "2026-12-31"}, 200)
	if got["state"] != "quoted" || got["quote_required"] != true || num(got, "quote_threshold") != 5_000_000 {
		t.Fatalf("quoted %v", got)
	}
	got = act("orderer", map[string]any{"action": "accept"}, 200)
	version := num(got, "agreement_version_id")
	if got["state"] != "accepted" || version == 0 {
		t.Fatalf("accepted %v", got)
	}
	act("agent", map[string]any{"action": "deliver", "text": "Första körningen gjord"}, 200)
	got = act("orderer", map[string]any{"action": "approve"}, 200)
	if got["state"] != "approved" || len(got["events"].([]any)) != 6 {
		t.Fatalf("approved %v", got)
	}
	ag := decodeAs[map[string]any](t, f.do(t, "contact", "GET", path("/agreements/%d", s.v1.AgreementID), nil).want(t, 200))
	if num(ag, "approved_version_id") != version || len(ag["versions"].([]any)) != 3 {
		t.Fatalf("agreement %v", ag)
	}
	v := decodeAs[map[string]any](t, f.do(t, "orderer", "GET", path("/agreement-versions/%d", version), nil).want(t, 200))
	extras := v["extra_services"].([]any)
	if v["status"] != "approved" || len(extras) != 1 || num(extras[0].(map[string]any), "order_id") != id ||
		!strings.Contains(v["changes"].(string), o["reference"].(string)) {
		t.Fatalf("addendum %v", v)
	}
	cmp := decodeAs[map[string]any](t, f.do(t, "contact", "GET", path("/agreement-versions/%d/compare?with=%d", version, s.v1.ID), nil).want(t, 200))
	if len(cmp["differences"].([]any)) == 0 {
		t.Fatalf("no differences: %v", cmp)
	}
}

func TestCatalogueAPIBadInput(t *testing.T) {
	f := newFixture(t)
	s := f.cat(t)
	// Someone without the orderer role gets 403 with an explanation.
	p := decodeAs[problem](t, f.do(t, "contact", "POST", path("/orders"), map[string]any{"kind": "special", "title": "x", "description": "y"}).want(t, 403))
	if !strings.Contains(p.Detail, "orderer") {
		t.Errorf("403 without explanation: %q", p.Detail)
	}
	// Overlapping validity is invalid input.
	p = decodeAs[problem](t, f.do(t, "admin", "POST", path("/agreements"), map[string]any{"member_id": f.m1.ID, "title": "Dubbel",
		"valid_from": "2026-01-01"}).want(t, 422))
	if len(p.Errors) != 1 || p.Errors[0].Field != "valid_from" || p.Errors[0].Code != "validity_overlap" {
		t.Errorf("overlap %+v", p)
	}
	// An approved version is not edited.
	p = decodeAs[problem](t, f.do(t, "admin", "PATCH", path("/agreement-versions/%d", s.v1.ID), map[string]any{"notice_months": 3}).want(t, 409))
	if len(p.Errors) != 1 || p.Errors[0].Code != "version_locked" {
		t.Errorf("edit approved %+v", p)
	}
	f.do(t, "admin", "PATCH", path("/catalogue/activities/%d", s.service.Activities[0].ID),
		map[string]any{"deadline": map[string]any{"anchor": "weekly", "days": 1}}).want(t, 422)
	f.do(t, "admin", "POST", path("/orders/%d/actions", s.order.ID), map[string]any{"action": "deliver"}).want(t, 409)
	f.do(t, "admin", "GET", path("/orders?state=lost"), nil).want(t, 422)
}

// TestCatalogueAPIIsolation: another member's agreement and order by id
// are not found; lists leave them out.
func TestCatalogueAPIIsolation(t *testing.T) {
	f := newFixture(t)
	s := f.cat(t)
	for _, key := range []string{"orderer2", "contact2"} {
		g := org.Grant{Role: org.Orderer}
		if key == "contact2" {
			g = org.Grant{Role: org.Contact, Level: org.Tactical}
		}
		p, err := f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: key, Email: key + "@m2.example", MemberID: f.m2.ID, Grants: []org.Grant{g}})
		if err != nil {
			t.Fatal(err)
		}
		f.people[key] = p
		f.tokens[key] = f.token(t, key)
	}
	for _, who := range []string{"orderer2", "contact2"} {
		for _, p := range []string{path("/agreements/%d", s.v1.AgreementID), path("/agreement-versions/%d", s.v1.ID),
			path("/agreement-versions/%d/compare?with=%d", s.v2.ID, s.v1.ID), path("/orders/%d", s.order.ID)} {
			f.do(t, who, "GET", p, nil).want(t, 404)
		}
		f.do(t, who, "POST", path("/orders/%d/actions", s.order.ID), map[string]any{"action": "cancel", "text": "x"}).want(t, 404)
		for _, p := range []string{path("/agreements"), path("/orders"), path(fmt.Sprintf("/orders?member_id=%d", f.m1.ID))} {
			if l := decodeAs[page](t, f.do(t, who, "GET", p, nil).want(t, 200)); len(l.Items) != 0 {
				t.Errorf("%s lists %d of another member's from %s", who, len(l.Items), p)
			}
		}
	}
	w := decodeAs[map[string]any](t, f.do(t, "manager", "GET", path("/who-does-what?member_id=%d&q=r%%C3%%A4ttelse&party=manager", f.m2.ID), nil).want(t, 200))
	if num(w, "member_id") != f.m1.ID || len(w["services"].([]any)) != 1 {
		t.Fatalf("who does what %v", w)
	}
	step := w["services"].([]any)[0].(map[string]any)["steps"].([]any)[0].(map[string]any)
	if step["next_due"] != "2026-12-10" {
		t.Errorf("the manager's correction is due %v", step["next_due"])
	}
}
