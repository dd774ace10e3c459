package api_test

import (
	"net/http"
	"testing"
)

// TestPayrunInputAPI: a policy carries the member's pay-run obligation; a
// bad lead time is a problem naming the field; a late input shows on the
// case and as the member's row of the report, never the centre's.
func TestPayrunInputAPI(t *testing.T) {
	f := newFixture(t)
	for _, bad := range []any{31, -1} {
		res := f.do(t, "admin", "POST", path("/sla/policies"), map[string]any{"name": "Rättelser", "payrun_input_days": bad,
			"resolution": map[string]any{"amount": 20, "unit": "business_days"}})
		wantProblem(t, res, http.StatusUnprocessableEntity, "payrun_input_days")
	}
	res := f.do(t, "admin", "POST", path("/sla/policies"), map[string]any{"name": "Rättelser", "position": 10, "case_type": "correction",
		"payrun_input_days": 5, "resolution": map[string]any{"amount": 20, "unit": "business_days"}}).want(t, http.StatusCreated)
	p := decodeAs[map[string]any](t, res)
	if p["payrun_input_days"] != float64(5) {
		t.Fatalf("policy %v", p)
	}
	got := decodeAs[map[string]any](t, f.do(t, "admin", "GET", path("/sla/policies/%d", num(p, "id")), nil).want(t, http.StatusOK))
	if got["payrun_input_days"] != float64(5) {
		t.Fatalf("read back %v", got)
	}
	pv := decodeAs[map[string]any](t, f.do(t, "admin", "GET", path("/sla/policies/%d/preview?received_at=2026-06-01T09:00:00%%2B02:00", num(p, "id")), nil).
		want(t, http.StatusOK))
	if run, ok := pv["payrun_input"].(map[string]any); !ok || run["due_at"] != "2026-06-03T08:00:00+02:00" || run["pay_run"] != "2026-06" || run["late"] != false {
		t.Fatalf("preview %v", pv)
	}

	// testNow is 23 November 2026: input received on 5 November was due by
	// 08:00 on 3 November for the pay run with the 10 November cut-off.
	c := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/cases"), map[string]any{"requester_id": f.people["contact"].ID,
		"channel": "email", "type": "correction", "subject": "Rättelse av OB", "body": "OB saknas.",
		"details": map[string]string{"employee": "Kim", "pay_period": "2026-10"}, "received_at": "2026-11-05T10:00:00+01:00"}).want(t, http.StatusCreated))
	sla := c["sla"].(map[string]any)
	run, ok := sla["payrun_input"].(map[string]any)
	if !ok || run["pay_run"] != "2026-11" || run["cutoff"] != "2026-11-10" || run["payday"] != "2026-11-25" ||
		run["due_at"] != "2026-11-03T08:00:00+01:00" || run["late"] != true {
		t.Fatalf("payrun_input %v", sla["payrun_input"])
	}
	q := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/cases"), map[string]any{"requester_id": f.people["contact"].ID,
		"channel": "email", "type": "question", "subject": "Fråga", "body": "Hur?"}).want(t, http.StatusCreated))
	if q["sla"].(map[string]any)["payrun_input"] != nil {
		t.Fatalf("a question was judged as input: %v", q["sla"])
	}

	report := decodeAs[page](t, f.do(t, "admin", "GET", path("/sla/report?from=2026-11-01T00:00:00%%2B01:00&to=2026-12-01T00:00:00%%2B01:00"), nil).
		want(t, http.StatusOK))
	var member bool
	for _, r := range report.Items {
		if r["measure"] == "payrun_input" {
			member = r["side"] == "member" && r["due"] == float64(1) && r["missed"] == float64(1)
		} else if r["side"] == "centre" && r["missed"] != float64(0) {
			t.Errorf("the centre is charged: %v", r)
		}
	}
	if !member {
		t.Errorf("no member-side pay-run row: %v", report.Items)
	}
}
