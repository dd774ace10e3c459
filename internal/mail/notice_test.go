package mail

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"samverkan/internal/store"
)

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

var invitation = Notice{To: Address{Name: "Tilda Taktisk", Email: "tilda@helsingborg.se"}, Language: "sv",
	Path: "/surveys/12", Meeting: "Kvartalsmöte – Helsingborgs stad", MeetingAt: time.Date(2026, 11, 20, 10, 0, 0, 0, stockholm)}

var directory = Notice{To: Address{Name: "Sten Strategisk", Email: "sten@helsingborg.se"}, Language: "en",
	Path: "/contacts", Member: "Helsingborgs stad", Entries: []NoticeEntry{
		{Level: "strategic", Name: "Sten Strategisk", Title: "HR-direktör", Email: "sten@helsingborg.se", Phone: "042-10 50 00",
			VerifiedAt: time.Date(2025, 10, 2, 9, 0, 0, 0, stockholm)},
		{Level: "tactical", Name: "Tilda Taktisk", Email: "tilda@helsingborg.se", Deputy: "Hugo Anställd"},
	}}

func withBaseURL(c *Config) { c.BaseURL = "https://samverkan.example.se/" }

func TestSurveyInvitationSentOnce(t *testing.T) {
	f := newFixture(t, false, true, withBaseURL)
	ctx := context.Background()
	for range 2 { // the job running again (a lost lease) sends nothing more
		if err := f.svc.SendNotice(ctx, NoticeSurveyInvitation, "invitation-12", invitation); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.smtp.messages()); n != 1 {
		t.Fatalf("%d messages, want 1", n)
	}
	m, r := f.sent(0)
	if r.from != "hr@example.se" || len(r.to) != 1 || r.to[0] != "tilda@helsingborg.se" {
		t.Errorf("envelope from %q to %v", r.from, r.to)
	}
	if m.Subject != "Vad tyckte du om mötet? Kvartalsmöte – Helsingborgs stad" {
		t.Errorf("Subject = %q", m.Subject)
	}
	for _, want := range []string{"Hej Tilda Taktisk!", "mötet Kvartalsmöte – Helsingborgs stad den 20 november 2026 kl. 10.00",
		"Svara här: https://samverkan.example.se/surveys/12", "HR-servicecenter"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Text)
		}
	}
	if m.Header.Get("Auto-Submitted") != "auto-generated" || m.Header.Get("X-Auto-Response-Suppress") != "All" || m.Automatic == "" {
		t.Errorf("Auto-Submitted %q, X-Auto-Response-Suppress %q, automatic %q",
			m.Header.Get("Auto-Submitted"), m.Header.Get("X-Auto-Response-Suppress"), m.Automatic)
	}
	if !IsOwnMessageID(m.MessageID, testDomain) || !strings.HasPrefix(m.MessageID, "notice.") {
		t.Errorf("Message-ID %q is not one of our notice ids", m.MessageID)
	}
	if _, _, ok := ParseMessageID(m.MessageID, testDomain); ok {
		t.Errorf("a notice's Message-ID %q names a case", m.MessageID)
	}
	out, _ := f.db.Read().ListMailNotices(ctx, NoticeSurveyInvitation)
	if len(out) != 1 || out[0].State != store.OutboundSent || out[0].Key != "invitation-12" || out[0].MessageID != m.MessageID {
		t.Errorf("mail_notices = %+v", out)
	}
}

func TestNoticeRetriesWithTheSameMessageID(t *testing.T) {
	f := newFixture(t, false, true, nil)
	ctx := context.Background()
	f.smtp.failMail(1)
	if err := f.svc.SendNotice(ctx, NoticeSurveyInvitation, "invitation-12", invitation); err == nil {
		t.Fatal("SendNotice with the server answering 451 did not fail")
	}
	if err := f.svc.SendNotice(ctx, NoticeSurveyInvitation, "invitation-12", invitation); err != nil {
		t.Fatal(err)
	}
	m, _ := f.sent(0)
	out, _ := f.db.Read().ListMailNotices(ctx, NoticeSurveyInvitation)
	if len(out) != 1 || m.MessageID != out[0].MessageID || out[0].State != store.OutboundSent {
		t.Errorf("retry sent %q; mail_notices = %+v", m.MessageID, out)
	}
	// Without a base URL the notice tells the reader where to go instead.
	if !strings.Contains(m.Text, "Logga in i portalen") || strings.Contains(m.Text, "/surveys/12") {
		t.Errorf("body without a base URL:\n%s", m.Text)
	}
}

