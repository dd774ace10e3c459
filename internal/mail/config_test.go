package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/fault"
)

func TestValidateNamesEveryProblem(t *testing.T) {
	_, err := Config{
		From:         Address{Email: "not an address"},
		Language:     "de",
		PollInterval: time.Millisecond,
		Mailboxes: []MailboxConfig{
			{Host: "imap.example.se", Username: "u", Password: "p"},
			{Port: 70000, TLS: "ssl", Folder: "INBOX", MoveTo: "INBOX"},
			{Host: "imap.example.se", Username: "u", Password: "p"}, // same default name as the first
		},
		SMTP: SMTPConfig{Host: "smtp.example.se", Username: "u", TLS: "maybe"},
	}.Validate()
	fe, ok := fault.As(err)
	if !ok || fe.Kind != fault.Invalid {
		t.Fatalf("Validate error = %v, want fault.Invalid", err)
	}
	var got []string
	for _, f := range fe.Fields {
		got = append(got, f.Field)
	}
	want := []string{
		"mail.from", "mail.language", "mail.poll_interval",
		"mail.imap[1].host", "mail.imap[1].port", "mail.imap[1].username", "mail.imap[1].password",
		"mail.imap[1].tls", "mail.imap[1].move_to",
		"mail.imap[2].name",
		"mail.smtp.tls", "mail.smtp.password",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestValidateDefaults(t *testing.T) {
	c, err := Config{
		From:      Address{Name: "HR-servicecenter", Email: "hr@HRSC.example.se"},
		Mailboxes: []MailboxConfig{{Host: "imap.example.se", Username: "hr", Password: "p"}},
		SMTP:      SMTPConfig{Host: "smtp.example.se"},
	}.Validate()
	if err != nil {
		t.Fatal(err)
	}
	mb := c.Mailboxes[0]
	if c.Domain != "hrsc.example.se" || c.Language != "sv" || c.PollInterval != time.Minute ||
		mb.Port != 993 || mb.TLS != TLSImplicit || mb.Folder != "INBOX" || mb.Name != "hr@imap.example.se/INBOX" ||
		c.SMTP.Port != 587 || c.SMTP.TLS != TLSStart || c.SMTP.Timeout != 30*time.Second {
		t.Errorf("defaults: %+v", c)
	}
	if _, err := (Config{}).Validate(); err != nil {
		t.Errorf("an empty Config (e-mail off) is invalid: %v", err)
	}
}

func TestParseURLs(t *testing.T) {
	if a, err := ParseAddress("HR-servicecenter <HR@Example.se>"); err != nil || a != (Address{Name: "HR-servicecenter", Email: "hr@example.se"}) {
		t.Errorf("ParseAddress = %+v, %v", a, err)
	}
	if _, err := ParseAddress("hr at example"); err == nil {
		t.Error("ParseAddress accepted a non-address")
	}
	mb, err := ParseIMAPURL("imaps://hr%40example.se:p%40ss@imap.example.se/Inkorg?move_to=Arkiv&name=hr")
	if err != nil {
		t.Fatal(err)
	}
	want := MailboxConfig{Name: "hr", Host: "imap.example.se", Username: "hr@example.se", Password: "p@ss",
		Folder: "Inkorg", TLS: TLSImplicit, MoveTo: "Arkiv"}
	if diff := cmp.Diff(want, mb); diff != "" {
		t.Errorf("ParseIMAPURL (-want +got):\n%s", diff)
	}
	mb, _ = ParseIMAPURL("imap://u:p@127.0.0.1:1143?tls=none")
	if mb.TLS != TLSNone || mb.Port != 1143 || mb.Folder != "" {
		t.Errorf("plain imap URL: %+v", mb)
	}
	s, err := ParseSMTPURL("smtps://u:p@smtp.example.se")
	if err != nil || s.TLS != TLSImplicit || s.Host != "smtp.example.se" || s.Username != "u" || s.Password != "p" {
		t.Errorf("ParseSMTPURL = %+v, %v", s, err)
	}
	s, _ = ParseSMTPURL("smtp://localhost:25?tls=none")
	if s.TLS != TLSNone || s.Port != 25 || s.Username != "" {
		t.Errorf("plain smtp URL: %+v", s)
	}
	for _, bad := range []string{"http://x", "imap://x:port"} {
		if _, err := ParseIMAPURL(bad); err == nil {
			t.Errorf("ParseIMAPURL(%q) accepted", bad)
		}
	}
	if _, err := ParseSMTPURL("ftp://x"); err == nil {
		t.Error("ParseSMTPURL accepted ftp")
	}
}

func TestTemplatesEveryKindAndLanguage(t *testing.T) {
	tm, err := loadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	l := Letter{To: Address{Name: "Åsa"}, Reference: "2026-000123", Subject: "SV: Fråga om lön",
		Body: "Lönen betalas ut den 25:e.", CentreName: "HR-servicecenter", ReopenDays: 14}
	wantSubject := map[string]string{
		"sv/" + KindAcknowledgement: "[2026-000123] Mottaget: Fråga om lön",
		"da/" + KindAcknowledgement: "[2026-000123] Modtaget: Fråga om lön",
		"en/" + KindAcknowledgement: "[2026-000123] Received: Fråga om lön",
		"sv/" + KindReply:           "[2026-000123] Fråga om lön",
		"sv/" + KindResolved:        "[2026-000123] Löst: Fråga om lön",
		"da/" + KindResolved:        "[2026-000123] Løst: Fråga om lön",
		"en/" + KindResolved:        "[2026-000123] Resolved: Fråga om lön",
	}
	for _, lang := range Languages {
		for _, kind := range OutgoingKinds {
			subject, body, err := tm.render(kind, lang, l)
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, kind, err)
			}
			if w, ok := wantSubject[lang+"/"+kind]; ok && subject != w {
				t.Errorf("%s/%s subject = %q, want %q", lang, kind, subject, w)
			}
			if !strings.Contains(body, "2026-000123") || !strings.Contains(body, "HR-servicecenter") ||
				!strings.Contains(body, "Lönen betalas ut den 25:e.") || strings.Contains(body, "<no value>") {
				t.Errorf("%s/%s body:\n%s", lang, kind, body)
			}
		}
	}
}

func TestLanguageFallback(t *testing.T) {
	tests := []struct{ recipient, centre, want string }{
		{"da", "sv", "da"},
		{"sv-SE", "da", "sv"},
		{"en_GB", "sv", "en"},
		{"", "da", "da"},
		{"de", "sv", "sv"},
		{"", "", "en"},
	}
	for _, tt := range tests {
		if got := language(tt.recipient, tt.centre); got != tt.want {
			t.Errorf("language(%q, %q) = %q, want %q", tt.recipient, tt.centre, got, tt.want)
		}
	}
	if !strings.HasPrefix(truncate("åäö", 3), "å") || truncate("åäö", 3) != "å" {
		t.Errorf("truncate splits a rune: %q", truncate("åäö", 3))
	}
}
