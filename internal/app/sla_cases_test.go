package app_test

import (
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/sla"
)

// TestCaseClocksFollowTheCase files a case, lets the centre answer, waits on
// the member and resolves it, checking the clocks after each step; then it
// lets the warning and breach job find a case nobody answered.
func TestCaseClocksFollowTheCase(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	if _, err := f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "Standard", Position: 10,
		FirstResponse: sla.Target{Amount: 4, Unit: sla.BusinessHours}, Resolution: sla.Target{Amount: 2, Unit: sla.BusinessDays},
		MemberInput: sla.Target{Amount: 2, Unit: sla.BusinessDays}, WarnPercent: 75, PauseOn: []string{sla.WaitingMember}}); err != nil {
		t.Fatal(err)
	}
	// testNow is Monday 23 November 2026 10:00 in Stockholm.
	c, err := f.app.OpenCase(f.ctx, admin, app.NewCase{RequesterID: f.contact1.ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Fråga om semesterlön", Body: "Hur räknas semesterlönen?"})
	if err != nil {
		t.Fatal(err)
	}
	clocks := func() app.Clocks {
		t.Helper()
		m, err := f.app.CaseClocks(f.ctx, admin, []int64{c.ID})
		if err != nil {
			t.Fatal(err)
		}
		return m[c.ID]
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, stockholm) }
	got := clocks()
	if !got.FirstResponse.DueAt.Equal(at(23, 14, 0)) || got.FirstResponse.State != "running" {
		t.Fatalf("first response %+v, want due 14:00 running", got.FirstResponse)
	}
	if !got.Resolution.DueAt.Equal(at(25, 10, 0)) {
		t.Fatalf("resolution due %v, want Wednesday 10:00", got.Resolution.DueAt)
	}
	// A member-side user of another member sees no clocks of this case.
	if m, _ := f.app.CaseClocks(f.ctx, f.actor(t, f.emp2), []int64{c.ID}); len(m) != 0 {
		t.Fatalf("another member's user sees clocks: %+v", m)
	}
	// The centre answers and asks the member for missing input.
	if _, err := f.app.ReplyToCase(f.ctx, admin, c.ID, app.Reply{Body: "Vi behöver ditt anställningsnummer.", Status: cases.WaitingMember}); err != nil {
		t.Fatal(err)
	}
	got = clocks()
	if got.FirstResponse.State != "met" || got.Resolution.State != "paused" || got.MemberInput.State != "running" {
		t.Fatalf("after the reply: first %s, resolution %s, member input %s", got.FirstResponse.State, got.Resolution.State, got.MemberInput.State)
	}
	if !got.MemberInput.DueAt.Equal(at(25, 10, 0)) {
		t.Fatalf("member input due %v", got.MemberInput.DueAt)
	}
	// Nobody answers a second case: the job marks the breach once, notifies
	// and escalates the missed resolution.
	c2, err := f.app.OpenCase(f.ctx, admin, app.NewCase{RequesterID: f.contact1.ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Lönespecifikation saknas", Body: "Jag har inte fått min lönespecifikation."})
	if err != nil {
		t.Fatal(err)
	}
	later := app.New(f.db, app.WithClock(func() time.Time { return at(30, 12, 0) }))
	for range 2 {
		if _, err := later.CheckSLAAlerts(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
	m, err := later.CaseClocks(f.ctx, admin, []int64{c2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if st := m[c2.ID].Resolution.State; st != "breached" || !m[c2.ID].Resolution.BreachedAt.Equal(at(25, 10, 0)) {
		t.Fatalf("unanswered case: %+v", m[c2.ID].Resolution)
	}
	events, err := later.SLAEvents(f.ctx, admin, c2.ID)
	if err != nil {
		t.Fatal(err)
	}
	breaches := 0
	for _, e := range events {
		if e.Kind == "breach" {
			breaches++
		}
	}
	if breaches != 2 { // first response and resolution, each once
		t.Fatalf("%d breaches recorded: %+v", breaches, events)
	}
	// The member missed their input on the first case: recorded against
	// the member, not the centre.
	rows, err := later.SLAReport(f.ctx, admin, 0, at(1, 0, 0), at(30, 23, 0))
	if err != nil {
		t.Fatal(err)
	}
	var centreMissed, memberMissed int
	for _, r := range rows {
		if r.Side == "member" {
			memberMissed += r.Missed
		} else {
			centreMissed += r.Missed
		}
	}
	if memberMissed != 1 || centreMissed != 2 {
		t.Fatalf("report: member missed %d, centre missed %d; rows %+v", memberMissed, centreMissed, rows)
	}
}
