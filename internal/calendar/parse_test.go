package calendar

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"samverkan/internal/fault"
)

func second[T any](_ T, err error) error { return err }

func nan() float64 { return math.NaN() }

// fieldOf returns the field an Invalid error names, or "" for any other error.
func fieldOf(err error) string {
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid || len(e.Fields) != 1 {
		return ""
	}
	return e.Fields[0].Field
}

func TestParseErrorsNameTheField(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string // "" means no error
	}{
		{"country se", second(ParseCountry("se")), ""},
		{"country DK", second(ParseCountry("DK")), ""},
		{"country no", second(ParseCountry("no")), "country"},
		{"country empty", second(ForCountry("")), "country"},
		{"lang da", second(ParseLang("da")), ""},
		{"lang empty", second(ParseLang("")), ""},
		{"lang de", second(ParseLang("de")), "lang"},
		{"year", second(ParseYear("2026")), ""},
		{"year text", second(ParseYear("twenty")), "year"},
		{"year early", second(ParseYear("1999")), "year"},
		{"year late", second(ParseYear("2201")), "year"},
		{"instant", second(ParseInstant("from", "2026-04-07T10:00:00+02:00")), ""},
		{"instant with fraction", second(ParseInstant("from", "2026-04-07T10:00:00.5Z")), ""},
		{"instant without offset", second(ParseInstant("from", "2026-04-07T10:00:00")), "from"},
		{"instant date only", second(ParseInstant("from", "2026-04-07")), "from"},
		{"instant out of range", second(ParseInstant("from", "1970-01-01T00:00:00Z")), "from"},
		{"hours", second(ParseDuration("4", "")), ""},
		{"hours fraction", second(ParseDuration("0.5", "")), ""},
		{"hours negative", second(ParseDuration("-1", "")), "hours"},
		{"hours too many", second(ParseDuration("8785", "")), "hours"},
		{"hours text", second(ParseDuration("four", "")), "hours"},
		{"hours NaN", second(ParseDuration("NaN", "")), "hours"},
		{"hours Inf", second(ParseDuration("+Inf", "")), "hours"},
		{"days", second(ParseDuration("", "5")), ""},
		{"days negative", second(ParseDuration("", "-5")), "days"},
		{"days too many", second(ParseDuration("", "367")), "days"},
		{"days fraction", second(ParseDuration("", "1.5")), "days"},
		{"both", second(ParseDuration("1", "1")), "days"},
		{"neither", second(ParseDuration("", "")), "hours"},
		{"office hours", second(ForCountry("se", WithOfficeHours(Hours{At(16, 0), At(8, 0)}))), "office_hours"},
		{"no open weekday", second(ForCountry("se", WithOfficeHours(DefaultHours), closeWeek())), "office_hours"},
		{"bad special day", second(ForCountry("dk", WithDays(Day{Date: Date{2026, 2, 30}}))), "special_days"},
		{"special day out of range", second(ForCountry("dk", WithDays(Day{Date: Date{1800, 2, 3}}))), "special_days"},
	}
	for _, tt := range tests {
		if got := fieldOf(tt.err); got != tt.field || (tt.field == "") != (tt.err == nil) {
			t.Errorf("%s: error %v, want one on field %q", tt.name, tt.err, tt.field)
		}
	}
}

func closeWeek() Option {
	return func(c *Calendar) error {
		c.week = [7]Hours{}
		return nil
	}
}

func TestParseDurationValues(t *testing.T) {
	tests := []struct {
		hours, days string
		want        Duration
	}{
		{"4", "", Duration{Open: 4 * time.Hour}},
		{"0.5", "", Duration{Open: 30 * time.Minute}},
		{" 0.25 ", "", Duration{Open: 15 * time.Minute}},
		{"0", "", Duration{}},
		{"8784", "", Duration{Open: 8784 * time.Hour}},
		{"", "5", Duration{Days: 5, InDays: true}},
		{"", "0", Duration{InDays: true}},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.hours, tt.days)
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q, %q) = %+v, %v; want %+v", tt.hours, tt.days, got, err, tt.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]Clock{"08:00": At(8, 0), "8:00": At(8, 0), "16:30": At(16, 30), "00:00": 0, "24:00": At(24, 0)} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "8", "08:0", "08:60", "24:01", "25:00", "-1:00", "0800", "08:00:00", "ab:cd", "008:00"} {
		if _, err := ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
	if s := At(8, 5).String(); s != "08:05" {
		t.Errorf("At(8, 5) = %s", s)
	}
}

func TestHolidayJSON(t *testing.T) {
	b, err := json.Marshal(Holiday{Date: date("2026-06-19"), Name: "Midsommarafton", Kind: Agreement})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"date":"2026-06-19","name":"Midsommarafton","kind":"agreement"}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var h Holiday
	if err := json.Unmarshal(b, &h); err != nil || h.Date != date("2026-06-19") {
		t.Errorf("round trip: %+v, %v", h, err)
	}
}
