package calendar

import (
	"strings"
	"testing"
	"time"
)

func mustCalendar(t testing.TB, country string, opts ...Option) *Calendar {
	t.Helper()
	c, err := ForCountry(country, opts...)
	if err != nil {
		t.Fatalf("ForCountry(%q): %v", country, err)
	}
	return c
}

func date(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func holidayLines(t *testing.T, c *Calendar, year int, lang Lang) string {
	t.Helper()
	hs, err := c.Holidays(year, lang)
	if err != nil {
		t.Fatalf("Holidays(%d): %v", year, err)
	}
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Date.String() + "\t" + h.Name + "\n")
	}
	return b.String()
}

func TestHolidaysWholeYears(t *testing.T) {
	tests := []struct {
		country string
		year    int
		lang    Lang
		want    string
	}{
		{"se", 2026, "", `2026-01-01	Nyårsdagen
2026-01-06	Trettondedag jul
2026-04-03	Långfredagen
2026-04-05	Påskdagen
2026-04-06	Annandag påsk
2026-05-01	Första maj
2026-05-14	Kristi himmelsfärdsdag
2026-05-24	Pingstdagen
2026-06-06	Sveriges nationaldag
2026-06-19	Midsommarafton
2026-06-20	Midsommardagen
2026-10-31	Alla helgons dag
2026-12-24	Julafton
2026-12-25	Juldagen
2026-12-26	Annandag jul
2026-12-31	Nyårsafton
`},
		{"se", 2025, English, `2025-01-01	New Year's Day
2025-01-06	Epiphany
2025-04-18	Good Friday
2025-04-20	Easter Sunday
2025-04-21	Easter Monday
2025-05-01	May Day
2025-05-29	Ascension Day
2025-06-06	National Day of Sweden
2025-06-08	Whit Sunday
2025-06-20	Midsummer Eve
2025-06-21	Midsummer Day
2025-11-01	All Saints' Day
2025-12-24	Christmas Eve
2025-12-25	Christmas Day
2025-12-26	Boxing Day
2025-12-31	New Year's Eve
`},
		{"SE", 2027, Danish, `2027-01-01	Nytårsdag
2027-01-06	Helligtrekongersdag
2027-03-26	Langfredag
2027-03-28	Påskedag
2027-03-29	2. påskedag
2027-05-01	1. maj
2027-05-06	Kristi himmelfartsdag
2027-05-16	Pinsedag
2027-06-06	Sveriges nationaldag
2027-06-25	Midsommeraften
2027-06-26	Midsommerdag
2027-11-06	Allehelgensdag
2027-12-24	Juleaftensdag
2027-12-25	Juledag
2027-12-26	2. juledag
2027-12-31	Nytårsaftensdag
`},
		{"dk", 2026, "", `2026-01-01	Nytårsdag
2026-04-02	Skærtorsdag
2026-04-03	Langfredag
2026-04-05	Påskedag
2026-04-06	2. påskedag
2026-05-14	Kristi himmelfartsdag
2026-05-24	Pinsedag
2026-05-25	2. pinsedag
2026-06-05	Grundlovsdag
2026-12-24	Juleaftensdag
2026-12-25	Juledag
2026-12-26	2. juledag
2026-12-31	Nytårsaftensdag
`},
		{"dk", 2023, "", `2023-01-01	Nytårsdag
2023-04-06	Skærtorsdag
2023-04-07	Langfredag
2023-04-09	Påskedag
2023-04-10	2. påskedag
2023-05-05	Store bededag
2023-05-18	Kristi himmelfartsdag
2023-05-28	Pinsedag
2023-05-29	2. pinsedag
2023-06-05	Grundlovsdag
2023-12-24	Juleaftensdag
2023-12-25	Juledag
2023-12-26	2. juledag
2023-12-31	Nytårsaftensdag
`},
		{"dk", 2027, Swedish, `2027-01-01	Nyårsdagen
2027-03-25	Skärtorsdagen
2027-03-26	Långfredagen
2027-03-28	Påskdagen
2027-03-29	Annandag påsk
2027-05-06	Kristi himmelsfärdsdag
2027-05-16	Pingstdagen
2027-05-17	Annandag pingst
2027-06-05	Grundlagsdagen
2027-12-24	Julafton
2027-12-25	Juldagen
2027-12-26	Annandag jul
2027-12-31	Nyårsafton
`},
		// Two holidays on one date are one line.
		{"se", 2008, "", `2008-01-01	Nyårsdagen
2008-01-06	Trettondedag jul
2008-03-21	Långfredagen
2008-03-23	Påskdagen
2008-03-24	Annandag påsk
2008-05-01	Första maj, Kristi himmelsfärdsdag
2008-05-11	Pingstdagen
2008-06-06	Sveriges nationaldag
2008-06-20	Midsommarafton
2008-06-21	Midsommardagen
2008-11-01	Alla helgons dag
2008-12-24	Julafton
2008-12-25	Juldagen
2008-12-26	Annandag jul
2008-12-31	Nyårsafton
`},
		{"dk", 2017, English, `2017-01-01	New Year's Day
2017-04-13	Maundy Thursday
2017-04-14	Good Friday
2017-04-16	Easter Sunday
2017-04-17	Easter Monday
2017-05-12	General Prayer Day
2017-05-25	Ascension Day
2017-06-04	Whit Sunday
2017-06-05	Whit Monday, Constitution Day
2017-12-24	Christmas Eve
2017-12-25	Christmas Day
2017-12-26	Boxing Day
2017-12-31	New Year's Eve
`},
	}
	for _, tt := range tests {
		got := holidayLines(t, mustCalendar(t, tt.country), tt.year, tt.lang)
		if got != tt.want {
			t.Errorf("%s %d %q:\ngot\n%s\nwant\n%s", tt.country, tt.year, tt.lang, got, tt.want)
		}
	}
}

