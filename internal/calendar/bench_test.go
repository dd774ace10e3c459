package calendar

import (
	"fmt"
	"testing"
)

// Year tables are built once per calendar and year (warmed up before the
// timer starts); Add itself does not allocate.

func BenchmarkAdd(b *testing.B) {
	c := mustCalendar(b, "se")
	for _, tt := range []struct {
		name string
		from string
	}{
		{"inside", "2026-04-07T10:00:00+02:00"},
		{"outside", "2026-04-11T12:00:00+02:00"},
	} {
		from := instant(tt.from)
		for _, n := range []int{1, 5, 20} {
			d, _ := BusinessDays(n)
			if _, err := c.Add(from, d); err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/days=%d", tt.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Add(from, d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkAddHours(b *testing.B) {
	c := mustCalendar(b, "dk")
	from := instant("2026-12-22T15:00:00+01:00")
	for _, h := range []float64{0.5, 8, 40, 170} {
		if _, err := c.AddHours(from, h); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("hours=%v", h), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.AddHours(from, h); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	c := mustCalendar(b, "se")
	from, to := instant("2026-04-07T10:00:00+02:00"), instant("2026-05-07T10:00:00+02:00")
	c.Between(from, to)
	b.ReportAllocs()
	for b.Loop() {
		c.Between(from, to)
	}
}

func BenchmarkYearTable(b *testing.B) {
	c := mustCalendar(b, "se")
	b.ReportAllocs()
	for b.Loop() {
		c.newYearTable(2026)
	}
}

func TestAddDoesNotAllocate(t *testing.T) {
	c := mustCalendar(t, "se")
	from := instant("2026-04-07T10:00:00+02:00")
	days, _ := BusinessDays(20)
	hours, _ := BusinessHours(170)
	c.Add(from, days)
	c.Add(from, hours)
	if n := testing.AllocsPerRun(100, func() { c.Add(from, days); c.Add(from, hours) }); n != 0 {
		t.Errorf("Add allocates %v times per run", n)
	}
}
