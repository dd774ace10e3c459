package calendar

import (
	"sync"
	"testing"
	"time"
)

func instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// centreDays are a centre's own days used in the tests: a closed day and
// two half days.
var centreDays = []Day{
	{Date: date("2026-08-21"), Name: "Personaldag"},
	{Date: date("2026-04-30"), Name: "Valborgsmässoafton", Hours: Hours{At(8, 0), At(12, 0)}},
	{Date: date("2026-01-05"), Name: "Trettondagsafton", Hours: Hours{At(8, 0), At(12, 0)}},
	{Date: date("2026-05-13"), Name: "Dag före Kristi himmelsfärd", Hours: Hours{At(10, 0), At(14, 0)}},
}

func TestAddHours(t *testing.T) {
	se, dk := mustCalendar(t, "se"), mustCalendar(t, "dk")
	own := mustCalendar(t, "se", WithDays(centreDays...))
	tests := []struct {
		name  string
		c     *Calendar
		from  string
		hours float64
		want  string
	}{
		{"inside, same day", se, "2026-04-07T10:00:00+02:00", 2, "2026-04-07T12:00:00+02:00"},
		{"half an hour", se, "2026-04-07T10:00:00+02:00", 0.5, "2026-04-07T10:30:00+02:00"},
		{"exactly to closing stays on the day", se, "2026-04-07T08:00:00+02:00", 8.5, "2026-04-07T16:30:00+02:00"},
		{"into the next day", se, "2026-04-07T16:00:00+02:00", 1, "2026-04-08T08:30:00+02:00"},
		{"a whole week", se, "2026-04-13T08:00:00+02:00", 42.5, "2026-04-17T16:30:00+02:00"},
		{"given in UTC, due in local time", se, "2026-04-07T08:00:00Z", 1, "2026-04-07T11:00:00+02:00"},
		{"zero from inside", se, "2026-04-07T10:00:00+02:00", 0, "2026-04-07T10:00:00+02:00"},
		{"zero from outside is the next opening", se, "2026-04-11T10:00:00+02:00", 0, "2026-04-13T08:00:00+02:00"},
		// Clocks started outside office hours.
		{"before opening", se, "2026-04-07T06:00:00+02:00", 1, "2026-04-07T09:00:00+02:00"},
		{"at closing", se, "2026-04-07T16:30:00+02:00", 1, "2026-04-08T09:00:00+02:00"},
		{"after closing", se, "2026-04-07T17:00:00+02:00", 1, "2026-04-08T09:00:00+02:00"},
		{"Saturday", se, "2026-04-11T12:00:00+02:00", 1, "2026-04-13T09:00:00+02:00"},
		{"Sunday night", dk, "2026-04-12T23:59:00+02:00", 1, "2026-04-13T09:00:00+02:00"},
		{"SE Långfredagen", se, "2026-04-03T10:00:00+02:00", 1, "2026-04-07T09:00:00+02:00"},
		{"DK Skærtorsdag", dk, "2026-04-02T10:00:00+02:00", 1, "2026-04-07T09:00:00+02:00"},
		{"SE Skärtorsdag is open", se, "2026-04-02T10:00:00+02:00", 1, "2026-04-02T11:00:00+02:00"},
		{"SE over Easter", se, "2026-04-02T15:00:00+02:00", 2, "2026-04-07T08:30:00+02:00"},
		{"DK over Easter", dk, "2026-04-01T15:00:00+02:00", 2, "2026-04-07T08:30:00+02:00"},
		{"SE over Kristi himmelsfärd", se, "2026-05-13T16:00:00+02:00", 1, "2026-05-15T08:30:00+02:00"},
		{"DK over Kristi himmelfart", dk, "2026-05-13T16:00:00+02:00", 1, "2026-05-15T08:30:00+02:00"},
		{"DK over pinse", dk, "2026-05-22T16:00:00+02:00", 1, "2026-05-26T08:30:00+02:00"},
		{"SE over midsommar", se, "2026-06-18T16:00:00+02:00", 1, "2026-06-22T08:30:00+02:00"},
		{"DK midsommer is a working week", dk, "2026-06-18T16:00:00+02:00", 1, "2026-06-19T08:30:00+02:00"},
		{"DK over grundlovsdag", dk, "2026-06-04T16:00:00+02:00", 1, "2026-06-08T08:30:00+02:00"},
		{"SE over Christmas", se, "2026-12-23T16:00:00+01:00", 1, "2026-12-28T08:30:00+01:00"},
		{"SE over New Year", se, "2026-12-30T16:00:00+01:00", 1, "2027-01-04T08:30:00+01:00"},
		{"DK over New Year", dk, "2026-12-30T16:00:00+01:00", 1, "2027-01-04T08:30:00+01:00"},
		// Daylight saving time: office hours stay 08:00–16:30 local.
		{"spring forward over the weekend", se, "2026-03-27T15:00:00+01:00", 4, "2026-03-30T10:30:00+02:00"},
		{"fall back over the weekend", dk, "2026-10-23T15:00:00+02:00", 4, "2026-10-26T10:30:00+01:00"},
		{"from Sunday of the change", se, "2026-03-29T02:30:00+02:00", 1, "2026-03-30T09:00:00+02:00"},
		// The centre's own days.
		{"half day counts its open hours only", own, "2026-04-30T11:00:00+02:00", 2, "2026-05-04T09:00:00+02:00"},
		{"half day after its closing", own, "2026-04-30T13:00:00+02:00", 1, "2026-05-04T09:00:00+02:00"},
		{"half day that opens late", own, "2026-05-12T16:00:00+02:00", 1, "2026-05-13T10:30:00+02:00"},
		{"centre closed day", own, "2026-08-20T16:00:00+02:00", 1, "2026-08-24T08:30:00+02:00"},
		{"the plain calendar is open that day", se, "2026-08-20T16:00:00+02:00", 1, "2026-08-21T08:30:00+02:00"},
		{"fractional hours to the second", se, "2026-04-07T10:00:00+02:00", 1.0 / 3600, "2026-04-07T10:00:01+02:00"},
		{"store bededag 2023", dk, "2023-05-04T16:00:00+02:00", 1, "2023-05-08T08:30:00+02:00"},
		{"no store bededag 2024", dk, "2024-04-25T16:00:00+02:00", 1, "2024-04-26T08:30:00+02:00"},
	}
	for _, tt := range tests {
		got, err := tt.c.AddHours(instant(tt.from), tt.hours)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("%s: AddHours(%s, %v) = %s, want %s", tt.name, tt.from, tt.hours, s, tt.want)
		}
		if d, _ := BusinessHours(tt.hours); tt.c.Between(instant(tt.from), got) != d.Open {
			t.Errorf("%s: Between(from, due) = %v, want %v", tt.name, tt.c.Between(instant(tt.from), got), d.Open)
		}
	}
}

