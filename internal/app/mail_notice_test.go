package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"samverkan/internal/app"
	"samverkan/internal/governance"
	"samverkan/internal/jobs"
	"samverkan/internal/mail"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// smtpInbox is an in-process SMTP server (go-smtp, plain TCP on
// 127.0.0.1) that keeps every message it accepts, by recipient.
type smtpInbox struct {
	addr string
	mu   sync.Mutex
	got  []receivedMail
}

type receivedMail struct {
	to  string
	msg *mail.Message
}

func startSMTPInbox(t *testing.T) *smtpInbox {
	t.Helper()
	in := &smtpInbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }))
	srv.Domain = "127.0.0.1"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	in.addr = ln.Addr().String()
	return in
}

// mailer is the e-mail adapter sending through this server.
func (in *smtpInbox) mailer(t *testing.T, db *store.DB, now func() time.Time) *mail.Service {
	t.Helper()
	host, port, _ := net.SplitHostPort(in.addr)
	p, _ := strconv.Atoi(port)
	svc, err := mail.New(mail.Config{From: mail.Address{Name: "HR-servicecenter", Email: "hr@centre.example"},
		BaseURL: "https://samverkan.example.se", SMTP: mail.SMTPConfig{Host: host, Port: p, TLS: mail.TLSNone, Timeout: 5 * time.Second}},
		db, mail.Options{Log: quietLog, Now: now, Letters: mail.LetterSourceFunc(func(context.Context, string, int64, int64) (mail.Letter, error) {
			return mail.Letter{}, mail.ErrNoLetter
		})})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func (in *smtpInbox) messages(t *testing.T, to string) []*mail.Message {
	t.Helper()
	in.mu.Lock()
	defer in.mu.Unlock()
	var out []*mail.Message
	for _, r := range in.got {
		if r.to == to {
			out = append(out, r.msg)
		}
	}
	return out
}

type inboxSession struct {
	in *smtpInbox
	to []string
}

func (s *inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *inboxSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *inboxSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := mail.Parse(raw)
	if err != nil {
		return err
	}
	s.in.mu.Lock()
	defer s.in.mu.Unlock()
	for _, to := range s.to {
		s.in.got = append(s.in.got, receivedMail{to: to, msg: m})
	}
	return nil
}

func (s *inboxSession) Reset()        { s.to = nil }
func (s *inboxSession) Logout() error { return nil }

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// only returns the one message, failing unless there is exactly one.
func only(t *testing.T, ms []*mail.Message, who string) *mail.Message {
	t.Helper()
	if len(ms) != 1 {
		t.Fatalf("%s got %d messages, want 1", who, len(ms))
	}
	return ms[0]
}

func wantText(t *testing.T, m *mail.Message, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(m.Text, w) {
			t.Errorf("message %q lacks %q:\n%s", m.Subject, w, m.Text)
		}
	}
}

// A survey invitation goes out once, in the person's language, even when
// its job runs twice.
func TestSurveyInvitationMail(t *testing.T) {
	tests := []struct {
		lang, subject string
		body          []string
	}{
		{"sv", "Vad tyckte du om mötet? Kvartalsmöte – Helsingborgs stad", []string{"Hej Tilda Taktisk!",
			"den 20 november 2026 kl. 10.00", "Svara här: https://samverkan.example.se/surveys/"}},
		{"en", "How was the meeting? Kvartalsmöte – Helsingborgs stad", []string{"Dear Tilda Taktisk,",
			"on 20 November 2026 at 10:00", "Answer here: https://samverkan.example.se/surveys/"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			g := newGovFixture(t)
			ctx := g.ctx
			if tt.lang != "sv" {
				if err := g.gov.SetLanguage(ctx, g.hbgTacticalA, tt.lang); err != nil {
					t.Fatal(err)
				}
			}
			inbox := startSMTPInbox(t)
			mailer := inbox.mailer(t, g.db, g.clock)
			r := jobs.NewRunner(g.db, quietLog, g.clock)
			r.Handle(app.JobSurveyInvitation, g.gov.SurveyInvitationJob(mailer))

			m := g.meeting(t, g.forum(t, "Kvartalsmöte – Helsingborgs stad"), local(2026, 11, 20, 10))
			if _, err := g.gov.RecordAttendance(ctx, g.admin, m.ID, []app.AttendanceInput{
				{PersonID: g.hbgTactical.ID, Status: governance.Present}}); err != nil {
				t.Fatal(err)
			}
			if n, err := r.RunDue(ctx); n != 1 || err != nil {
				t.Fatalf("ran %d jobs, %v", n, err)
			}
			surveys, _ := g.gov.MySurveys(ctx, g.hbgTacticalA)
			if len(surveys) != 1 {
				t.Fatalf("surveys: %+v", surveys)
			}
			// The job again, as after a lost lease.
			if err := g.gov.SurveyInvitationJob(mailer)(ctx, fmt.Sprintf(`{"invitation_id":%d}`, surveys[0].ID)); err != nil {
				t.Fatal(err)
			}
			got := only(t, inbox.messages(t, g.hbgTactical.Email), "Tilda")
			if got.Subject != tt.subject || got.Header.Get("Auto-Submitted") != "auto-generated" {
				t.Errorf("subject %q, Auto-Submitted %q", got.Subject, got.Header.Get("Auto-Submitted"))
			}
			wantText(t, got, append(tt.body, fmt.Sprintf("/surveys/%d", surveys[0].ID))...)
			if done, _ := g.db.Read().CountJobs(ctx, app.JobSurveyInvitation, "done"); done != 1 {
				t.Errorf("%d invitation jobs done, want 1", done)
			}
		})
	}
}

