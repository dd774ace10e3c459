package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"samverkan/internal/jobs"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

const testDomain = "example.se"

// recorder is a Processor that files every message on a case: the one its
// thread names, or a new one numbered from 1000. A subject containing
// "MANUAL" needs a person; "FLAKY" fails once.
type recorder struct {
	mu    sync.Mutex
	got   []*Inbound
	flaky bool
}

func (r *recorder) ProcessInbound(_ context.Context, in *Inbound) (int64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if strings.Contains(in.Message.Subject, "FLAKY") && !r.flaky {
		r.flaky = true
		return 0, errors.New("database busy")
	}
	r.got = append(r.got, in)
	if strings.Contains(in.Message.Subject, "MANUAL") {
		return 0, NeedsPerson("the sender may not write on this case")
	}
	if in.Thread.CaseID != 0 {
		return in.Thread.CaseID, nil
	}
	return int64(1000 + len(r.got)), nil
}

func (r *recorder) inbound() []*Inbound {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Inbound(nil), r.got...)
}

type fixture struct {
	t      *testing.T
	db     *store.DB
	svc    *Service
	runner *jobs.Runner
	proc   *recorder
	imap   *imapServer
	smtp   *smtpReceiver
	now    time.Time
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newFixture starts the servers the configuration asks for (a mailbox
// and/or SMTP, both without TLS unless cfg says otherwise) over a fresh
// database.
func newFixture(t *testing.T, in, out bool, edit func(*Config)) *fixture {
	t.Helper()
	f := &fixture{t: t, db: dbtest.Open(t), proc: &recorder{},
		now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	cfg := Config{From: Address{Name: "HR-servicecenter", Email: "hr@" + testDomain}, Language: "sv"}
	if in {
		f.imap = startIMAP(t, TLSNone)
		cfg.Mailboxes = []MailboxConfig{f.imap.mailbox(TLSNone)}
	}
	if out {
		f.smtp = startSMTP(t, TLSNone)
		cfg.SMTP = f.smtp.config(TLSNone)
	}
	if edit != nil {
		edit(&cfg)
	}
	f.svc = f.newService(cfg, nil)
	return f
}

func (f *fixture) clock() time.Time { return f.now }

func (f *fixture) newService(cfg Config, letters LetterSource) *Service {
	f.t.Helper()
	if letters == nil {
		letters = LetterSourceFunc(func(context.Context, string, int64, int64) (Letter, error) { return Letter{}, ErrNoLetter })
	}
	svc, err := New(cfg, f.db, Options{Log: quiet, Now: f.clock, Processor: f.proc, Letters: letters})
	if err != nil {
		f.t.Fatal(err)
	}
	f.runner = jobs.NewRunner(f.db, quiet, f.clock)
	svc.Register(f.runner)
	return svc
}

func (f *fixture) poll() int {
	f.t.Helper()
	n, err := f.svc.PollMailbox(context.Background(), f.svc.Config().Mailboxes[0])
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// runJobs runs every due job, then moves the clock past any retry backoff.
func (f *fixture) runJobs() {
	f.t.Helper()
	if _, err := f.runner.RunDue(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	f.now = f.now.Add(time.Hour)
}

func (f *fixture) stored() []store.InboundMail {
	f.t.Helper()
	rows, err := f.db.Read().ListInboundMail(context.Background(), store.InboundMailFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return rows
}

func message(id, from, subject, body string, extra ...string) []byte {
	h := "From: " + from + "\nTo: HR-servicecenter <hr@example.se>\nSubject: " + subject +
		"\nDate: Mon, 23 Nov 2026 08:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
	if id != "" {
		h += "Message-ID: <" + id + ">\n"
	}
	for _, e := range extra {
		h += e + "\n"
	}
	return crlf(h + "\n" + body + "\n")
}

func TestPollStoresOnceAndFiles(t *testing.T) {
	f := newFixture(t, true, false, nil)
	question := message("q1@bastad.se", "Åsa Öberg <asa@bastad.se>", "=?utf-8?q?Fr=C3=A5ga_om_l=C3=B6n?=", "Var är min lön?")
	f.imap.append("INBOX",
		question,
		message("oof@helsingborg.se", "Per <per@helsingborg.se>", "Frånvaro: Fråga", "Jag är på semester.", "Auto-Submitted: auto-replied"),
		crlf("To: hr@example.se\nSubject: utan avsändare\nMessage-ID: <nofrom@x>\n\nvem skrev?\n"),
		question, // delivered twice
	)
	if n := f.poll(); n != 3 {
		t.Fatalf("first poll stored %d, want 3 (the duplicate once)", n)
	}
	if n := f.poll(); n != 0 {
		t.Fatalf("second poll stored %d, want 0", n)
	}
	f.imap.append("INBOX", question) // and a third time, after the poll
	if n := f.poll(); n != 0 {
		t.Fatalf("poll after a re-delivery stored %d, want 0", n)
	}
	if msgs, seen := f.imap.count("INBOX"); msgs != 5 || seen != 5 {
		t.Errorf("INBOX has %d messages, %d seen; want all 5 marked seen", msgs, seen)
	}
	rows := f.stored()
	if len(rows) != 3 {
		t.Fatalf("%d rows stored, want 3", len(rows))
	}
	for _, r := range rows {
		if r.State != store.InboundNew || r.Mailbox != "hr" || r.UID == 0 || r.UIDValidity == 0 || r.Size == 0 {
			t.Errorf("stored row before filing: %+v", r)
		}
	}

	f.runJobs()
	got := f.proc.inbound()
	if len(got) != 1 || got[0].Message.Subject != "Fråga om lön" || got[0].Message.From.Name != "Åsa Öberg" ||
		got[0].Message.Text != "Var är min lön?" {
		t.Fatalf("processor got %d messages: %+v", len(got), got)
	}
	byID := map[string]store.InboundMail{}
	for _, r := range f.stored() {
		byID[r.MessageID] = r
	}
	if r := byID["q1@bastad.se"]; r.State != store.InboundProcessed || r.CaseID != 1001 || r.From != "asa@bastad.se" || r.Subject != "Fråga om lön" {
		t.Errorf("question: %+v", r)
	}
	if r := byID["oof@helsingborg.se"]; r.State != store.InboundFlagged || !strings.Contains(r.Reason, "Auto-Submitted") {
		t.Errorf("auto-reply: %+v", r)
	}
	if r := byID["nofrom@x"]; r.State != store.InboundFlagged || !strings.Contains(r.Reason, "From") {
		t.Errorf("malformed: %+v", r)
	}
	full, err := f.db.Read().GetInboundMail(context.Background(), byID["nofrom@x"].ID)
	if err != nil || !strings.Contains(string(full.Raw), "vem skrev?") {
		t.Errorf("the malformed message was not kept raw: %q, %v", full.Raw, err)
	}
	// Running the jobs again files nothing twice.
	f.runJobs()
	if n := len(f.proc.inbound()); n != 1 {
		t.Errorf("processor called %d times, want 1", n)
	}
}

func TestPollResumesWhereItStopped(t *testing.T) {
	f := newFixture(t, true, false, nil)
	f.imap.append("INBOX", message("a@x.se", "a@x.se", "A", "a"), message("b@x.se", "b@x.se", "B", "b"))
	f.poll()
	// Forget the stored messages: only the read position remains, so a
	// refetch would show.
	if _, err := f.db.SQL.Exec(`DELETE FROM inbound_mail`); err != nil {
		t.Fatal(err)
	}
	f.imap.append("INBOX", message("c@x.se", "c@x.se", "C", "c"))
	restarted := f.newService(f.svc.Config(), nil)
	n, err := restarted.PollMailbox(context.Background(), restarted.Config().Mailboxes[0])
	if err != nil {
		t.Fatal(err)
	}
	rows := f.stored()
	if n != 1 || len(rows) != 1 || rows[0].MessageID != "c@x.se" {
		t.Fatalf("after a restart stored %d: %+v; want only the new message", n, rows)
	}
}

func TestPollRereadsRenumberedMailbox(t *testing.T) {
	f := newFixture(t, true, false, nil)
	f.imap.append("INBOX", message("a@x.se", "a@x.se", "A", "a"))
	f.poll()
	// The server rebuilt the mailbox: a new UIDVALIDITY, the old message
	// with a new UID, and one new message.
	if err := f.imap.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := f.imap.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	f.imap.append("INBOX", message("a@x.se", "a@x.se", "A", "a"), message("b@x.se", "b@x.se", "B", "b"))
	if n := f.poll(); n != 1 {
		t.Fatalf("stored %d after renumbering, want 1", n)
	}
	if rows := f.stored(); len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
}

func TestPollMovesStoredMessages(t *testing.T) {
	f := newFixture(t, true, false, func(c *Config) { c.Mailboxes[0].MoveTo = "Arkiv" })
	f.imap.append("INBOX", message("a@x.se", "a@x.se", "A", "a"), message("b@x.se", "b@x.se", "B", "b"))
	if n := f.poll(); n != 2 {
		t.Fatalf("stored %d, want 2", n)
	}
	if inbox, _ := f.imap.count("INBOX"); inbox != 0 {
		t.Errorf("INBOX still has %d", inbox)
	}
	if arkiv, _ := f.imap.count("Arkiv"); arkiv != 2 {
		t.Errorf("Arkiv has %d, want 2", arkiv)
	}
}

func TestPollOverTLS(t *testing.T) {
	for _, mode := range []TLSMode{TLSImplicit, TLSStart} {
		t.Run(string(mode), func(t *testing.T) {
			f := newFixture(t, false, false, nil)
			srv := startIMAP(t, mode)
			srv.append("INBOX", message("tls@x.se", "a@x.se", "Över TLS", "hej"))
			n, err := f.svc.PollMailbox(context.Background(), srv.mailbox(mode))
			if err != nil || n != 1 {
				t.Fatalf("PollMailbox = %d, %v", n, err)
			}
			// Without trusting the server's certificate it must refuse.
			mb := srv.mailbox(mode)
			mb.TLSConfig = nil
			if _, err := f.svc.PollMailbox(context.Background(), mb); err == nil {
				t.Error("polled a server with an untrusted certificate")
			}
		})
	}
}

func TestPollReportsWrongPassword(t *testing.T) {
	f := newFixture(t, true, false, nil)
	mb := f.svc.Config().Mailboxes[0]
	mb.Password = "fel"
	if _, err := f.svc.PollMailbox(context.Background(), mb); err == nil || !strings.Contains(err.Error(), "log in") {
		t.Fatalf("err = %v, want a login error", err)
	}
	if err := f.svc.Poll(context.Background()); err != nil {
		t.Errorf("Poll with the right password: %v", err)
	}
}

func TestFilingOutcomes(t *testing.T) {
	f := newFixture(t, true, false, nil)
	own := NewMessageID(7, 70, testDomain)
	f.imap.append("INBOX",
		message("m@x.se", "m@x.se", "MANUAL please", "x"),
		message("f@x.se", "f@x.se", "FLAKY once", "x"),
		message(own, "hr@example.se", "[2026-000007] loop", "our own message, bounced back"),
		message("centre@x.se", "HR <HR@example.se>", "from ourselves", "x"),
		message("list@x.se", "news@x.se", "Nyhetsbrev", "x", "List-Id: <news.x.se>", "In-Reply-To: <"+own+">"),
	)
	f.poll()
	f.runJobs() // FLAKY fails and waits for its retry
	f.runJobs()
	byID := map[string]store.InboundMail{}
	for _, r := range f.stored() {
		byID[r.MessageID] = r
	}
	check := func(id, state, reason string, caseID int64) {
		t.Helper()
		r := byID[id]
		if r.State != state || !strings.Contains(r.Reason, reason) || r.CaseID != caseID {
			t.Errorf("%s: state %q reason %q case %d; want %q, %q, %d", id, r.State, r.Reason, r.CaseID, state, reason, caseID)
		}
	}
	check("m@x.se", store.InboundFlagged, "may not write", 0)
	if byID["f@x.se"].CaseID <= 1000 {
		t.Errorf("the retried message got no case: %+v", byID["f@x.se"])
	}
	check("f@x.se", store.InboundProcessed, "", byID["f@x.se"].CaseID)
	check(own, store.InboundIgnored, "ourselves", 0)
	check("centre@x.se", store.InboundFlagged, "own address", 0)
	check("list@x.se", store.InboundProcessed, "", 7) // an automatic message that names its case goes there
	for _, in := range f.proc.inbound() {
		if in.Message.MessageID == "list@x.se" && in.Message.Automatic == "" {
			t.Error("the processor was not told the message is automatic")
		}
	}
}

func TestDeliverThreadsByEarlierMessage(t *testing.T) {
	f := newFixture(t, false, false, nil)
	ctx := context.Background()
	first := message("first@bastad.se", "asa@bastad.se", "Fråga", "första")
	if _, inserted, err := f.svc.Deliver(ctx, "import", first); err != nil || !inserted {
		t.Fatalf("Deliver = %v, %v", inserted, err)
	}
	if _, inserted, _ := f.svc.Deliver(ctx, "import", first); inserted {
		t.Fatal("the same message delivered twice was stored twice")
	}
	f.runJobs()
	// A follow-up that answers the member's own first message (not ours)
	// finds the case through the stored message.
	follow := message("second@bastad.se", "asa@bastad.se", "Re: Fråga", "andra", "In-Reply-To: <first@bastad.se>")
	f.svc.Deliver(ctx, "import", follow)
	f.runJobs()
	got := f.proc.inbound()
	if len(got) != 2 || got[1].Thread.CaseID != 1001 {
		t.Fatalf("follow-up thread: %+v", got[len(got)-1].Thread)
	}
	if rows := f.stored(); rows[1].CaseID != 1001 {
		t.Errorf("follow-up filed on %d, want 1001", rows[1].CaseID)
	}
	if _, _, err := f.svc.Deliver(ctx, "import", nil); err == nil {
		t.Error("an empty message was accepted")
	}
}

func TestNewNeedsCollaborators(t *testing.T) {
	db := dbtest.Open(t)
	_, err := New(Config{
		From:      Address{Email: "hr@example.se"},
		Mailboxes: []MailboxConfig{{Host: "h", Username: "u", Password: "p"}},
		SMTP:      SMTPConfig{Host: "h"},
	}, db, Options{})
	for _, want := range []string{"Processor", "LetterSource"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New without collaborators: %v; want it to name %s", err, want)
		}
	}
	_, err = New(Config{Language: "fi"}, db, Options{})
	if err == nil || !strings.Contains(fmt.Sprint(err), "mail.language") {
		t.Errorf("New with a bad config: %v", err)
	}
}