func TestAddDays(t *testing.T) {
	se, dk := mustCalendar(t, "se"), mustCalendar(t, "dk")
	own := mustCalendar(t, "se", WithDays(centreDays...))
	tests := []struct {
		name string
		c    *Calendar
		from string
		days int
		want string
	}{
		{"next day same clock time", se, "2026-04-07T10:15:30+02:00", 1, "2026-04-08T10:15:30+02:00"},
		{"over a weekend", se, "2026-04-10T10:00:00+02:00", 1, "2026-04-13T10:00:00+02:00"},
		{"twenty days over Första maj", se, "2026-04-07T10:00:00+02:00", 20, "2026-05-06T10:00:00+02:00"},
		{"zero days inside is now", se, "2026-04-07T10:00:00+02:00", 0, "2026-04-07T10:00:00+02:00"},
		{"zero days outside is the next opening", se, "2026-04-11T10:00:00+02:00", 0, "2026-04-13T08:00:00+02:00"},
		{"nanoseconds are kept", dk, "2026-04-07T10:00:00.123456789+02:00", 1, "2026-04-08T10:00:00.123456789+02:00"},
		// Clocks started outside office hours: the next opening n days later.
		{"before opening", se, "2026-04-07T06:00:00+02:00", 1, "2026-04-08T08:00:00+02:00"},
		{"after closing", se, "2026-04-07T17:00:00+02:00", 1, "2026-04-09T08:00:00+02:00"},
		{"Saturday", dk, "2026-04-11T12:00:00+02:00", 1, "2026-04-14T08:00:00+02:00"},
		{"SE Annandag påsk", se, "2026-04-06T12:00:00+02:00", 2, "2026-04-09T08:00:00+02:00"},
		// Holidays.
		{"SE Easter", se, "2026-04-01T12:00:00+02:00", 1, "2026-04-02T12:00:00+02:00"},
		{"SE Easter, two days", se, "2026-04-01T12:00:00+02:00", 2, "2026-04-07T12:00:00+02:00"},
		{"DK Easter", dk, "2026-04-01T12:00:00+02:00", 1, "2026-04-07T12:00:00+02:00"},
		{"SE Kristi himmelsfärd", se, "2026-05-13T12:00:00+02:00", 1, "2026-05-15T12:00:00+02:00"},
		{"DK Kristi himmelfart and pinse", dk, "2026-05-13T12:00:00+02:00", 7, "2026-05-26T12:00:00+02:00"},
		{"SE pingst is a working Monday", se, "2026-05-22T12:00:00+02:00", 1, "2026-05-25T12:00:00+02:00"},
		{"SE Nationaldagen on a Friday", se, "2025-06-05T10:00:00+02:00", 1, "2025-06-09T10:00:00+02:00"},
		{"DK grundlovsdag", dk, "2025-06-04T10:00:00+02:00", 1, "2025-06-06T10:00:00+02:00"},
		{"DK grundlovsdag and 2. pinsedag", dk, "2025-06-04T10:00:00+02:00", 2, "2025-06-10T10:00:00+02:00"},
		{"SE Midsommarafton", se, "2026-06-18T15:00:00+02:00", 1, "2026-06-22T15:00:00+02:00"},
		{"DK midsommer", dk, "2026-06-18T15:00:00+02:00", 1, "2026-06-19T15:00:00+02:00"},
		{"SE Christmas", se, "2026-12-22T10:00:00+01:00", 2, "2026-12-28T10:00:00+01:00"},
		{"SE New Year", se, "2026-12-30T10:00:00+01:00", 1, "2027-01-04T10:00:00+01:00"},
		{"DK Christmas and New Year", dk, "2026-12-23T10:00:00+01:00", 4, "2027-01-04T10:00:00+01:00"},
		{"DK store bededag 2023", dk, "2023-05-04T10:00:00+02:00", 1, "2023-05-08T10:00:00+02:00"},
		{"DK no store bededag 2024", dk, "2024-04-25T10:00:00+02:00", 1, "2024-04-26T10:00:00+02:00"},
		// Daylight saving time: the same wall clock time.
		{"spring forward", se, "2026-03-27T10:00:00+01:00", 1, "2026-03-30T10:00:00+02:00"},
		{"fall back", dk, "2026-10-23T10:00:00+02:00", 1, "2026-10-26T10:00:00+01:00"},
		{"outside across spring forward", se, "2026-03-27T18:00:00+01:00", 1, "2026-03-31T08:00:00+02:00"},
		// Half days clamp to their office hours.
		{"half day clamps to its closing", own, "2026-04-29T14:00:00+02:00", 1, "2026-04-30T12:00:00+02:00"},
		{"half day before its closing", own, "2026-04-29T09:30:00+02:00", 1, "2026-04-30T09:30:00+02:00"},
		{"half day that opens late clamps to its opening", own, "2026-05-12T08:30:00+02:00", 1, "2026-05-13T10:00:00+02:00"},
		{"from a half day to a full day", own, "2026-04-30T11:00:00+02:00", 1, "2026-05-04T11:00:00+02:00"},
		{"half day from outside is its opening", own, "2026-04-29T17:00:00+02:00", 1, "2026-05-04T08:00:00+02:00"},
		{"Trettondagsafton", own, "2026-01-02T15:00:00+01:00", 1, "2026-01-05T12:00:00+01:00"},
		{"centre closed day", own, "2026-08-20T10:00:00+02:00", 1, "2026-08-24T10:00:00+02:00"},
	}
	for _, tt := range tests {
		got, err := tt.c.AddDays(instant(tt.from), tt.days)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("%s: AddDays(%s, %d) = %s, want %s", tt.name, tt.from, tt.days, s, tt.want)
		}
	}
}

