package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runCalendar(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = calendarCommand(args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestCalendarHolidays(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--country", "se", "--year", "2026"}, `2026-01-01	Nyårsdagen
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
		{[]string{"--country", "dk", "--year", "2026"}, `2026-01-01	Nytårsdag
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
		{[]string{"--country", "DK", "--year", "2024", "--lang", "en"}, `2024-01-01	New Year's Day
2024-03-28	Maundy Thursday
2024-03-29	Good Friday
2024-03-31	Easter Sunday
2024-04-01	Easter Monday
2024-05-09	Ascension Day
2024-05-19	Whit Sunday
2024-05-20	Whit Monday
2024-06-05	Constitution Day
2024-12-24	Christmas Eve
2024-12-25	Christmas Day
2024-12-26	Boxing Day
2024-12-31	New Year's Eve
`},
		{[]string{"--year=2023", "--country=dk"}, `2023-01-01	Nytårsdag
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
		{[]string{"--country", "se", "--year", "2027", "--lang", "da"}, `2027-01-01	Nytårsdag
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
	}
	for _, tt := range tests {
		out, stderr, code := runCalendar(append([]string{"holidays"}, tt.args...)...)
		if code != 0 || stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, code, stderr)
		}
		if out != tt.want {
			t.Errorf("%v:\ngot\n%s\nwant\n%s", tt.args, out, tt.want)
		}
	}
}

func TestCalendarAdd(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--country", "se", "--from", "2026-04-06T10:00:00+02:00", "--days", "1"}, "2026-04-08T08:00:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-04-03T10:00:00+02:00", "--hours", "2"}, "2026-04-07T10:00:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-04-02T15:00:00+02:00", "--hours", "2"}, "2026-04-07T08:30:00+02:00"},
		{[]string{"--country", "dk", "--from", "2026-04-01T15:00:00+02:00", "--hours", "2"}, "2026-04-07T08:30:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-04-01T10:00:00+02:00", "--days", "1"}, "2026-04-02T10:00:00+02:00"},
		{[]string{"--country", "dk", "--from", "2026-04-01T10:00:00+02:00", "--days", "1"}, "2026-04-07T10:00:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-04-07T08:00:00Z", "--hours", "0.5"}, "2026-04-07T10:30:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-03-27T15:00:00+01:00", "--hours", "4"}, "2026-03-30T10:30:00+02:00"},
		{[]string{"--country", "dk", "--from", "2026-10-23T10:00:00+02:00", "--days", "1"}, "2026-10-26T10:00:00+01:00"},
		{[]string{"--country", "se", "--from", "2026-06-18T12:00:00+02:00", "--days", "1"}, "2026-06-22T12:00:00+02:00"},
		{[]string{"--country", "dk", "--from", "2026-06-04T12:00:00+02:00", "--days", "1"}, "2026-06-08T12:00:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-12-23T16:00:00+01:00", "--hours", "1"}, "2026-12-28T08:30:00+01:00"},
		{[]string{"--country", "se", "--from", "2026-04-11T12:00:00+02:00", "--days", "0"}, "2026-04-13T08:00:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-04-07T10:00:00+02:00", "--hours", "8", "--open", "09:00", "--close", "15:00"}, "2026-04-08T12:00:00+02:00"},
		{[]string{"--country", "se", "--from", "2026-04-07T07:00:00+02:00", "--hours", "1", "--open", "07:00"}, "2026-04-07T08:00:00+02:00"},
		{[]string{"--country", "dk", "--from", "2026-04-07T10:00:00.25+02:00", "--days", "1"}, "2026-04-08T10:00:00.25+02:00"},
	}
	for _, tt := range tests {
		out, stderr, code := runCalendar(append([]string{"add"}, tt.args...)...)
		if code != 0 || stderr != "" || out != tt.want+"\n" {
			t.Errorf("add %s = %q (exit %d, stderr %q), want %q", strings.Join(tt.args, " "), out, code, stderr, tt.want)
		}
	}
}

func TestCalendarBadInput(t *testing.T) {
	const from = "2026-04-07T10:00:00+02:00"
	tests := []struct {
		args []string
		want string // part of the one line on stderr
	}{
		{nil, "give a subcommand"},
		{[]string{"nonsense"}, `unknown subcommand "nonsense"`},
		{[]string{"holidays"}, "--country is required"},
		{[]string{"holidays", "--country", "no", "--year", "2026"}, "--country must be se or dk"},
		{[]string{"holidays", "--country", "se"}, "--year is required"},
		{[]string{"holidays", "--country", "se", "--year", "twenty"}, "--year must be a number"},
		{[]string{"holidays", "--country", "se", "--year", "1999"}, "--year must be between 2000 and 2200"},
		{[]string{"holidays", "--country", "se", "--year", "2026", "--lang", "de"}, "--lang must be sv, da or en"},
		{[]string{"holidays", "--country", "se", "--year", "2026", "extra"}, `unexpected argument "extra"`},
		{[]string{"holidays", "--country", "se", "--year", "2026", "--from", from}, "flag provided but not defined: -from"},
		{[]string{"add", "--from", from, "--hours", "1"}, "--country is required"},
		{[]string{"add", "--country", "fi", "--from", from, "--hours", "1"}, "--country must be se or dk"},
		{[]string{"add", "--country", "se", "--hours", "1"}, "--from is required"},
		{[]string{"add", "--country", "se", "--from", "2026-04-07 10:00", "--hours", "1"}, "--from must be an RFC 3339 instant"},
		{[]string{"add", "--country", "se", "--from", "2026-04-07T10:00:00", "--hours", "1"}, "--from must be an RFC 3339 instant"},
		{[]string{"add", "--country", "se", "--from", "1969-04-07T10:00:00Z", "--hours", "1"}, "--from must be between the years"},
		{[]string{"add", "--country", "se", "--from", from}, "give either --hours or --days"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--days", "1"}, "give either --hours or --days, not both"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "-1"}, "--hours must not be negative"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "-0.5"}, "--hours must not be negative"},
		{[]string{"add", "--country", "se", "--from", from, "--days", "-1"}, "--days must not be negative"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "8785"}, "--hours must be at most 8784"},
		{[]string{"add", "--country", "se", "--from", from, "--days", "367"}, "--days must be at most 366"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "four"}, "--hours must be a number"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "NaN"}, "--hours must be a number"},
		{[]string{"add", "--country", "se", "--from", from, "--days", "1.5"}, "--days must be a whole number"},
		{[]string{"add", "--country", "se", "--from", from, "--hours"}, "flag needs an argument"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--open", "8"}, `--open: "8" is not a time of day HH:MM`},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--close", "16:60"}, `--close: "16:60" is not a time of day HH:MM`},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--open", "25:00"}, "--open"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--open", "16:00", "--close", "08:00"}, "--close 08:00 must be after --open 16:00"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--open", "09:00", "--close", "09:00"}, "--close 09:00 must be after --open 09:00"},
		{[]string{"add", "--country", "se", "--from", from, "--hours", "1", "--open", "17:00"}, "--close 16:30 must be after --open 17:00"},
	}
	for _, tt := range tests {
		out, stderr, code := runCalendar(tt.args...)
		if code == 0 {
			t.Errorf("%v: exit code 0", tt.args)
		}
		if out != "" {
			t.Errorf("%v: printed %q on stdout", tt.args, out)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
			t.Errorf("%v: stderr is not one line: %q", tt.args, stderr)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: stderr %q does not say %q", tt.args, stderr, tt.want)
		}
	}
}

func TestCalendarHelpAndDispatch(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"add", "-h"}, {"holidays", "--help"}} {
		out, stderr, code := runCalendar(args...)
		if code != 0 || stderr != "" || !strings.Contains(out, "samverkan calendar add") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"calendar", "add", "--country", "se", "--from", "2026-04-07T10:00:00+02:00", "--days", "1"}, &out, &errb)
	if code != 0 || out.String() != "2026-04-08T10:00:00+02:00\n" {
		t.Errorf("samverkan calendar add: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
