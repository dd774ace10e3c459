package governance

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

func sampleCalendar() Calendar {
	start := time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)
	return Calendar{ProdID: "-//Samverkan//Samverkan 1//SV", Name: "Samverkan – Kim Kontakt", Method: "PUBLISH", Events: []Event{
		{
			UID: "meeting-42@samverkan", Stamp: start.AddDate(0, 0, -20), Start: start, End: start.Add(2 * time.Hour),
			Summary:     "Kvartalsmöte – Helsingborgs stad; Q4, tactical",
			Description: "Dagordning:\n1. Servicenivåer, eskalerade ärenden\\beställningar\n" + strings.Repeat("Ärende åäö ", 30),
			Location:    "Stadshuset, sal 3", URL: "https://samverkan.example/portal/meetings/42", Sequence: 2,
			LastModified: start.AddDate(0, 0, -3),
			Organizer:    Person{Name: `Anna "Admin" Andersson`, Email: "anna@centre.example"},
			Attendees:    []Person{{Name: "Kim Kontakt, HR", Email: "kim@helsingborg.example"}, {Name: "No Mail"}},
		},
		{UID: "meeting-43@samverkan", Stamp: start, Start: start.AddDate(0, 1, 0), End: start.AddDate(0, 1, 0).Add(time.Hour),
			Summary: "Inställt möte", Cancelled: true},
	}}
}

// TestICSIsRFC5545: CRLF everywhere, no line longer than 75 octets, folds
// that never split a character, and escaped text.
func TestICSIsRFC5545(t *testing.T) {
	out := sampleCalendar().ICS()
	if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
		t.Fatal("does not end with END:VCALENDAR CRLF")
	}
	if bytes.Contains(bytes.ReplaceAll(out, []byte("\r\n"), nil), []byte("\n")) || bytes.Contains(bytes.ReplaceAll(out, []byte("\r\n"), nil), []byte("\r")) {
		t.Fatal("a line ends otherwise than with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	folded := 0
	for _, l := range lines {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("fold splits a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 3 {
		t.Errorf("only %d folded lines", folded)
	}
	unfolded := strings.ReplaceAll(string(out), "\r\n ", "")
	for _, want := range []string{
		`SUMMARY:Kvartalsmöte – Helsingborgs stad\; Q4\, tactical`,
		`DESCRIPTION:Dagordning:\n1. Servicenivåer\, eskalerade ärenden\\beställningar\n`,
		`LOCATION:Stadshuset\, sal 3`,
		`ORGANIZER;CN="Anna Admin Andersson":mailto:anna@centre.example`,
		`ATTENDEE;CN="Kim Kontakt, HR";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:kim@helsingborg.example`,
		"DTSTART:20261210T090000Z", "DTSTAMP:20261120T090000Z", "SEQUENCE:2", "STATUS:CANCELLED", "METHOD:PUBLISH",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if strings.Contains(unfolded, "No Mail") {
		t.Error("an attendee without an e-mail address is listed")
	}
}

// TestICSParses: a standard iCalendar parser reads the output back.
func TestICSParses(t *testing.T) {
	in := sampleCalendar()
	cal, err := ical.NewDecoder(bytes.NewReader(in.ICS())).Decode()
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events", len(events))
	}
	e := events[0]
	if uid, _ := e.Props.Text(ical.PropUID); uid != "meeting-42@samverkan" {
		t.Errorf("uid %q", uid)
	}
	if s, _ := e.Props.Text(ical.PropSummary); s != in.Events[0].Summary {
		t.Errorf("summary %q", s)
	}
	if d, _ := e.Props.Text(ical.PropDescription); d != in.Events[0].Description {
		t.Errorf("description %q", d)
	}
	start, err := e.DateTimeStart(time.UTC)
	if err != nil || !start.Equal(in.Events[0].Start) {
		t.Errorf("start %s, %v", start, err)
	}
	end, err := e.DateTimeEnd(time.UTC)
	if err != nil || !end.Equal(in.Events[0].End) {
		t.Errorf("end %s, %v", end, err)
	}
	if cn := e.Props.Get(ical.PropOrganizer).Params.Get(ical.ParamCommonName); cn != "Anna Admin Andersson" {
		t.Errorf("organizer %q", cn)
	}
	if att := e.Props.Values(ical.PropAttendee); len(att) != 1 || att[0].Params.Get(ical.ParamCommonName) != "Kim Kontakt, HR" {
		t.Errorf("attendees %+v", att)
	}
	// Round trip through the parser's own encoder.
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		t.Fatalf("re-encode: %v", err)
	}
}