func TestContactVerificationListsEntries(t *testing.T) {
	f := newFixture(t, false, true, withBaseURL)
	ctx := context.Background()
	sv := directory
	sv.To, sv.Language = Address{Name: "Tilda Taktisk", Email: "tilda@helsingborg.se"}, "sv"
	empty := Notice{To: Address{Email: "kim@hoganas.se"}, Language: "da", Member: "Höganäs kommun", Path: "/contacts"}
	for key, n := range map[string]Notice{"member-1.person-2.2026-11": directory, "member-1.person-3.2026-11": sv, "member-2.person-4.2026-11": empty} {
		if err := f.svc.SendNotice(ctx, NoticeContactVerification, key, n); err != nil {
			t.Fatal(err)
		}
	}
	byTo := map[string]*Message{}
	for i := range f.smtp.messages() {
		m, r := f.sent(i)
		byTo[r.to[0]] = m
	}
	en, svm, da := byTo["sten@helsingborg.se"], byTo["tilda@helsingborg.se"], byTo["kim@hoganas.se"]
	if en == nil || svm == nil || da == nil {
		t.Fatalf("recipients: %v", byTo)
	}
	if en.Subject != "Are your contact persons up to date? Helsingborgs stad" {
		t.Errorf("English subject %q", en.Subject)
	}
	for _, want := range []string{"Dear Sten Strategisk,",
		"- Strategic level: Sten Strategisk, HR-direktör, sten@helsingborg.se, 042-10 50 00\n  Last confirmed 2 October 2025.",
		"- Tactical level: Tilda Taktisk, tilda@helsingborg.se\n  Deputy: Hugo Anställd. Never confirmed.",
		"confirm the directory:\nhttps://samverkan.example.se/contacts"} {
		if !strings.Contains(en.Text, want) {
			t.Errorf("English request lacks %q:\n%s", want, en.Text)
		}
	}
	for _, want := range []string{"Hej Tilda Taktisk!", "kontaktpersonerna för Helsingborgs stad",
		"- Strategisk nivå: Sten Strategisk, HR-direktör", "Senast bekräftad 2 oktober 2025.",
		"Ersättare: Hugo Anställd. Aldrig bekräftad.", "bekräfta sedan förteckningen:\nhttps://samverkan.example.se/contacts"} {
		if !strings.Contains(svm.Text, want) {
			t.Errorf("Swedish request lacks %q:\n%s", want, svm.Text)
		}
	}
	if !strings.Contains(da.Text, "Oversigten er tom") || da.Header.Get("Content-Language") != "da" {
		t.Errorf("Danish request for an empty directory:\n%s", da.Text)
	}
}

func TestEveryNoticeRendersInEveryLanguage(t *testing.T) {
	f := newFixture(t, false, false, withBaseURL)
	for _, kind := range NoticeKinds {
		for _, lang := range Languages {
			n := invitation
			if kind == NoticeContactVerification {
				n = directory
			}
			n.CentreName = "HR-servicecenter"
			subject, body, err := f.svc.templates.renderNotice(kind, lang, f.svc.noticeView(lang, n))
			if err != nil || subject == "" || !strings.Contains(body, "https://samverkan.example.se/") || strings.Contains(body, "<no value>") {
				t.Errorf("%s/%s: %q, %v\n%s", lang, kind, subject, err, body)
			}
		}
	}
	if _, _, err := f.svc.templates.renderNotice(KindReply, "sv", noticeView{}); err == nil {
		t.Error("a case letter's kind rendered as a notice")
	}
}

func TestNoticeWithoutSMTPOrAddress(t *testing.T) {
	f := newFixture(t, false, false, nil)
	ctx := context.Background()
	if err := f.svc.SendNotice(ctx, NoticeSurveyInvitation, "invitation-12", invitation); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("SendNotice without SMTP = %v, want ErrNotConfigured", err)
	}
	f = newFixture(t, false, true, nil)
	noAddress := invitation
	noAddress.To.Email = ""
	toUs := invitation
	toUs.To.Email = "HR@example.se"
	for _, n := range []Notice{noAddress, toUs} {
		if err := f.svc.SendNotice(ctx, NoticeSurveyInvitation, "invitation-12", n); err != nil {
			t.Error(err)
		}
	}
	if n := len(f.smtp.messages()); n != 0 {
		t.Errorf("%d messages sent, want none", n)
	}
}

func TestBaseURLValidated(t *testing.T) {
	for _, bad := range []string{"samverkan.example.se", "ftp://samverkan.example.se", "https://"} {
		if _, err := (Config{BaseURL: bad}).Validate(); err == nil || !strings.Contains(err.Error(), "base URL") {
			t.Errorf("BaseURL %q: %v", bad, err)
		}
	}
	c, err := Config{BaseURL: "https://samverkan.example.se/"}.Validate()
	if err != nil || c.BaseURL != "https://samverkan.example.se" {
		t.Errorf("BaseURL %q, %v", c.BaseURL, err)
	}
}
