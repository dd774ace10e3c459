package catalog_test

import (
	"testing"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
)

func cal(t *testing.T, country string) *calendar.Calendar {
	t.Helper()
	c, err := calendar.ForCountry(country)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPaydays(t *testing.T) {
	se, dk := cal(t, "SE"), cal(t, "DK")
	tests := []struct {
		name  string
		cal   *calendar.Calendar
		sched catalog.PaySchedule
		month time.Month
		want  string
	}{
		{"SE 25th on a weekday", se, catalog.DefaultSchedule(calendar.Sweden), time.November, "2026-11-25"},
		{"SE 25th on a Sunday moves to Friday", se, catalog.DefaultSchedule(calendar.Sweden), time.January, "2026-01-23"},
		{"SE 25th at Christmas moves before julafton", se, catalog.DefaultSchedule(calendar.Sweden), time.December, "2026-12-23"},
		{"SE 27th on a Saturday", se, catalog.PaySchedule{PayDay: 27, CutoffDay: 10}, time.June, "2026-06-26"},
		{"SE 27th on a Tuesday", se, catalog.PaySchedule{PayDay: 27, CutoffDay: 10}, time.January, "2026-01-27"},
		{"DK last banking day", dk, catalog.DefaultSchedule(calendar.Denmark), time.November, "2026-11-30"},
		{"DK last banking day before nytårsaftensdag", dk, catalog.DefaultSchedule(calendar.Denmark), time.December, "2026-12-30"},
		{"DK last banking day of May is a Friday", dk, catalog.DefaultSchedule(calendar.Denmark), time.May, "2026-05-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.sched.Payday(tt.cal, 2026, tt.month).String(); got != tt.want {
				t.Errorf("payday %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCutoffMovesToTheBusinessDayBefore(t *testing.T) {
	se := cal(t, "SE")
	s := catalog.DefaultSchedule(calendar.Sweden)
	for month, want := range map[time.Month]string{time.January: "2026-01-09", time.May: "2026-05-08", time.November: "2026-11-10"} {
		if got := s.Cutoff(se, 2026, month).String(); got != want {
			t.Errorf("%s: cut-off %s, want %s", month, got, want)
		}
	}
}

func TestNextDue(t *testing.T) {
	se := cal(t, "SE")
	s := catalog.DefaultSchedule(calendar.Sweden)
	tests := []struct {
		name  string
		rule  catalog.Deadline
		today string
		want  string
	}{
		{"on cut-off, before it", catalog.Deadline{Anchor: catalog.Cutoff}, "2026-11-02", "2026-11-10"},
		{"on cut-off, the day itself", catalog.Deadline{Anchor: catalog.Cutoff}, "2026-11-10", "2026-11-10"},
		{"on cut-off, after it: next month", catalog.Deadline{Anchor: catalog.Cutoff}, "2026-11-11", "2026-12-10"},
		{"two business days before cut-off", catalog.Deadline{Anchor: catalog.Cutoff, Days: -2}, "2026-11-23", "2026-12-08"},
		{"five banking days before payday over Christmas", catalog.Deadline{Anchor: catalog.Payday, Days: -5}, "2026-12-01", "2026-12-16"},
		{"on payday", catalog.Deadline{Anchor: catalog.Payday}, "2026-12-24", "2027-01-25"},
		{"three banking days after payday reaches into the next month", catalog.Deadline{Anchor: catalog.Payday, Days: 3}, "2026-12-24", "2026-12-30"},
		{"after payday, from a late month", catalog.Deadline{Anchor: catalog.Payday, Days: 10}, "2027-01-02", "2027-01-13"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.rule.NextDue(se, s, date(tt.today))
			if !ok || got.String() != tt.want {
				t.Errorf("next due %s (%v), want %s", got, ok, tt.want)
			}
		})
	}
	if _, ok := (catalog.Deadline{Anchor: catalog.Receipt, Days: 2}).NextDue(se, s, date("2026-11-23")); ok {
		t.Error("a receipt deadline has a next due date")
	}
}

func TestDueAfterReceipt(t *testing.T) {
	se := cal(t, "SE")
	loc := se.Location()
	// Received Wednesday 23 December at 10:00: julafton, Christmas Day,
	// Boxing Day and the weekend are closed; two business days end on
	// Tuesday 29 December at 10:00.
	got, ok, err := catalog.Deadline{Anchor: catalog.Receipt, Days: 2}.DueAfter(se, time.Date(2026, 12, 23, 10, 0, 0, 0, loc))
	if err != nil || !ok || !got.Equal(time.Date(2026, 12, 29, 10, 0, 0, 0, loc)) {
		t.Fatalf("due %v, %v, %v", got, ok, err)
	}
	if _, ok, _ := (catalog.Deadline{Anchor: catalog.Payday}).DueAfter(se, time.Now()); ok {
		t.Error("a payday deadline is due after receipt")
	}
}

func TestDeadlineValidate(t *testing.T) {
	tests := []struct {
		rule  catalog.Deadline
		field string
	}{
		{catalog.Deadline{}, ""},
		{catalog.Deadline{Anchor: catalog.Receipt, Days: 2}, ""},
		{catalog.Deadline{Anchor: catalog.Payday, Days: -5}, ""},
		{catalog.Deadline{Anchor: catalog.Cutoff, Days: 30}, ""},
		{catalog.Deadline{Anchor: "weekly"}, "deadline_anchor"},
		{catalog.Deadline{Days: 3}, "deadline_days"},
		{catalog.Deadline{Anchor: catalog.Receipt, Days: -1}, "deadline_days"},
		{catalog.Deadline{Anchor: catalog.Receipt, Days: 61}, "deadline_days"},
		{catalog.Deadline{Anchor: catalog.Payday, Days: -31}, "deadline_days"},
	}
	for _, tt := range tests {
		err := tt.rule.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", tt.rule, err)
			}
			continue
		}
		wantField(t, err, tt.field)
	}
}

func TestPayScheduleValidate(t *testing.T) {
	if err := (catalog.PaySchedule{PayDay: 0, CutoffDay: 10}).Validate(); err != nil {
		t.Error(err)
	}
	wantField(t, catalog.PaySchedule{PayDay: 31, CutoffDay: 10}.Validate(), "pay_day")
	wantField(t, catalog.PaySchedule{PayDay: 25, CutoffDay: 0}.Validate(), "cutoff_day")
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			if f.Code == "" || f.Detail == "" {
				t.Errorf("field %s without code or detail: %+v", field, f)
			}
			return
		}
	}
	t.Fatalf("err = %v, want field %s", err, field)
}
