package sla_test

import (
	"testing"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
	"samverkan/internal/sla"
)

var stockholm, _ = time.LoadLocation("Europe/Stockholm")

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, stockholm)
	if err != nil {
		panic(err)
	}
	return t
}

func seCalendar(t *testing.T) *calendar.Calendar {
	cal, err := calendar.ForCountry("se")
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func hours(h float64) sla.Target { return sla.Target{Amount: h, Unit: sla.BusinessHours} }
func days(n float64) sla.Target  { return sla.Target{Amount: n, Unit: sla.BusinessDays} }

func received(s string) sla.Event { return sla.Event{At: at(s), Kind: sla.Received} }
func reply(s string) sla.Event    { return sla.Event{At: at(s), Kind: sla.CentreReply} }
func member(s string) sla.Event   { return sla.Event{At: at(s), Kind: sla.MemberMessage} }
func status(s, st string) sla.Event {
	return sla.Event{At: at(s), Kind: sla.StatusChanged, Status: st}
}

func TestClocks(t *testing.T) {
	cal := seCalendar(t)
	pause := []string{sla.WaitingMember, sla.WaitingThirdParty}
	tests := []struct {
		name   string
		policy sla.Policy
		events []sla.Event
		now    string
		pick   func(sla.Clocks) sla.State
		due    string // "" = zero
		met    string
		breach string
		warn   string
		paused bool
	}{
		{name: "first response over Easter",
			policy: sla.Policy{FirstResponse: hours(4), WarnPercent: 80},
			events: []sla.Event{received("2026-04-02 15:00")}, now: "2026-04-02 15:30",
			pick: first, due: "2026-04-07 10:30", warn: "2026-04-07 09:42"},
		{name: "two business days from inside office hours",
			policy: sla.Policy{Resolution: days(2), WarnPercent: 80},
			events: []sla.Event{received("2026-11-23 09:00")}, now: "2026-11-23 09:30",
			pick: resolution, due: "2026-11-25 09:00", warn: "2026-11-24 14:06"},
		{name: "two business days started on a Saturday",
			policy: sla.Policy{Resolution: days(2), WarnPercent: 80},
			events: []sla.Event{received("2026-11-21 11:00")}, now: "2026-11-21 12:00",
			pick: resolution, due: "2026-11-25 08:00"},
		{name: "waiting on the member pauses the clock",
			policy: sla.Policy{Resolution: days(2), WarnPercent: 80, PauseOn: pause},
			events: []sla.Event{received("2026-11-23 09:00"), status("2026-11-23 10:00", "waiting_member"), status("2026-11-24 10:00", "open")},
			now:    "2026-11-24 11:00", pick: resolution, due: "2026-11-26 09:00"},
		{name: "paused clock has no due instant",
			policy: sla.Policy{Resolution: days(2), WarnPercent: 80, PauseOn: pause},
			events: []sla.Event{received("2026-11-23 09:00"), status("2026-11-23 10:00", "waiting_third_party")},
			now:    "2026-11-30 10:00", pick: resolution, paused: true},
		{name: "breached first response",
			policy: sla.Policy{FirstResponse: hours(4), WarnPercent: 80},
			events: []sla.Event{received("2026-11-23 09:00")}, now: "2026-11-23 14:00",
			pick: first, due: "2026-11-23 13:00", breach: "2026-11-23 13:00", warn: "2026-11-23 12:12"},
		{name: "met in time",
			policy: sla.Policy{FirstResponse: hours(4), WarnPercent: 80},
			events: []sla.Event{received("2026-11-23 09:00"), reply("2026-11-23 11:00")}, now: "2026-11-24 14:00",
			pick: first, due: "2026-11-23 13:00", met: "2026-11-23 11:00"},
		{name: "next response after a member message, answered late",
			policy: sla.Policy{FirstResponse: hours(4), NextResponse: hours(4), WarnPercent: 80},
			events: []sla.Event{received("2026-11-23 09:00"), reply("2026-11-23 10:00"), member("2026-11-23 11:00"), reply("2026-11-23 16:00")},
			now:    "2026-11-24 09:00", pick: next, due: "2026-11-23 15:00", met: "2026-11-23 16:00", breach: "2026-11-23 15:00", warn: "2026-11-23 14:12"},
		{name: "resolution continues after reopening",
			policy: sla.Policy{Resolution: hours(8), WarnPercent: 80},
			events: []sla.Event{received("2026-11-23 08:00"), status("2026-11-23 12:00", "resolved"), status("2026-11-24 08:00", "open")},
			now:    "2026-11-24 08:30", pick: resolution, due: "2026-11-24 12:00"},
		{name: "member input after a completion request, missed",
			policy: sla.Policy{MemberInput: days(2), WarnPercent: 80},
			events: []sla.Event{received("2026-11-23 09:00"), status("2026-11-23 10:00", "waiting_member"), member("2026-11-26 09:00")},
			now:    "2026-11-26 10:00", pick: input, due: "2026-11-25 10:00", met: "2026-11-26 09:00", breach: "2026-11-25 10:00"},
		{name: "breach of a clock started at the weekend is the plain due instant",
			policy: sla.Policy{Resolution: days(2), WarnPercent: 80},
			events: []sla.Event{received("2026-11-21 11:00")}, now: "2026-11-25 09:00",
			pick: resolution, due: "2026-11-25 08:00", breach: "2026-11-25 08:00"},
		{name: "midsummer eve is closed",
			policy: sla.Policy{FirstResponse: hours(2), WarnPercent: 50},
			events: []sla.Event{received("2026-06-18 16:00")}, now: "2026-06-18 16:10",
			pick: first, due: "2026-06-22 09:30", warn: "2026-06-22 08:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := sla.Evaluate(tt.policy, cal, tt.events, at(tt.now))
			if err != nil {
				t.Fatal(err)
			}
			s := tt.pick(c)
			check := func(what string, got time.Time, want string) {
				t.Helper()
				if want == "" && !got.IsZero() || want != "" && !got.Equal(at(want)) {
					t.Errorf("%s = %v, want %q", what, got.In(stockholm), want)
				}
			}
			check("due", s.DueAt, tt.due)
			check("met", s.MetAt, tt.met)
			check("breached", s.BreachedAt, tt.breach)
			if tt.warn != "" {
				check("warn", s.WarnAt, tt.warn)
			}
			if s.Paused != tt.paused {
				t.Errorf("paused = %v, want %v", s.Paused, tt.paused)
			}
		})
	}
}

