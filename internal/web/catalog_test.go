package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/i18n"
	"samverkan/internal/orders"
	"samverkan/internal/web"
)

// catalogueSetup gives the fixture a described corrections service, an
// additional service, an agreement of m1 (approved, then a draft) and an
// order of m1's orderer.
type catalogueSetup struct {
	service, extra catalog.Service
	v1, v2         catalog.Version
	order          orders.Order
}

func setUpCatalogue(t *testing.T, f *fixture) catalogueSetup {
	t.Helper()
	sys := app.SystemActor("test")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var c catalogueSetup
	areas, err := f.app.Catalogue(f.ctx, sys, app.CatalogueQuery{})
	must(err)
	c.service = areas[0].Services[2]
	tx := func(s string) catalog.Text { return catalog.Text{SV: s, DA: s + " (da)", EN: s + " (en)"} }
	for _, a := range []catalog.Activity{
		{Name: tx("Anmäla rättelse i självservice"), Responsible: catalog.Manager, Deadline: catalog.Deadline{Anchor: catalog.Cutoff}, Forms: tx("Självservice")},
		{Name: tx("Attestera rättelsen"), Responsible: catalog.Member, Deadline: catalog.Deadline{Anchor: catalog.Payday, Days: -5}},
		{Name: tx("Korrigera i lönesystemet"), Responsible: catalog.Centre, Deadline: catalog.Deadline{Anchor: catalog.Receipt, Days: 2}},
	} {
		a.ServiceID = c.service.ID
		_, err := f.app.AddActivity(f.ctx, sys, a)
		must(err)
	}
	c.extra, err = f.app.CreateCatalogueService(f.ctx, sys, catalog.Service{AreaID: c.service.AreaID, Code: "extra_pay_run",
		Name: catalog.Text{SV: "Extra lönekörning", DA: "Ekstra lønkørsel", EN: "Extra pay run"}, Kind: catalog.Additional, Active: true})
	must(err)
	c.v1, err = f.app.CreateAgreement(f.ctx, sys, f.m1.ID, catalog.Version{Title: "Samverkansavtal Höganäs", ValidFrom: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		BindingMonths: 60, NoticeMonths: 12, Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10},
		Services: []catalog.IncludedService{{ServiceID: c.service.ID}},
		Targets: []catalog.Target{{Code: "correction_time", Name: "Rättelser i tid", Counted: "rättelser inom två dagar", Period: catalog.Monthly,
			Comparator: catalog.AtLeast, Value: 9550, Unit: catalog.Percent, CentreErrorsOnly: true}},
		Deviations:  []catalog.Deviation{{Description: "Tidrapporter på papper", ActionPlan: "E-tidrapport", EndsOn: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)}},
		Signatories: []catalog.Signatory{{Side: catalog.MemberSide, Name: "Karin Strateg", Title: "HR-direktör"}}})
	must(err)
	c.v1, err = f.app.ApproveAgreementVersion(f.ctx, sys, c.v1.ID)
	must(err)
	c.v2, err = f.app.DraftAgreementVersion(f.ctx, sys, c.v1.AgreementID, "Årlig revision")
	must(err)
	p := f.people["orderer"]
	c.order, err = f.app.PlaceOrder(f.ctx, app.Actor{PersonID: p.ID, Name: p.Name, MemberID: p.MemberID, Grants: p.Grants},
		app.NewOrder{Kind: orders.Special, Title: "Rapport", Description: "Sjukfrånvaro per enhet"})
	must(err)
	return c
}

// rawKey finds message keys that were not translated.
var rawKey = regexp.MustCompile(`[>\s"(](catalogue|agreements|orders|deadline|party|order_state|order_kind|order_event|version_status|target_period|target_unit|target_comparator|signatory_side|service_kind|deadline_anchor|error)\.[a-z_.]+[a-z]\b`)

