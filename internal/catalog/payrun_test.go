package catalog_test

import (
	"testing"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
)

// TestPayRunInput checks the member's obligation to deliver input a number
// of business days before the pay-run deadline, across holidays, moved
// cut-offs and paydays, and on the boundary.
func TestPayRunInput(t *testing.T) {
	se, dk := cal(t, "SE"), cal(t, "DK")
	seStd, dkStd := catalog.DefaultSchedule(calendar.Sweden), catalog.DefaultSchedule(calendar.Denmark)
	tests := []struct {
		name     string
		cal      *calendar.Calendar
		sched    catalog.PaySchedule
		days     int
		received string
		// want
		run, cutoff, payday, due, deadline string
		late                               bool
	}{
		{"SE June 2022: the national day is inside the lead time, payday moves over midsommarafton",
			se, seStd, 5, "2022-06-01T09:00:00+02:00",
			"2022-06", "2022-06-10", "2022-06-23", "2022-06-02T08:00:00+02:00", "2022-06-10T16:30:00+02:00", false},
		{"SE input exactly at the due instant is in time",
			se, seStd, 5, "2022-06-02T08:00:00+02:00",
			"2022-06", "2022-06-10", "2022-06-23", "2022-06-02T08:00:00+02:00", "2022-06-10T16:30:00+02:00", false},
		{"SE input a second after the due instant is late",
			se, seStd, 5, "2022-06-02T08:00:01+02:00",
			"2022-06", "2022-06-10", "2022-06-23", "2022-06-02T08:00:00+02:00", "2022-06-10T16:30:00+02:00", true},
		{"SE Easter 2026 inside the lead time, on the boundary",
			se, seStd, 5, "2026-04-01T08:00:00+02:00",
			"2026-04", "2026-04-10", "2026-04-24", "2026-04-01T08:00:00+02:00", "2026-04-10T16:30:00+02:00", false},
		{"SE Easter 2026, a minute late",
			se, seStd, 5, "2026-04-01T08:01:00+02:00",
			"2026-04", "2026-04-10", "2026-04-24", "2026-04-01T08:00:00+02:00", "2026-04-10T16:30:00+02:00", true},
		{"SE cut-off on a Saturday moves to Friday, payday on a Sunday to Friday",
			se, seStd, 5, "2026-10-02T10:00:00+02:00",
			"2026-10", "2026-10-09", "2026-10-23", "2026-10-02T08:00:00+02:00", "2026-10-09T16:30:00+02:00", true},
		{"SE input on the cut-off day after closing is late for that run",
			se, seStd, 5, "2026-06-10T18:00:00+02:00",
			"2026-06", "2026-06-10", "2026-06-25", "2026-06-03T08:00:00+02:00", "2026-06-10T16:30:00+02:00", true},
		{"SE input the day after the cut-off feeds the next run, in time",
			se, seStd, 5, "2026-06-11T09:00:00+02:00",
			"2026-07", "2026-07-10", "2026-07-24", "2026-07-03T08:00:00+02:00", "2026-07-10T16:30:00+02:00", false},
		{"SE after the change to winter time",
			se, seStd, 5, "2026-10-26T12:00:00+01:00",
			"2026-11", "2026-11-10", "2026-11-25", "2026-11-03T08:00:00+01:00", "2026-11-10T16:30:00+01:00", false},
		{"SE cut-off on the 1st at Easter 2024 moves into March",
			se, catalog.PaySchedule{PayDay: 25, CutoffDay: 1}, 2, "2024-03-27T10:00:00+01:00",
			"2024-04", "2024-03-28", "2024-04-25", "2024-03-26T08:00:00+01:00", "2024-03-28T16:30:00+01:00", true},
		{"SE instant in UTC counts on the Swedish date",
			se, seStd, 5, "2026-06-10T22:30:00Z",
			"2026-07", "2026-07-10", "2026-07-24", "2026-07-03T08:00:00+02:00", "2026-07-10T16:30:00+02:00", false},
		{"DK December 2024: payday the last banking day before nytårsaftensdag",
			dk, dkStd, 5, "2024-12-02T12:00:00+01:00",
			"2024-12", "2024-12-10", "2024-12-30", "2024-12-03T08:00:00+01:00", "2024-12-10T16:30:00+01:00", false},
		{"DK May 2024: Ascension inside the lead time",
			dk, dkStd, 5, "2024-05-06T09:00:00+02:00",
			"2024-05", "2024-05-10", "2024-05-31", "2024-05-02T08:00:00+02:00", "2024-05-10T16:30:00+02:00", true},
		{"DK August 2025: the month ends on a weekend, input before opening on the due day",
			dk, dkStd, 5, "2025-08-01T07:59:00+02:00",
			"2025-08", "2025-08-08", "2025-08-29", "2025-08-01T08:00:00+02:00", "2025-08-08T16:30:00+02:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			received, err := time.Parse(time.RFC3339, tt.received)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tt.sched.InputDue(tt.cal, tt.days, received)
			if err != nil {
				t.Fatal(err)
			}
			if got.Run.String() != tt.run || got.Run.Cutoff.String() != tt.cutoff || got.Run.Payday.String() != tt.payday {
				t.Errorf("run %s cut-off %s payday %s, want %s %s %s", got.Run, got.Run.Cutoff, got.Run.Payday, tt.run, tt.cutoff, tt.payday)
			}
			if s := got.Due.Format(time.RFC3339); s != tt.due {
				t.Errorf("due %s, want %s", s, tt.due)
			}
			if s := got.Deadline.Format(time.RFC3339); s != tt.deadline {
				t.Errorf("deadline %s, want %s", s, tt.deadline)
			}
			if got.Late != tt.late {
				t.Errorf("late %v, want %v", got.Late, tt.late)
			}
		})
	}
}

func TestPayRunInputDaysOutOfRange(t *testing.T) {
	se := cal(t, "SE")
	for _, days := range []int{-1, 0, 31} {
		_, err := catalog.DefaultSchedule(calendar.Sweden).InputDue(se, days, time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC))
		if e, ok := fault.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "payrun_input_days" {
			t.Errorf("%d days: err %v, want a field error on payrun_input_days", days, err)
		}
	}
}
