package app_test

import (
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/sla"
	"samverkan/internal/store"
)

func TestCentreClosedDayShapesDeadlines(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	// Friday 27 November 2026: the centre's own closed day (staff day).
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	from := time.Date(2026, 11, 26, 15, 0, 0, 0, stockholm)
	cal, err := f.app.CentreCalendar(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := cal.AddHours(from, 4)
	if _, err := f.app.AddClosedDay(f.ctx, admin, store.ClosedDay{Day: day, Name: "Personaldag"}); err != nil {
		t.Fatal(err)
	}
	cal, err = f.app.CentreCalendar(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := cal.AddHours(from, 4)
	if want := time.Date(2026, 11, 27, 10, 30, 0, 0, stockholm); !before.Equal(want) {
		t.Fatalf("before the closed day: %v, want %v", before, want)
	}
	if want := time.Date(2026, 11, 30, 10, 30, 0, 0, stockholm); !after.Equal(want) {
		t.Fatalf("after the closed day: %v, want %v", after, want)
	}
	n, _ := f.app.ClosedDays(f.ctx, admin, 0, 2026)
	if len(n) != 1 {
		t.Fatalf("%d closed days", len(n))
	}
	// A half day counts only its open hours.
	if _, err := f.app.AddClosedDay(f.ctx, admin, store.ClosedDay{Day: day.AddDate(0, 0, 3), Name: "Halvdag", Open: "08:00", Close: "12:00"}); err != nil {
		t.Fatal(err)
	}
	cal, _ = f.app.CentreCalendar(f.ctx)
	if got, _ := cal.AddHours(time.Date(2026, 11, 30, 11, 0, 0, 0, stockholm), 2); !got.Equal(time.Date(2026, 12, 1, 9, 0, 0, 0, stockholm)) {
		t.Fatalf("across a half day: %v", got)
	}
	// Bad input changes nothing; agents may not change the calendar.
	_, err = f.app.AddClosedDay(f.ctx, admin, store.ClosedDay{Day: day, Name: "Again"})
	wantField(t, err, "day")
	_, err = f.app.AddClosedDay(f.ctx, admin, store.ClosedDay{Day: day.AddDate(0, 0, 7), Name: "Bad", Open: "12:00", Close: "08:00"})
	wantField(t, err, "close")
	_, err = f.app.AddClosedDay(f.ctx, f.actor(t, f.agent), store.ClosedDay{Day: day.AddDate(0, 0, 7), Name: "X"})
	wantKind(t, err, fault.Forbidden)
	if jobs, _ := f.app.CountJobs(f.ctx, app.JobRecomputeSLA); jobs != 2 {
		t.Fatalf("recompute jobs %d, want 2 (one per change)", jobs)
	}
}

func TestMemberOfficeHoursOverride(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	var week store.WeekHours
	for wd := 1; wd <= 5; wd++ {
		week[wd].Open, week[wd].Close = "07:00", "16:00"
	}
	if err := f.app.SetOfficeHours(f.ctx, admin, f.m1.ID, &week); err != nil {
		t.Fatal(err)
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	monday7 := time.Date(2026, 11, 23, 7, 0, 0, 0, stockholm)
	member, _ := f.app.MemberCalendar(f.ctx, f.m1.ID)
	centre, _ := f.app.CentreCalendar(f.ctx)
	if !member.IsOpen(monday7) || centre.IsOpen(monday7) {
		t.Fatal("the member's override does not apply, or leaks to the centre")
	}
	week[1].Open = "nine"
	wantField(t, f.app.SetOfficeHours(f.ctx, admin, f.m1.ID, &week), "open")
	_, _, err := f.app.OfficeHours(f.ctx, f.actor(t, f.emp2), f.m1.ID)
	wantKind(t, err, fault.NotFound)
}

func TestSLAPolicyAdminAndPreview(t *testing.T) {
	f := newFixture(t)
	admin := f.actor(t, f.admin)
	p, err := f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "E-post besvaras inom 2 arbetsdagar", Position: 10,
		FirstResponse: sla.Target{Amount: 2, Unit: sla.BusinessDays}, Resolution: sla.Target{Amount: 5, Unit: sla.BusinessDays},
		PauseOn: []string{sla.WaitingMember}})
	if err != nil {
		t.Fatal(err)
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	// Received on Maundy Thursday afternoon 2026: Good Friday and Easter Monday are closed.
	pv, err := f.app.PreviewSLAPolicy(f.ctx, admin, p, 0, time.Date(2026, 4, 2, 14, 0, 0, 0, stockholm))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 4, 8, 14, 0, 0, 0, stockholm); !pv.FirstResponse.Equal(want) {
		t.Fatalf("first response due %v, want %v", pv.FirstResponse, want)
	}
	if want := time.Date(2026, 4, 13, 14, 0, 0, 0, stockholm); !pv.Resolution.Equal(want) {
		t.Fatalf("resolution due %v, want %v", pv.Resolution, want)
	}
	_, err = f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "Broken", Resolution: sla.Target{Amount: 1.5, Unit: sla.BusinessDays}})
	wantField(t, err, "resolution")
	_, err = f.app.SaveSLAPolicy(f.ctx, f.actor(t, f.agent), p)
	wantKind(t, err, fault.Forbidden)
	// A member-specific policy is invisible to another member's users.
	mp, err := f.app.SaveSLAPolicy(f.ctx, admin, sla.Policy{Name: "Höganäs", MemberID: f.m1.ID, Resolution: sla.Target{Amount: 8, Unit: sla.BusinessHours}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.app.SLAPolicy(f.ctx, f.actor(t, f.emp2), mp.ID)
	wantKind(t, err, fault.NotFound)
	if err := f.app.DeleteSLAPolicy(f.ctx, admin, mp.ID); err != nil {
		t.Fatal(err)
	}
	ps, _ := f.app.SLAPolicies(f.ctx, admin)
	if len(ps) != 1 {
		t.Fatalf("%d policies", len(ps))
	}
}
