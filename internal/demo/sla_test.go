package demo_test

import (
	"context"
	"testing"
	"time"

	"samverkan/internal/app"
)

// TestDemoPayrunInput: the payroll services carry the member's pay-run
// obligation, so the report shows input cases and some late ones, on the
// members' side only.
func TestDemoPayrunInput(t *testing.T) {
	a := loaded(t)
	now := time.Now()
	rows, err := a.SLAReport(context.Background(), app.SystemActor("test"), 0, now.AddDate(-1, 0, -7), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var inputs, late int
	for _, r := range rows {
		switch {
		case r.Measure == "payrun_input" && r.Side == "member":
			inputs, late = inputs+r.Due, late+r.Missed
		case r.Measure == "payrun_input":
			t.Errorf("pay-run input on the centre's side: %+v", r)
		}
	}
	t.Logf("%d input cases under the pay-run obligation, %d late", inputs, late)
	if inputs < 100 || late == 0 || late > inputs/2 {
		t.Errorf("%d input cases under the pay-run obligation, %d late", inputs, late)
	}
}
