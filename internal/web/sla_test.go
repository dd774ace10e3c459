package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"samverkan/internal/web"
)

func TestServiceLevelPages(t *testing.T) {
	f := newFixture(t, web.Options{})
	admin := f.as(t, "admin")
	// A new policy, then its preview across Easter 2026.
	res := f.do(t, "POST", "/sla", url.Values{"name": {"E-post inom 2 arbetsdagar"}, "position": {"10"},
		"first_response": {"2"}, "first_response_unit": {"business_days"}, "resolution": {"5"}, "resolution_unit": {"business_days"},
		"warn_percent": {"80"}, "pause_on": {"waiting_member"}}, admin)
	wantStatus(t, res, http.StatusSeeOther)
	loc := strings.Split(res.Header.Get("Location"), "?")[0]
	page := f.do(t, "GET", loc+"?received_at=2026-04-02T14:00", nil, admin)
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page, "2026-04-08 14:00", "2026-04-13 14:00")

	// Bad input is shown next to the field and saves nothing.
	bad := f.do(t, "POST", "/sla", url.Values{"name": {"Trasig"}, "resolution": {"1,5"}, "resolution_unit": {"business_days"}}, admin)
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, `id="f-resolution-error"`)
	list := f.do(t, "GET", "/sla", nil, admin)
	wantContains(t, list, "E-post inom 2 arbetsdagar")
	if strings.Contains(list.Body, "Trasig") {
		t.Fatal("a rejected policy was saved")
	}

	// The centre's own closed day shows in the calendar; a half day must open before it closes.
	wantStatus(t, f.do(t, "POST", "/calendar/days", url.Values{"day": {"2026-11-27"}, "name": {"Personaldag"}}, admin), http.StatusSeeOther)
	cal := f.do(t, "GET", "/calendar?year=2026", nil, admin)
	wantContains(t, cal, "Personaldag", "2026-06-19")
	wantStatus(t, f.do(t, "POST", "/calendar/days", url.Values{"day": {"2026-11-30"}, "name": {"Halvdag"}, "open": {"12:00"}, "close": {"08:00"}}, admin),
		http.StatusUnprocessableEntity)
	wantStatus(t, f.do(t, "GET", "/sla/report?from=2026-01-01&to=2026-12-31", nil, admin), http.StatusOK)

	// Agents read; they cannot change.
	agent := f.as(t, "agent")
	wantStatus(t, f.do(t, "GET", "/sla", nil, agent), http.StatusOK)
	wantStatus(t, f.do(t, "POST", "/calendar/days", url.Values{"day": {"2026-12-28"}, "name": {"X"}}, agent), http.StatusForbidden)
}
