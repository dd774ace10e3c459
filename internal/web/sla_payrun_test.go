package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/web"
)

// TestPayrunInputPages: the policy form takes the member's pay-run
// obligation and shows a bad value next to its field; a late input shows on
// the case page, for centre staff and for the member, and on the member's
// side of the report.
func TestPayrunInputPages(t *testing.T) {
	f := newFixture(t, web.Options{})
	admin := f.as(t, "admin")
	en := []string{"Accept-Language", "en"}
	for _, bad := range []string{"31", "-1", "fem"} {
		res := f.do(t, "POST", "/sla", url.Values{"name": {"Rättelser"}, "resolution": {"20"}, "resolution_unit": {"business_days"},
			"payrun_input_days": {bad}}, admin, en...)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantContains(t, res, `id="f-payrun-input-days-error"`, `aria-invalid="true"`, "from 0 (no obligation) to 30")
	}
	res := f.do(t, "POST", "/sla", url.Values{"name": {"Rättelser"}, "position": {"10"}, "case_type": {"correction"},
		"resolution": {"20"}, "resolution_unit": {"business_days"}, "payrun_input_days": {"5"}, "warn_percent": {"80"}}, admin, en...)
	wantStatus(t, res, http.StatusSeeOther)
	loc := strings.Split(res.Header.Get("Location"), "?")[0]
	form := f.do(t, "GET", loc+"?received_at=2026-06-01T09:00", nil, admin, en...)
	wantContains(t, form, `name="payrun_input_days" value="5"`, "2026-06-03 08:00, for pay run 2026-06 (cut-off 2026-06-10, payday 2026-06-25)")
	wantContains(t, f.do(t, "GET", "/sla", nil, admin, en...), "5 business days before the cut-off")

	// testNow is 23 November 2026; input received on 5 November was due
	// by 08:00 on 3 November for the pay run with the 10 November cut-off.
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	c, err := f.app.OpenCase(f.ctx, app.SystemActor("test"), app.NewCase{RequesterID: f.people["contact"].ID, Channel: cases.Email,
		Type: cases.Correction, Subject: "Rättelse av OB", Body: "OB saknas.", Details: map[string]string{"employee": "Kim", "pay_period": "2026-10"},
		ReceivedAt: time.Date(2026, 11, 5, 10, 0, 0, 0, stockholm)})
	if err != nil {
		t.Fatal(err)
	}
	page := f.do(t, "GET", "/cases/"+itoa(c.ID), nil, admin, en...)
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page, "Pay-run input, pay run 2026-11", "Late (the member&#39;s miss)", "Cut-off 2026-11-10, payday 2026-11-25", "2026-11-03 08:00")
	portal := f.do(t, "GET", "/portal/cases/"+itoa(c.ID), nil, f.as(t, "contact"), en...)
	wantStatus(t, portal, http.StatusOK)
	wantContains(t, portal, "Pay-run input, pay run 2026-11", "Late (the member&#39;s miss)")

	report := f.do(t, "GET", "/sla/report?from=2026-11-01&to=2026-11-30", nil, admin, en...)
	wantStatus(t, report, http.StatusOK)
	member := report.Body[strings.Index(report.Body, `id="member-side"`):]
	centre := report.Body[strings.Index(report.Body, `id="centre-side"`):strings.Index(report.Body, `id="member-side"`)]
	if !strings.Contains(member, "Pay-run input") || strings.Contains(centre, "Pay-run input") {
		t.Errorf("pay-run input belongs on the member's side only:\n%s", report.Body)
	}
}
