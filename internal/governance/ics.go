package governance

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is an iCalendar object (RFC 5545) of meetings: one invitation,
// or a person's subscription feed.
type Calendar struct {
	ProdID string // e.g. -//Samverkan//Samverkan 1//SV
	Name   string // X-WR-CALNAME, shown by calendar programs for a feed
	// Method is the iTIP method (RFC 5546): REQUEST for an invitation,
	// PUBLISH for a feed.
	Method string
	Events []Event
}

// Person is an organiser or attendee.
type Person struct{ Name, Email string }

// Event is one meeting as a VEVENT. Times are written in UTC, so no
// VTIMEZONE is needed.
type Event struct {
	UID          string
	Stamp        time.Time // DTSTAMP: when this representation was made
	Start, End   time.Time
	Summary      string
	Description  string
	Location     string
	URL          string
	Cancelled    bool
	Sequence     int
	LastModified time.Time
	Organizer    Person
	Attendees    []Person
}

// ICS writes the calendar as RFC 5545 text: CRLF line ends, lines folded
// at 75 octets without splitting a character, TEXT values escaped.
func (c Calendar) ICS() []byte {
	var b icsWriter
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:" + c.ProdID)
	b.line("CALSCALE:GREGORIAN")
	if c.Method != "" {
		b.line("METHOD:" + c.Method)
	}
	if c.Name != "" {
		b.line("X-WR-CALNAME:" + escapeText(c.Name))
	}
	for _, e := range c.Events {
		e.write(&b)
	}
	b.line("END:VCALENDAR")
	return b.Bytes()
}

func (e Event) write(b *icsWriter) {
	b.line("BEGIN:VEVENT")
	b.line("UID:" + escapeText(e.UID))
	b.line("DTSTAMP:" + utcStamp(e.Stamp))
	b.line("DTSTART:" + utcStamp(e.Start))
	b.line("DTEND:" + utcStamp(e.End))
	b.line("SEQUENCE:" + strconv.Itoa(e.Sequence))
	if !e.LastModified.IsZero() {
		b.line("LAST-MODIFIED:" + utcStamp(e.LastModified))
	}
	b.line("SUMMARY:" + escapeText(e.Summary))
	if e.Description != "" {
		b.line("DESCRIPTION:" + escapeText(e.Description))
	}
	if e.Location != "" {
		b.line("LOCATION:" + escapeText(e.Location))
	}
	if e.URL != "" {
		b.line("URL:" + e.URL)
	}
	status := "CONFIRMED"
	if e.Cancelled {
		status = "CANCELLED"
	}
	b.line("STATUS:" + status)
	b.line("TRANSP:OPAQUE")
	if e.Organizer.Email != "" {
		b.line("ORGANIZER;CN=" + paramValue(e.Organizer.Name) + ":mailto:" + e.Organizer.Email)
	}
	for _, a := range e.Attendees {
		if a.Email == "" {
			continue
		}
		b.line("ATTENDEE;CN=" + paramValue(a.Name) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:" + a.Email)
	}
	b.line("END:VEVENT")
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
}

// paramValue quotes a parameter value; a double quote cannot appear in
// one and control characters have no place there, so both are dropped.
func paramValue(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return `"` + s + `"`
}

// icsWriter collects content lines, folding each at 75 octets.
type icsWriter struct{ bytes.Buffer }

func (w *icsWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
