package app_test

import (
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/catalog"
	"samverkan/internal/sla"
)

// TestPayrunInputObligation: corrections must reach the centre five
// business days before the member's pay-run deadline. A late one is a miss
// of the member's, reported on the member's side and never in the
// centre's figures; one in time is no miss; a case the policy does not
// apply to is not judged.
func TestPayrunInputObligation(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	// Member 2 has an agreement: payday the 27th, cut-off the 20th.
	v, err := f.app.CreateAgreement(f.ctx, f.sys, f.m2.ID, catalog.Version{Title: "Samverkansavtal Båstad", ValidFrom: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		BindingMonths: 12, Schedule: catalog.PaySchedule{PayDay: 27, CutoffDay: 20}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ApproveAgreementVersion(f.ctx, f.sys, v.ID); err != nil {
		t.Fatal(err)
	}
	// A centre target that none of the cases misses, beside the obligation.
	if _, err := f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "Rättelser", Position: 10, CaseType: string(cases.Correction),
		Resolution: sla.Target{Amount: 20, Unit: sla.BusinessDays}, PayrunInputDays: 5}); err != nil {
		t.Fatal(err)
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, stockholm) }
	open := func(requester int64, typ cases.Type, received time.Time) cases.Case {
		t.Helper()
		in := app.NewCase{RequesterID: requester, Channel: cases.Email, Type: typ, Subject: "Rättelse av OB-tillägg",
			Body: "OB-tillägget saknas.", ReceivedAt: received}
		if typ == cases.Correction {
			in.Details = map[string]string{"employee": "Kim", "pay_period": "2026-10"}
		}
		c, err := f.app.OpenCase(f.ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// testNow is Monday 23 November 2026 10:00 in Stockholm.
	tests := []struct {
		name          string
		c             cases.Case
		run, due      string
		late, applies bool
	}{
		// Member 1, the default schedule (cut-off the 10th, payday the 25th).
		{"in time for December", open(f.contact1.ID, cases.Correction, time.Time{}), "2026-12", "2026-12-03T08:00:00+01:00", false, true},
		{"after the due instant, before the November cut-off", open(f.contact1.ID, cases.Correction, at(time.November, 5, 10)), "2026-11", "2026-11-03T08:00:00+01:00", true, true},
		{"a question is no input", open(f.contact1.ID, cases.Question, time.Time{}), "", "", false, false},
		// Member 2, its agreement's schedule: the 20 December cut-off is a Sunday.
		{"agreement schedule, in time", open(f.emp2.ID, cases.Correction, time.Time{}), "2026-12", "2026-12-11T08:00:00+01:00", false, true},
		{"agreement schedule, late", open(f.emp2.ID, cases.Correction, at(time.November, 16, 10)), "2026-11", "2026-11-13T08:00:00+01:00", true, true},
	}
	ids := make([]int64, len(tests))
	for i, tt := range tests {
		ids[i] = tt.c.ID
	}
	clocks, err := f.app.CaseClocks(f.ctx, admin, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := clocks[tt.c.ID].PayrunInput
			if !tt.applies {
				if p != nil {
					t.Fatalf("judged: %+v", p)
				}
				return
			}
			if p == nil {
				t.Fatal("not judged")
			}
			if p.Run.String() != tt.run || p.DueAt.In(stockholm).Format(time.RFC3339) != tt.due || p.Late != tt.late {
				t.Errorf("pay run %s due %s late %v, want %s %s %v", p.Run, p.DueAt.In(stockholm).Format(time.RFC3339), p.Late, tt.run, tt.due, tt.late)
			}
			events, err := f.app.SLAEvents(f.ctx, admin, tt.c.ID)
			if err != nil {
				t.Fatal(err)
			}
			var misses int
			for _, e := range events {
				if e.Measure == "payrun_input" {
					misses++
					if e.Side != "member" || e.Kind != "breach" || !e.DueAt.Equal(p.DueAt) {
						t.Errorf("event %+v", e)
					}
				} else if e.Kind == "breach" {
					t.Errorf("a centre miss: %+v", e)
				}
			}
			if want := map[bool]int{true: 1}[tt.late]; misses != want {
				t.Errorf("%d pay-run misses recorded, want %d", misses, want)
			}
		})
	}

	// The report: the late inputs count against each member, on the
	// member's side; the centre's rows show no miss.
	rows, err := f.app.SLAReport(f.ctx, admin, 0, at(time.November, 1, 0), at(time.December, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	payrun := map[int64][2]int{}
	for _, r := range rows {
		switch {
		case r.Measure == "payrun_input" && r.Side == "member":
			payrun[r.MemberID] = [2]int{r.Due, r.Missed}
		case r.Measure == "payrun_input":
			t.Errorf("pay-run input on the centre's side: %+v", r)
		case r.Side == "centre" && r.Missed != 0:
			t.Errorf("the centre is charged: %+v", r)
		}
	}
	if payrun[f.m1.ID] != [2]int{2, 1} || payrun[f.m2.ID] != [2]int{2, 1} {
		t.Errorf("pay-run rows %v, want 2 inputs and 1 late for each member", payrun)
	}
	// A member-side user sees only their own member's row.
	own, err := f.app.SLAReport(f.ctx, f.actor(t, f.contact1), 0, at(time.November, 1, 0), at(time.December, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range own {
		if r.MemberID != f.m1.ID {
			t.Errorf("member 1's contact sees %+v", r)
		}
	}
}

func TestPayrunInputDaysValidated(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	for _, days := range []int{-1, 31} {
		_, err := f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "Lön", Resolution: sla.Target{Amount: 2, Unit: sla.BusinessDays}, PayrunInputDays: days})
		wantField(t, err, "payrun_input_days")
	}
	p, err := f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "Bara kundens åtagande", PayrunInputDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.app.SLAPolicy(f.ctx, admin, p.ID); err != nil || got.PayrunInputDays != 30 {
		t.Fatalf("stored %+v, %v", got, err)
	}
}
