package mail

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/cases"
)

// The registration number is parsed by package cases; these are the
// subjects mail programs make of ours.
func TestThreadKeysReferenceInSubject(t *testing.T) {
	tests := []struct {
		subject, want, topic string
	}{
		{"[2026-000123] Fråga om lön", "2026-000123", "Fråga om lön"},
		{"Re: [2026-000123] Fråga om lön", "2026-000123", "Fråga om lön"},
		{"SV: VB: [2026-000123] Fråga om lön", "2026-000123", "Fråga om lön"},
		{"AW: Fwd: FW: VS: [2026-000123] x", "2026-000123", "x"},
		{"RE[2]: [HRSC2026-000045] Semesterlön", "HRSC2026-000045", "Semesterlön"},
		{"Fråga om lön [2026-000007]", "2026-000007", "Fråga om lön"},
		{"Fråga om lön", "", "Fråga om lön"},
		{"[extern] Fråga", "", "[extern] Fråga"},
		{"2026-000123 utan hakparentes", "", "2026-000123 utan hakparentes"},
	}
	for _, tt := range tests {
		th := ThreadKeys(&Message{Subject: tt.subject}, "example.se")
		got := ""
		if th.HasReference {
			got = th.Reference.String()
		}
		if got != tt.want {
			t.Errorf("reference in %q = %q, want %q", tt.subject, got, tt.want)
		}
		if tp := topic(tt.subject); tp != tt.topic {
			t.Errorf("topic(%q) = %q, want %q", tt.subject, tp, tt.topic)
		}
	}
}

func TestMessageIDRoundTrip(t *testing.T) {
	id := NewMessageID(123, 456, "HRSC.example.se")
	if !strings.HasPrefix(id, "case-123.event-456.") || !strings.HasSuffix(id, "@samverkan.hrsc.example.se") {
		t.Fatalf("NewMessageID = %q", id)
	}
	if other := NewMessageID(123, 456, "hrsc.example.se"); other == id {
		t.Fatal("two Message-IDs for the same event are equal; the random part is missing")
	}
	c, e, ok := ParseMessageID("<"+id+">", "hrsc.example.se")
	if !ok || c != 123 || e != 456 {
		t.Fatalf("ParseMessageID = %d, %d, %v", c, e, ok)
	}
	for _, bad := range []string{
		strings.Replace(id, "hrsc.example.se", "other.example", 1), // another installation
		"case-123.event-456@samverkan.hrsc.example.se",             // no random part
		"case-x.event-456.abc@samverkan.hrsc.example.se",
		"case-0.event-1.abc@samverkan.hrsc.example.se",
		"CAFE1234@mail.gmail.com",
		"",
	} {
		if _, _, ok := ParseMessageID(bad, "hrsc.example.se"); ok {
			t.Errorf("ParseMessageID(%q) accepted", bad)
		}
	}
}

func TestMessageIDList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"<a@x> <b@y>", []string{"a@x", "b@y"}},
		{"<a@x>\r\n <b@y>", []string{"a@x", "b@y"}},
		{"<a@x> (Anna's message of Monday)", []string{"a@x"}},
		{"a@x b@y", []string{"a@x", "b@y"}},
		{"", nil},
		{"<>", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, MessageIDList(tt.in)); diff != "" {
			t.Errorf("MessageIDList(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestRawMessageID(t *testing.T) {
	with := []byte("From: a@x\r\nMessage-ID:\r\n <abc@example.se>\r\nSubject: x\r\n\r\nMessage-ID: <body@x>\r\n")
	if got := rawMessageID(with); got != "abc@example.se" {
		t.Errorf("rawMessageID = %q, want abc@example.se (the folded header)", got)
	}
	without := []byte("From: a@x\r\nSubject: x\r\n\r\nMessage-ID: <body@x>\r\n")
	got := rawMessageID(without)
	if !strings.HasPrefix(got, "sha256:") || len(got) != len("sha256:")+64 {
		t.Errorf("rawMessageID without header = %q, want a sha256 key", got)
	}
	if rawMessageID(without) != got {
		t.Error("the hash key is not stable")
	}
	if rawMessageID([]byte("garbage without any header end")) == "" {
		t.Error("no key for garbage")
	}
}

func TestThreadKeys(t *testing.T) {
	const domain = "hrsc.example.se"
	ours := NewMessageID(7, 70, domain)
	older := NewMessageID(7, 60, domain)
	m := &Message{
		Subject:    "SV: [2026-000123] Fråga",
		InReplyTo:  []string{"member-1@bastad.se"},
		References: []string{older, "member-0@bastad.se", ours, "member-1@bastad.se"},
	}
	got := ThreadKeys(m, domain)
	want := Thread{CaseID: 7, EventID: 70, MessageIDs: []string{"member-1@bastad.se", "member-0@bastad.se"},
		Reference: cases.Reference{Year: 2026, Seq: 123}, HasReference: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ThreadKeys (-want +got):\n%s", diff)
	}
	if got := ThreadKeys(&Message{Subject: "Ny fråga"}, domain); got.CaseID != 0 || got.HasReference || got.MessageIDs != nil {
		t.Errorf("ThreadKeys of a new message = %+v", got)
	}
}