func TestOfficeHoursOverrides(t *testing.T) {
	centre := mustCalendar(t, "se", WithDays(centreDays...))
	member, err := centre.With(
		WithWeekday(time.Friday, Hours{At(8, 0), At(15, 0)}),
		WithWeekday(time.Saturday, Hours{At(10, 0), At(14, 0)}),
		WithDays(Day{Date: date("2026-04-30"), Name: "Öppet", Hours: DefaultHours}),
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    *Calendar
		from string
		add  func(*Calendar, time.Time) (time.Time, error)
		want string
	}{
		{"member Friday closes 15:00", member, "2026-04-17T14:00:00+02:00", hoursOf(2), "2026-04-18T11:00:00+02:00"},
		{"centre unchanged", centre, "2026-04-17T14:00:00+02:00", hoursOf(2), "2026-04-17T16:00:00+02:00"},
		{"member Saturday open, clamps to 14:00", member, "2026-04-17T14:30:00+02:00", daysOf(1), "2026-04-18T14:00:00+02:00"},
		{"member opens the centre's half day", member, "2026-04-30T11:00:00+02:00", hoursOf(2), "2026-04-30T13:00:00+02:00"},
		{"member keeps the centre's closed day", member, "2026-08-20T16:00:00+02:00", hoursOf(1), "2026-08-22T10:30:00+02:00"},
		{"public holiday wins over weekday hours", member, "2026-06-18T16:00:00+02:00", hoursOf(1), "2026-06-22T08:30:00+02:00"},
	}
	for _, tt := range tests {
		got, err := tt.add(tt.c, instant(tt.from))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if s := got.Format(time.RFC3339); s != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, s, tt.want)
		}
	}
	if centre.OfficeHours(time.Friday) != DefaultHours || member.OfficeHours(time.Friday).Close != At(15, 0) {
		t.Error("With changed the base calendar")
	}
}