func TestCataloguePagesByRole(t *testing.T) {
	f := newFixture(t, web.Options{})
	c := setUpCatalogue(t, f)
	id := func(n int64) string { return fmt.Sprint(n) }
	acts, _ := f.app.CatalogueService(f.ctx, app.SystemActor("test"), c.service.ID)
	svc, act, ag, v1, v2, ord := id(c.service.ID), id(acts.Activities[0].ID), id(c.v1.AgreementID), id(c.v1.ID), id(c.v2.ID), id(c.order.ID)
	readers := "contact manager assistant orderer"
	empty := url.Values{"x": {""}}
	routes := []struct {
		method, path string
		form         url.Values
		want         expect
	}{
		{"GET", "/catalogue", nil, by("*", "200")},
		{"GET", "/catalogue?q=r%C3%A4ttelse&party=manager&member=" + id(f.m1.ID), nil, by("*", "200")},
		{"GET", "/catalogue?party=nobody", nil, by("*", "200")},
		{"GET", "/catalogue/services/" + svc, nil, by("*", "200")},
		{"GET", "/catalogue/services/999999", nil, by("*", "404")},
		{"GET", "/catalogue/services/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/catalogue/services", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/catalogue/services/" + svc + "/edit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/catalogue/services/" + svc, empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/catalogue/services/" + svc + "/activities/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/catalogue/services/" + svc + "/activities", empty, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/catalogue/activities/" + act + "/edit", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/catalogue/activities/" + act, url.Values{"deadline_days": {"x"}}, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/catalogue/activities/999999/delete", empty, by("*", "404")},
		{"GET", "/agreements", nil, by(centre+" "+readers, "200", "employee", "403")},
		{"GET", "/agreements/new", nil, by("admin", "200", "team_lead agent "+member, "403")},
		{"POST", "/agreements", url.Values{"targets.0.code": {"X"}}, by("admin", "422", "team_lead agent "+member, "403")},
		{"GET", "/agreements/" + ag, nil, by(centre+" "+readers, "200", "employee", "403")},
		{"GET", "/agreement-versions/" + v1, nil, by(centre+" "+readers, "200", "employee", "403")},
		{"GET", "/agreement-versions/" + v1 + "/print", nil, by(centre+" "+readers, "200", "employee", "403")},
		{"GET", "/agreement-versions/" + v1 + "/compare?with=" + v2, nil, by(centre+" "+readers, "200", "employee", "403")},
		{"GET", "/agreement-versions/" + v1 + "/edit", nil, by("admin", "409", centre+" "+readers, "409", "employee", "403")},
		{"GET", "/agreement-versions/" + v2 + "/edit", nil, by("admin", "200", "team_lead agent "+readers, "403", "employee", "403")},
		{"POST", "/agreement-versions/" + v2, url.Values{"title": {""}}, by("admin", "422", "team_lead agent "+member, "403")},
		{"POST", "/agreement-versions/" + v1 + "/approve", empty, by("admin", "409", "team_lead agent "+member, "403")},
		{"POST", "/agreements/" + ag + "/versions", empty, by("admin", "409", "team_lead agent "+member, "403")},
		{"GET", "/orders", nil, by(centre+" contact orderer", "200", "manager assistant employee", "403")},
		{"GET", "/orders?state=lost", nil, by(centre+" contact orderer", "200", "manager assistant employee", "403")},
		{"GET", "/orders/new", nil, by("orderer", "200", centre+" contact manager assistant employee", "403")},
		{"POST", "/orders", url.Values{"kind": {"special"}}, by("orderer", "422", centre+" contact manager assistant employee", "403")},
		{"GET", "/orders/" + ord, nil, by(centre+" contact orderer", "200", "manager assistant employee", "403")},
		{"POST", "/orders/" + ord + "/actions", url.Values{"action": {"deliver"}}, by(centre, "409", "orderer", "403", "contact manager assistant employee", "403")},
	}
	for _, role := range roles {
		for _, rt := range routes {
			want, ok := rt.want[role]
			if !ok {
				t.Fatalf("%s %s: no expectation for %s", rt.method, rt.path, role)
			}
			t.Run(role+" "+rt.method+" "+rt.path, func(t *testing.T) {
				res := f.do(t, rt.method, rt.path, rt.form, f.as(t, role))
				if got := fmt.Sprint(res.StatusCode); got != want {
					t.Fatalf("got %s, want %s\n%.3000s", got, want, res.Body)
				}
				if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
					checkPage(t, res)
					if k := rawKey.FindString(res.Body); k != "" {
						t.Errorf("untranslated message key %q", k)
					}
				}
			})
		}
	}
}

// TestOrderFlowThroughForms is the "done when" through the web
// forms: order above the threshold, the estimate cannot be accepted, the
// quote can; delivery, approval, and the agreement's new version.
func TestOrderFlowThroughForms(t *testing.T) {
	f := newFixture(t, web.Options{})
	c := setUpCatalogue(t, f)
	orderer, admin := f.as(t, "orderer"), f.as(t, "admin")
	res := f.do(t, "POST", "/orders", url.Values{"kind": {"additional"}, "service_id": {fmt.Sprint(c.extra.ID)},
		"title": {"Extra lönekörning för timavlönade"}, "description": {"Den 15:e varje månad"}, "wanted_by": {"2027-01-15"}}, orderer)
	wantStatus(t, res, http.StatusSeeOther)
	page := strings.Split(res.Header.Get("Location"), "?")[0]
	step := func(who []*http.Cookie, form url.Values, status int) response {
		t.Helper()
		res := f.do(t, "POST", page+"/actions", form, who)
		wantStatus(t, res, status)
		return res
	}
	step(admin, url.Values{"action": {"estimate"}, "amount": {"72 500"}, "text": {"Cirka 60 timmar"}}, http.StatusSeeOther)
	res = step(orderer, url.Values{"action": {"accept"}}, http.StatusConflict)
	wantContains(t, res, i18n.T("sv", "error.quote_required"), `class="error-summary"`)
	res = step(admin, url.Values{"action": {"quote"}, "amount": {"72 500,00"}, "text": {"Offert"}, "valid_until": {"2026-01-01"}}, http.StatusUnprocessableEntity)
	wantContains(t, res, i18n.T("sv", "error.date_passed"))
	step(admin, url.Values{"action": {"quote"}, "amount": {"72 500,00"}, "text": {"Offert: 60 timmar"}, "valid_until": {"2026-12-31"}}, http.StatusSeeOther)
	step(orderer, url.Values{"action": {"accept"}}, http.StatusSeeOther)
	step(admin, url.Values{"action": {"deliver"}, "text": {"Första körningen gjord"}}, http.StatusSeeOther)
	res = step(orderer, url.Values{"action": {"approve"}}, http.StatusSeeOther)
	res = f.do(t, "GET", res.Header.Get("Location"), nil, orderer)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "72 500,00 kr", i18n.T("sv", "done.order_approve"), i18n.T("sv", "orders.addendum_made"))

	res = f.do(t, "GET", fmt.Sprintf("/agreements/%d", c.v1.AgreementID), nil, f.as(t, "contact"))
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Version 2", "Version 3", "Tillägg enligt beställning B2026-")
	// The addendum is version 2, in force; the draft moved up to 3.
	d, _ := f.app.Agreement(f.ctx, app.SystemActor("test"), c.v1.AgreementID)
	res = f.do(t, "GET", fmt.Sprintf("/agreement-versions/%d/compare?with=%d", c.v1.ID, d.Approved.ID), nil, f.as(t, "contact"))
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Extra lönekörning", `class="after"`)
	res = f.do(t, "GET", fmt.Sprintf("/agreement-versions/%d/print", d.Approved.ID), nil, f.as(t, "contact"))
	wantContains(t, res, `class="document"`, i18n.T("sv", "agreements.doc_place_date"), "Extra lönekörning")
}