// The monthly request to confirm the contact directory reaches every
// contact person of a member that is due, lists the entries, and goes
// out once a month however often the job runs.
func TestContactVerificationMail(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	if err := g.gov.SetLanguage(ctx, g.hbgStratA, "en"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.SaveContact(ctx, g.admin, governance.Contact{MemberID: g.hbg.ID, Level: org.Strategic,
		PersonID: g.hbgStrat.ID, Title: "HR-direktör"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.SaveContact(ctx, g.admin, governance.Contact{MemberID: g.hbg.ID, Level: org.Tactical,
		PersonID: g.hbgTactical.ID, DeputyID: g.hbgEmp.ID}); err != nil {
		t.Fatal(err)
	}
	inbox := startSMTPInbox(t)
	job := g.gov.ContactVerificationJob(inbox.mailer(t, g.db, g.clock))
	for range 2 {
		if err := job(ctx, ""); err != nil {
			t.Fatal(err)
		}
	}

	sv := only(t, inbox.messages(t, g.hbgTactical.Email), "Tilda")
	if sv.Subject != "Stämmer era kontaktpersoner? Helsingborgs stad" {
		t.Errorf("Swedish subject %q", sv.Subject)
	}
	wantText(t, sv, "Hej Tilda Taktisk!",
		"- Strategisk nivå: Sten Strategisk, HR-direktör, sten@helsingborg.example\n  Aldrig bekräftad.",
		"- Taktisk nivå: Tilda Taktisk, tilda@helsingborg.example\n  Ersättare: Hugo Anställd. Aldrig bekräftad.",
		"bekräfta sedan förteckningen:\nhttps://samverkan.example.se/contacts")
	en := only(t, inbox.messages(t, g.hbgStrat.Email), "Sten")
	if en.Subject != "Are your contact persons up to date? Helsingborgs stad" {
		t.Errorf("English subject %q", en.Subject)
	}
	wantText(t, en, "Dear Sten Strategisk,", "- Strategic level: Sten Strategisk, HR-direktör",
		"- Tactical level: Tilda Taktisk", "Deputy: Hugo Anställd.")
	// Höganäs has a contact person but an empty directory: asked too.
	kim := only(t, inbox.messages(t, g.contact1.Email), "Kim")
	wantText(t, kim, "kontaktpersonerna för Höganäs kommun", "Förteckningen är tom.")
	if n := len(inbox.messages(t, g.hbgEmp.Email)); n != 0 {
		t.Errorf("the deputy, not a contact person, got %d messages", n)
	}

	// Once Helsingborg has confirmed, a contact person added later this
	// month is not asked.
	if _, err := g.gov.VerifyContacts(ctx, g.hbgTacticalA, 0); err != nil {
		t.Fatal(err)
	}
	late, err := g.gov.CreatePerson(ctx, g.caseFixture.sys, org.Person{Name: "Lena Sen", Email: "lena@helsingborg.example",
		MemberID: g.hbg.ID, Grants: []org.Grant{{Role: org.Contact, Level: org.Operational}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := job(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if n := len(inbox.messages(t, late.Email)); n != 0 {
		t.Errorf("a confirmed directory's new contact got %d messages", n)
	}
}

// Without SMTP the jobs end without error and say no e-mail was sent;
// the in-app notifications are there.
func TestNoticesWithoutSMTP(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	var logs bytes.Buffer
	a := app.New(g.db, app.WithClock(g.clock), app.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	mailer, err := mail.New(mail.Config{}, g.db, mail.Options{Log: quietLog})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ContactVerificationJob(mailer)(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "e-mail out is not configured: no e-mail sent") {
		t.Errorf("log:\n%s", logs.String())
	}
	notes, err := g.db.Read().ListMailNotices(ctx, mail.NoticeContactVerification)
	if err != nil || len(notes) != 0 {
		t.Errorf("notices reserved without SMTP: %+v, %v", notes, err)
	}
	asked, err := a.RequestContactVerification(ctx)
	if err != nil || asked != 0 {
		t.Errorf("the job did not ask the members: a second request asked %d, %v", asked, err)
	}

	m := g.meeting(t, g.forum(t, "Kvartalsmöte – Helsingborgs stad"), local(2026, 11, 20, 10))
	if _, err := a.RecordAttendance(ctx, g.admin, m.ID, []app.AttendanceInput{{PersonID: g.hbgTactical.ID, Status: governance.Present}}); err != nil {
		t.Fatal(err)
	}
	r := jobs.NewRunner(g.db, quietLog, g.clock)
	r.Handle(app.JobSurveyInvitation, a.SurveyInvitationJob(mailer))
	if _, err := r.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if done, _ := g.db.Read().CountJobs(ctx, app.JobSurveyInvitation, "done"); done != 1 {
		t.Errorf("the invitation job did not end without SMTP")
	}
}
