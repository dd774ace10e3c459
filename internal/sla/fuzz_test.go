package sla_test

import (
	"testing"
	"time"

	"samverkan/internal/sla"
)

// FuzzClockInvariants drives the clocks with arbitrary event sequences and
// checks what must always hold: a due instant is never before the start; a
// clock met in time was met no later than its due instant; a clock met late
// was met after its breach; and adding a pause never makes a clock due
// earlier (in business time) than without it.
func FuzzClockInvariants(f *testing.F) {
	f.Add(uint64(12345), uint8(6))
	f.Add(uint64(987654321), uint8(12))
	f.Add(uint64(42), uint8(3))
	cal := seCalendar(&testing.T{})
	statuses := []string{"open", sla.WaitingMember, sla.WaitingThirdParty, "resolved", "open"}
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, stockholm).Add(time.Duration(seed%(365*24*60)) * time.Minute)
		policy := sla.Policy{FirstResponse: hours(4), NextResponse: hours(8), Resolution: days(3), MemberInput: days(2),
			WarnPercent: 75, PauseOn: []string{sla.WaitingMember, sla.WaitingThirdParty}}
		events := []sla.Event{{At: start, Kind: sla.Received}}
		at := start
		x := seed
		for range n % 16 {
			x = x*6364136223846793005 + 1442695040888963407
			at = at.Add(time.Duration(x>>40%(48*60)) * time.Minute)
			switch x >> 20 % 3 {
			case 0:
				events = append(events, sla.Event{At: at, Kind: sla.CentreReply})
			case 1:
				events = append(events, sla.Event{At: at, Kind: sla.MemberMessage})
			default:
				events = append(events, sla.Event{At: at, Kind: sla.StatusChanged, Status: statuses[x>>10%uint64(len(statuses))]})
			}
		}
		now := at.Add(72 * time.Hour)
		c, err := sla.Evaluate(policy, cal, events, now)
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range map[string]sla.State{"first": c.FirstResponse, "next": c.NextResponse, "resolution": c.Resolution, "input": c.MemberInput} {
			if s.StartedAt.IsZero() {
				continue
			}
			if !s.DueAt.IsZero() && s.DueAt.Before(s.StartedAt) {
				t.Errorf("%s: due %v before start %v", name, s.DueAt, s.StartedAt)
			}
			if !s.MetAt.IsZero() && !s.Breached() && !s.DueAt.IsZero() && cal.Between(s.DueAt, s.MetAt) > 0 {
				t.Errorf("%s: met %v after due %v but not breached", name, s.MetAt, s.DueAt)
			}
			if !s.MetAt.IsZero() && s.Breached() && !s.MetAt.After(s.BreachedAt) {
				t.Errorf("%s: met %v, yet breached at %v", name, s.MetAt, s.BreachedAt)
			}
		}
		// A pause inserted right after receipt never makes resolution due earlier.
		plain, _ := sla.Evaluate(policy, cal, events[:1], start.Add(time.Minute))
		paused, _ := sla.Evaluate(policy, cal, []sla.Event{events[0],
			{At: start.Add(time.Minute), Kind: sla.StatusChanged, Status: sla.WaitingMember},
			{At: start.Add(3 * time.Hour), Kind: sla.StatusChanged, Status: "open"}}, start.Add(3*time.Hour))
		// Compared in open time: 16:30 on a closing day and 08:00 on the next
		// opening are the same business instant.
		if cal.Between(plain.Resolution.DueAt, paused.Resolution.DueAt) < 0 {
			t.Errorf("a pause made resolution due earlier: %v < %v", paused.Resolution.DueAt, plain.Resolution.DueAt)
		}
	})
}