// TestManagerFindsCorrections: a manager looks up what they must do for a
// correction and by when.
func TestManagerFindsCorrections(t *testing.T) {
	f := newFixture(t, web.Options{})
	setUpCatalogue(t, f)
	res := f.do(t, "GET", "/catalogue?q=r%C3%A4ttelse&party=manager", nil, f.as(t, "manager"))
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Anmäla rättelse i självservice", "Senast på brytdatum", "Nästa: 2026-12-10", "Självservice")
	if strings.Contains(res.Body, "Korrigera i lönesystemet") {
		t.Error("the centre's activity is listed for the manager's search")
	}
	// htmx asks for the results only.
	res = f.do(t, "GET", "/catalogue?q=r%C3%A4ttelse", nil, f.as(t, "manager"), "HX-Request", "true", "HX-Target", "results")
	wantStatus(t, res, http.StatusOK)
	if strings.Contains(res.Body, "<html") || !strings.Contains(res.Body, "Korrigera i lönesystemet") {
		t.Errorf("partial: %.500s", res.Body)
	}
}

func TestNonOrdererIsToldWhy(t *testing.T) {
	f := newFixture(t, web.Options{})
	res := f.do(t, "GET", "/orders/new", nil, f.as(t, "contact"))
	wantStatus(t, res, http.StatusForbidden)
	wantContains(t, res, i18n.T("sv", "orders.not_orderer"))
}

func TestCatalogueIsolation(t *testing.T) {
	f := newFixture(t, web.Options{})
	c := setUpCatalogue(t, f)
	other := f.as(t, "other") // a contact person of member 2
	for _, p := range []string{fmt.Sprintf("/agreements/%d", c.v1.AgreementID), fmt.Sprintf("/agreement-versions/%d", c.v1.ID),
		fmt.Sprintf("/agreement-versions/%d/print", c.v1.ID), fmt.Sprintf("/orders/%d", c.order.ID)} {
		wantStatus(t, f.do(t, "GET", p, nil, other), http.StatusNotFound)
	}
	res := f.do(t, "GET", "/orders", nil, other)
	if strings.Contains(res.Body, c.order.Reference) {
		t.Error("another member's order is listed")
	}
	res = f.do(t, "GET", "/agreements", nil, other)
	if strings.Contains(res.Body, "Samverkansavtal Höganäs") {
		t.Error("another member's agreement is listed")
	}
}

// TestCatalogueCodesTranslated: every field error code of the catalogue,
// agreement and order packages has a message in every language.
func TestCatalogueCodesTranslated(t *testing.T) {
	call := regexp.MustCompile(`(?:fs\.Add|fault\.Field)\((?:"[^"]*"|[^()"]|\([^()]*\))*?,\s*"([a-z_]+)",\s*(?:"|fmt\.)|Code:\s*"([a-z_]+)"`)
	codes := map[string]bool{}
	var files []string
	for _, pattern := range []string{"../catalog/*.go", "../orders/*.go", "../app/catalog*.go", "../app/agreements*.go", "../app/orders*.go",
		"catalog*.go", "agreements*.go", "orders*.go"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			codes[m[1]+m[2]] = true
		}
	}
	if len(codes) < 25 {
		t.Fatalf("found only %d codes: %v", len(codes), codes)
	}
	for code := range codes {
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, "error."+code) {
				t.Errorf("%s lacks a message for field error code %q", lang, code)
			}
		}
	}
}