func first(c sla.Clocks) sla.State      { return c.FirstResponse }
func next(c sla.Clocks) sla.State       { return c.NextResponse }
func resolution(c sla.Clocks) sla.State { return c.Resolution }
func input(c sla.Clocks) sla.State      { return c.MemberInput }

func TestSelectTakesFirstMatchInOrder(t *testing.T) {
	policies := []sla.Policy{
		{ID: 3, Position: 30},
		{ID: 1, Position: 10, Priority: "urgent"},
		{ID: 2, Position: 20, MemberID: 7, CaseType: "correction"},
	}
	for _, tt := range []struct {
		f    sla.Facts
		want int64
	}{
		{sla.Facts{Priority: "urgent", MemberID: 7, CaseType: "correction"}, 1},
		{sla.Facts{Priority: "normal", MemberID: 7, CaseType: "correction"}, 2},
		{sla.Facts{Priority: "normal", MemberID: 8, CaseType: "correction"}, 3},
	} {
		if p, ok := sla.Select(policies, tt.f); !ok || p.ID != tt.want {
			t.Errorf("Select(%+v) = %d, want %d", tt.f, p.ID, tt.want)
		}
	}
	if _, ok := sla.Select(policies[1:2], sla.Facts{Priority: "low"}); ok {
		t.Error("a policy matched facts it should not")
	}
}

func TestPolicyValidation(t *testing.T) {
	bad := []sla.Policy{
		{Name: "", Resolution: hours(8)},
		{Name: "x"},
		{Name: "x", Resolution: days(1.5)},
		{Name: "x", Resolution: hours(-1)},
		{Name: "x", Resolution: hours(8), WarnPercent: 120},
		{Name: "x", Resolution: hours(8), PauseOn: []string{"open"}},
		{Name: "x", Resolution: sla.Target{Amount: 3, Unit: "weeks"}},
	}
	for _, p := range bad {
		if _, err := p.Normalise(); err == nil {
			t.Errorf("policy %+v accepted", p)
		}
	}
	p, err := sla.Policy{Name: "Standard", Resolution: days(5)}.Normalise()
	if err != nil || p.WarnPercent != 80 {
		t.Fatalf("%+v %v", p, err)
	}
}

func TestPayrunInputDaysValidation(t *testing.T) {
	for _, tt := range []struct {
		days  int
		other sla.Target
		ok    bool
	}{
		{0, hours(8), true},
		{5, hours(8), true},
		{30, sla.Target{}, true}, // the member's obligation alone is a target
		{31, hours(8), false},
		{-1, hours(8), false},
		{0, sla.Target{}, false}, // no target at all
	} {
		_, err := sla.Policy{Name: "x", Resolution: tt.other, PayrunInputDays: tt.days}.Normalise()
		if tt.ok != (err == nil) {
			t.Errorf("%d days with %v: err %v", tt.days, tt.other, err)
		}
		if e, ok := fault.As(err); ok && tt.days != 0 && (len(e.Fields) != 1 || e.Fields[0].Field != "payrun_input_days") {
			t.Errorf("%d days: fields %+v, want payrun_input_days", tt.days, e.Fields)
		}
	}
}