func TestClosedDays(t *testing.T) {
	se, dk := mustCalendar(t, "se"), mustCalendar(t, "dk")
	tests := []struct {
		name   string
		c      *Calendar
		date   string
		closed bool
	}{
		{"SE Skärtorsdag is a working day", se, "2026-04-02", false},
		{"DK Skærtorsdag is a holiday", dk, "2026-04-02", true},
		{"SE Långfredagen", se, "2026-04-03", true},
		{"DK Langfredag", dk, "2026-04-03", true},
		{"SE Annandag påsk", se, "2026-04-06", true},
		{"DK 2. påskedag", dk, "2026-04-06", true},
		{"SE Kristi himmelsfärdsdag", se, "2026-05-14", true},
		{"DK Kristi himmelfartsdag", dk, "2026-05-14", true},
		{"SE the Friday after Ascension is open", se, "2026-05-15", false},
		{"DK banklukkedag is open for offices", dk, "2026-05-15", false},
		{"SE Första maj", se, "2026-05-01", true},
		{"DK 1 May is a working day", dk, "2026-05-01", false},
		{"SE Whit Monday is a working day since 2005", se, "2026-05-25", false},
		{"DK 2. pinsedag", dk, "2026-05-25", true},
		{"SE Nationaldagen on a Friday", se, "2025-06-06", true},
		{"DK 6 June is a working day", dk, "2025-06-06", false},
		{"DK grundlovsdag", dk, "2026-06-05", true},
		{"SE 5 June is a working day", se, "2026-06-05", false},
		{"SE Midsommarafton", se, "2026-06-19", true},
		{"DK the Friday before midsummer is a working day", dk, "2026-06-19", false},
		{"SE Midsommarafton 2027", se, "2027-06-25", true},
		{"SE Julafton", se, "2026-12-24", true},
		{"DK Juleaftensdag", dk, "2026-12-24", true},
		{"SE Nyårsafton", se, "2026-12-31", true},
		{"DK Nytårsaftensdag", dk, "2026-12-31", true},
		{"SE Trettondedag jul", se, "2027-01-06", true},
		{"DK 6 January is a working day", dk, "2027-01-06", false},
		{"DK Store bededag 2023", dk, "2023-05-05", true},
		{"DK no Store bededag 2024", dk, "2024-04-26", false},
		{"DK no Store bededag 2026", dk, "2026-05-01", false},
		{"ordinary Monday", se, "2026-04-13", false},
		{"Saturday", dk, "2026-04-11", true},
	}
	for _, tt := range tests {
		if got := tt.c.HoursOn(date(tt.date)).Closed(); got != tt.closed {
			t.Errorf("%s: %s closed = %v, want %v", tt.name, tt.date, got, tt.closed)
		}
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{
		2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21",
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
		2038: "2038-04-25", 2285: "2285-03-22",
	} {
		if got := easter(y).String(); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestCentreDaysInHolidays(t *testing.T) {
	c := mustCalendar(t, "se", WithDays(
		Day{Date: date("2026-05-15"), Name: "Klämdag"},
		Day{Date: date("2026-04-30"), Name: "Valborgsmässoafton", Hours: Hours{At(8, 0), At(12, 0)}},
		Day{Date: date("2026-01-06"), Name: "Öppet trettondagen", Hours: DefaultHours},
		Day{Date: date("2027-01-05"), Name: "Another year"},
	))
	got := holidayLines(t, c, 2026, "")
	want := `2026-01-01	Nyårsdagen
2026-04-03	Långfredagen
2026-04-05	Påskdagen
2026-04-06	Annandag påsk
2026-05-01	Första maj
2026-05-14	Kristi himmelsfärdsdag
2026-05-15	Klämdag
2026-05-24	Pingstdagen
2026-06-06	Sveriges nationaldag
2026-06-19	Midsommarafton
2026-06-20	Midsommardagen
2026-10-31	Alla helgons dag
2026-12-24	Julafton
2026-12-25	Juldagen
2026-12-26	Annandag jul
2026-12-31	Nyårsafton
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	hs, _ := c.Holidays(2026, "")
	for _, h := range hs {
		if h.Date == date("2026-05-15") && h.Kind != Centre || h.Date == date("2026-06-19") && h.Kind != Agreement || h.Date == date("2026-01-01") && h.Kind != Public {
			t.Errorf("%s has kind %s", h.Date, h.Kind)
		}
	}
	if _, err := c.Holidays(1999, ""); err == nil {
		t.Error("Holidays(1999) gave no error")
	}
}

func TestBankingDays(t *testing.T) {
	se, dk := mustCalendar(t, "se"), mustCalendar(t, "dk")
	tests := []struct {
		name string
		got  Date
		want string
	}{
		{"SE payday 25 April 2026 is a Saturday", se.BankingDayOnOrBefore(date("2026-04-25")), "2026-04-24"},
		{"SE payday 25 May 2026 is a Monday", se.BankingDayOnOrBefore(date("2026-05-25")), "2026-05-25"},
		{"SE payday 25 December 2026 (Juldagen; Julafton closed)", se.BankingDayOnOrBefore(date("2026-12-25")), "2026-12-23"},
		{"SE payday 25 December 2027 is a Saturday", se.BankingDayOnOrBefore(date("2027-12-25")), "2027-12-23"},
		{"SE payday 27 June 2027 is a Sunday", se.BankingDayOnOrBefore(date("2027-06-27")), "2027-06-24"},
		{"SE payday 25 January 2025 is a Saturday", se.BankingDayOnOrBefore(date("2025-01-25")), "2025-01-24"},
		{"SE previous banking day before Easter Tuesday", se.PreviousBankingDay(date("2026-04-07")), "2026-04-02"},
		{"DK previous banking day before Easter Tuesday", dk.PreviousBankingDay(date("2026-04-07")), "2026-04-01"},
		{"SE across new year", se.PreviousBankingDay(date("2027-01-04")), "2026-12-30"},
		{"DK last banking day of May 2026", dk.LastBankingDay(2026, time.May), "2026-05-29"},
		{"DK last banking day of May 2019 (banklukkedag on the 31st)", dk.LastBankingDay(2019, time.May), "2019-05-29"},
		{"DK last banking day of December 2026", dk.LastBankingDay(2026, time.December), "2026-12-30"},
		{"DK last banking day of February 2028", dk.LastBankingDay(2028, time.February), "2028-02-29"},
		{"DK last banking day of June 2026", dk.LastBankingDay(2026, time.June), "2026-06-30"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
	for _, tt := range []struct {
		c    *Calendar
		date string
		want bool
	}{
		{se, "2026-06-19", false}, // midsommarafton
		{dk, "2026-06-05", false}, // grundlovsdag
		{dk, "2026-05-15", false}, // banklukkedag
		{se, "2026-05-15", true},
		{dk, "2026-04-02", false}, // skærtorsdag
		{se, "2026-04-02", true},
		{dk, "2024-04-26", true}, // no Store bededag
	} {
		if got := tt.c.IsBankingDay(date(tt.date)); got != tt.want {
			t.Errorf("%s IsBankingDay(%s) = %v, want %v", tt.c.Country(), tt.date, got, tt.want)
		}
	}
	// The centre's own closed days do not move paydays.
	own := mustCalendar(t, "se", WithDays(Day{Date: date("2026-06-25"), Name: "Stängt"}))
	if !own.IsBankingDay(date("2026-06-25")) {
		t.Error("a centre closed day must not close the banks")
	}
}
