package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
)

const calendarUsage = `Usage:
  samverkan calendar holidays --country se|dk --year YYYY [--lang sv|da|en]
      print the closed days of a year, one per line: YYYY-MM-DD<TAB>name
  samverkan calendar add --country se|dk --from RFC3339 (--hours H | --days N) [--open HH:MM --close HH:MM]
      print the instant a business duration after --from ends (office hours
      Monday to Friday, default 08:00–16:30, in the country's time zone)
`

// calendarCommand runs `samverkan calendar holidays|add`. Bad input gives
// exit code 2 and one line on stderr.
func calendarCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "samverkan calendar: give a subcommand: holidays or add")
		return 2
	}
	var err error
	switch sub := args[0]; sub {
	case "holidays":
		err = calendarHolidays(args[1:], stdout)
	case "add":
		err = calendarAdd(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, calendarUsage)
		return 0
	default:
		fmt.Fprintf(stderr, "samverkan calendar: unknown subcommand %q (want holidays or add)\n", sub)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, calendarUsage)
		return 0
	}
	fmt.Fprintf(stderr, "samverkan calendar %s: %s\n", args[0], oneLine(calendarMessage(err)))
	return 2
}

func calendarHolidays(args []string, stdout io.Writer) error {
	fs := calendarFlags("holidays")
	country := fs.String("country", "", "se or dk")
	year := fs.String("year", "", "the year, e.g. 2026")
	lang := fs.String("lang", "", "language of the names: sv, da or en (default: the country's)")
	if err := parseCalendarFlags(fs, args); err != nil {
		return err
	}
	if *country == "" {
		return errors.New("--country is required (se or dk)")
	}
	if *year == "" {
		return errors.New("--year is required")
	}
	cal, err := calendar.ForCountry(*country)
	if err != nil {
		return err
	}
	y, err := calendar.ParseYear(*year)
	if err != nil {
		return err
	}
	l, err := calendar.ParseLang(*lang)
	if err != nil {
		return err
	}
	days, err := cal.Holidays(y, l)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, h := range days {
		fmt.Fprintf(&b, "%s\t%s\n", h.Date, h.Name)
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

func calendarAdd(args []string, stdout io.Writer) error {
	fs := calendarFlags("add")
	country := fs.String("country", "", "se or dk")
	from := fs.String("from", "", "start instant, RFC 3339, e.g. 2026-04-07T10:00:00+02:00")
	hours := fs.String("hours", "", "business hours (open time), may be fractional")
	days := fs.String("days", "", "business days")
	open := fs.String("open", calendar.DefaultHours.Open.String(), "opening time Monday to Friday, HH:MM")
	closing := fs.String("close", calendar.DefaultHours.Close.String(), "closing time Monday to Friday, HH:MM")
	if err := parseCalendarFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *country == "":
		return errors.New("--country is required (se or dk)")
	case *from == "":
		return errors.New("--from is required (an RFC 3339 instant)")
	case *hours != "" && *days != "":
		return errors.New("give either --hours or --days, not both")
	case *hours == "" && *days == "":
		return errors.New("give either --hours or --days")
	}
	if _, err := calendar.ParseCountry(*country); err != nil {
		return err
	}
	start, err := calendar.ParseInstant("from", *from)
	if err != nil {
		return err
	}
	d, err := calendar.ParseDuration(*hours, *days)
	if err != nil {
		return err
	}
	o, err := calendar.ParseClock(*open)
	if err != nil {
		return fmt.Errorf("--open: %v", err)
	}
	c, err := calendar.ParseClock(*closing)
	if err != nil {
		return fmt.Errorf("--close: %v", err)
	}
	if c <= o {
		return fmt.Errorf("--close %s must be after --open %s", c, o)
	}
	var opts []calendar.Option
	if h := (calendar.Hours{Open: o, Close: c}); h != calendar.DefaultHours {
		opts = append(opts, calendar.WithOfficeHours(h))
	}
	cal, err := calendar.ForCountry(*country, opts...)
	if err != nil {
		return err
	}
	due, err := cal.Add(start, d)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, due.Format(time.RFC3339Nano))
	return err
}

// calendarFlags makes a flag set whose errors come back to the caller
// instead of being printed, so each is reported on one line.
func calendarFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("samverkan calendar "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseCalendarFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// calendarMessage words a domain error in terms of the command's flags:
// "hours must not be negative" becomes "--hours must not be negative".
func calendarMessage(err error) string {
	e, ok := fault.As(err)
	if !ok || len(e.Fields) == 0 {
		return err.Error()
	}
	f := e.Fields[0]
	if rest, ok := strings.CutPrefix(f.Detail, f.Field+" "); ok {
		return "--" + f.Field + " " + rest
	}
	return "--" + f.Field + ": " + f.Detail
}

// oneLine keeps a message on one line whatever the input held.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