func hoursOf(h float64) func(*Calendar, time.Time) (time.Time, error) {
	return func(c *Calendar, t time.Time) (time.Time, error) { return c.AddHours(t, h) }
}

func daysOf(n int) func(*Calendar, time.Time) (time.Time, error) {
	return func(c *Calendar, t time.Time) (time.Time, error) { return c.AddDays(t, n) }
}

func TestDaylightSavingOpenTime(t *testing.T) {
	// A calendar open round the clock on Sundays measures the real length
	// of the days daylight saving time shortens and lengthens.
	c := mustCalendar(t, "dk", WithWeekday(time.Sunday, Hours{0, At(24, 0)}))
	tests := []struct {
		from, to string
		want     time.Duration
	}{
		{"2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 23 * time.Hour},
		{"2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 25 * time.Hour},
		{"2026-03-22T00:00:00+01:00", "2026-03-23T00:00:00+01:00", 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := c.Between(instant(tt.from), instant(tt.to)); got != tt.want {
			t.Errorf("Between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
	got, _ := c.AddHours(instant("2026-03-29T00:00:00+01:00"), 3)
	if s := got.Format(time.RFC3339); s != "2026-03-29T04:00:00+02:00" {
		t.Errorf("3 hours from midnight on the day of the change = %s", s)
	}
}

func TestNextOpeningAndIsOpen(t *testing.T) {
	se, dk := mustCalendar(t, "se"), mustCalendar(t, "dk")
	tests := []struct {
		c     *Calendar
		at    string
		open  bool
		next  string
		label string
	}{
		{se, "2026-04-07T10:00:00+02:00", true, "2026-04-07T10:00:00+02:00", "inside"},
		{se, "2026-04-07T08:00:00+02:00", true, "2026-04-07T08:00:00+02:00", "at opening"},
		{se, "2026-04-07T07:59:59+02:00", false, "2026-04-07T08:00:00+02:00", "just before opening"},
		{se, "2026-04-07T16:30:00+02:00", false, "2026-04-08T08:00:00+02:00", "at closing"},
		{se, "2026-04-07T16:29:59+02:00", true, "2026-04-07T16:29:59+02:00", "just before closing"},
		{se, "2026-04-03T10:00:00+02:00", false, "2026-04-07T08:00:00+02:00", "Långfredagen"},
		{dk, "2026-04-02T10:00:00+02:00", false, "2026-04-07T08:00:00+02:00", "Skærtorsdag"},
		{se, "2026-04-02T10:00:00+02:00", true, "2026-04-02T10:00:00+02:00", "Skärtorsdag"},
		{se, "2026-12-23T17:00:00+01:00", false, "2026-12-28T08:00:00+01:00", "Christmas"},
		{dk, "2026-12-31T09:00:00+01:00", false, "2027-01-04T08:00:00+01:00", "New Year"},
		{se, "2026-03-28T12:00:00+01:00", false, "2026-03-30T08:00:00+02:00", "DST weekend"},
		{se, "2026-04-07T05:00:00Z", false, "2026-04-07T08:00:00+02:00", "given in UTC"},
	}
	for _, tt := range tests {
		at := instant(tt.at)
		if got := tt.c.IsOpen(at); got != tt.open {
			t.Errorf("%s: IsOpen(%s) = %v", tt.label, tt.at, got)
		}
		if got := tt.c.NextOpening(at).Format(time.RFC3339); got != tt.next {
			t.Errorf("%s: NextOpening(%s) = %s, want %s", tt.label, tt.at, got, tt.next)
		}
	}
}

func TestBetween(t *testing.T) {
	se := mustCalendar(t, "se")
	tests := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-04-07T10:00:00+02:00", "2026-04-07T12:00:00+02:00", 2 * time.Hour},
		{"2026-04-07T12:00:00+02:00", "2026-04-07T10:00:00+02:00", -2 * time.Hour},
		{"2026-04-02T15:00:00+02:00", "2026-04-09T15:00:00+02:00", 25*time.Hour + 30*time.Minute},
		{"2026-04-11T00:00:00+02:00", "2026-04-12T23:59:00+02:00", 0},
		{"2026-03-27T16:00:00+01:00", "2026-03-30T09:00:00+02:00", 90 * time.Minute},
		{"2026-12-30T16:00:00+01:00", "2027-01-04T09:00:00+01:00", 90 * time.Minute},
		// SE 2026 has 251 open days: 261 weekdays less 10 closed ones;
		// 2025 has 249: 261 less 12.
		{"2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00", 251 * (8*time.Hour + 30*time.Minute)},
		{"2025-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00", 500 * (8*time.Hour + 30*time.Minute)},
	}
	for _, tt := range tests {
		if got := se.Between(instant(tt.a), instant(tt.b)); got != tt.want {
			t.Errorf("Between(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestArithmeticErrors(t *testing.T) {
	se := mustCalendar(t, "se")
	from := instant("2026-04-07T10:00:00+02:00")
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"negative hours", second(se.AddHours(from, -1)), "hours"},
		{"too many hours", second(se.AddHours(from, MaxHours+1)), "hours"},
		{"NaN hours", second(se.AddHours(from, nan())), "hours"},
		{"negative days", second(se.AddDays(from, -1)), "days"},
		{"too many days", second(se.AddDays(from, MaxDays+1)), "days"},
		{"from far in the past", second(se.AddDays(time.Time{}, 1)), "from"},
		{"due past the tables", second(se.AddDays(instant("2261-12-30T10:00:00+01:00"), 5)), "days"},
	} {
		if got := fieldOf(tt.err); got != tt.field {
			t.Errorf("%s: error %v names field %q, want %q", tt.name, tt.err, got, tt.field)
		}
	}
	if _, err := se.AddHours(from, MaxHours); err != nil {
		t.Errorf("a full year of hours: %v", err)
	}
	if _, err := se.AddDays(from, MaxDays); err != nil {
		t.Errorf("a full year of days: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	c := mustCalendar(t, "dk", WithDays(centreDays...))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for y := 2026; y < 2040; y++ {
				from := time.Date(y, time.March, 3+g, 10, 0, 0, 0, c.Location())
				want := time.Date(y, time.March, 3+g, 12, 0, 0, 0, c.Location())
				if got, err := c.AddHours(from, 2); err != nil || (c.IsOpen(from) && !got.Equal(want)) {
					t.Errorf("AddHours(%s, 2) = %s, %v", from, got, err)
				}
			}
		})
	}
	wg.Wait()
}
