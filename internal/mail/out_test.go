package mail

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"samverkan/internal/store"
)

// letters is a LetterSource over a fixed set of letters by case id.
type letters map[int64]Letter

func (l letters) Letter(_ context.Context, kind string, caseID, eventID int64) (Letter, error) {
	letter, ok := l[caseID]
	if !ok {
		return Letter{}, fmt.Errorf("%w: case %d has no e-mail requester", ErrNoLetter, caseID)
	}
	return letter, nil
}

var asa = Letter{
	To:         Address{Name: "Åsa Öberg", Email: "asa@bastad.se"},
	Language:   "sv-SE",
	Reference:  "2026-000123",
	Subject:    "Fråga om lön",
	InReplyTo:  "q1@bastad.se",
	References: []string{"q0@bastad.se"},
	CaseURL:    "https://samverkan.example.se/portal/cases/5",
}

func (f *fixture) outService(l letters) {
	f.t.Helper()
	f.svc = f.newService(f.svc.Config(), l)
}

func (f *fixture) enqueue(kind string, caseID, eventID int64) {
	f.t.Helper()
	err := f.db.InTx(context.Background(), func(q *store.Queries) error {
		_, err := q.EnqueueJob(context.Background(), store.Job{Kind: kind,
			Payload: fmt.Sprintf(`{"case_id":%d,"event_id":%d}`, caseID, eventID)}, f.now)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

// sent parses the i-th message the SMTP server received.
func (f *fixture) sent(i int) (*Message, received) {
	f.t.Helper()
	got := f.smtp.messages()
	if len(got) <= i {
		f.t.Fatalf("the SMTP server received %d messages, want at least %d", len(got), i+1)
	}
	m, err := Parse(got[i].data)
	if err != nil {
		f.t.Fatalf("our own message does not parse: %v\n%s", err, got[i].data)
	}
	return m, got[i]
}

func TestAcknowledgementInSwedish(t *testing.T) {
	f := newFixture(t, false, true, nil)
	f.outService(letters{5: asa})
	f.enqueue(KindAcknowledgement, 5, 9)
	f.runJobs()
	m, r := f.sent(0)
	if r.from != "hr@example.se" || len(r.to) != 1 || r.to[0] != "asa@bastad.se" || r.auth != smtpUser {
		t.Errorf("envelope from %q to %v auth %q", r.from, r.to, r.auth)
	}
	if m.Subject != "[2026-000123] Mottaget: Fråga om lön" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if m.From != (Address{Name: "HR-servicecenter", Email: "hr@example.se"}) || len(m.To) != 1 || m.To[0].Name != "Åsa Öberg" {
		t.Errorf("From %+v To %+v", m.From, m.To)
	}
	if c, e, ok := ParseMessageID(m.MessageID, testDomain); !ok || c != 5 || e != 9 {
		t.Errorf("Message-ID %q is not ours for case 5 event 9", m.MessageID)
	}
	if len(m.InReplyTo) != 1 || m.InReplyTo[0] != "q1@bastad.se" {
		t.Errorf("In-Reply-To = %v", m.InReplyTo)
	}
	if strings.Join(m.References, " ") != "q0@bastad.se q1@bastad.se" {
		t.Errorf("References = %v", m.References)
	}
	if got := m.Header.Get("Auto-Submitted"); got != "auto-replied" {
		t.Errorf("Auto-Submitted = %q", got)
	}
	if m.Automatic == "" {
		t.Error("our acknowledgement does not look automatic to our own classifier")
	}
	for _, want := range []string{"Hej Åsa Öberg!", "registrerat det som ärende 2026-000123", "[2026-000123] i ämnesraden",
		"https://samverkan.example.se/portal/cases/5", "HR-servicecenter"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("body lacks %q:\n%s", want, m.Text)
		}
	}
	if m.Header.Get("Content-Language") != "sv" {
		t.Errorf("Content-Language = %q", m.Header.Get("Content-Language"))
	}

	// The job running again (a lost lease) sends nothing more.
	if err := f.svc.Send(context.Background(), KindAcknowledgement, 5, 9); err != nil {
		t.Fatal(err)
	}
	if n := len(f.smtp.messages()); n != 1 {
		t.Errorf("%d messages after a second run, want 1", n)
	}
	out, _ := f.db.Read().ListOutboundMail(context.Background(), 5)
	if len(out) != 1 || out[0].State != store.OutboundSent || out[0].MessageID != m.MessageID || out[0].Recipient != "asa@bastad.se" {
		t.Errorf("outbound_mail = %+v", out)
	}
}

func TestReplyAndResolvedLanguages(t *testing.T) {
	f := newFixture(t, false, true, nil)
	dk := Letter{To: Address{Name: "Mette", Email: "mette@kk.dk"}, Language: "da", Reference: "2026-000200",
		Subject: "Løn for november", Body: "Lønnen udbetales den sidste bankdag.", Sender: "Jens Jensen",
		Attachments: []Attachment{{Filename: "lønseddel november.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 løn")}}}
	unknown := Letter{To: Address{Email: "someone@hoganas.se"}, Language: "fi", Reference: "2026-000201",
		Subject: "SV: Semester", ReopenDays: 14}
	f.outService(letters{6: dk, 7: unknown})
	f.enqueue(KindReply, 6, 1)
	f.enqueue(KindResolved, 7, 2)
	f.runJobs()
	reply, _ := f.sent(0)
	if reply.Subject != "[2026-000200] Løn for november" || reply.Header.Get("Auto-Submitted") != "" || reply.Automatic != "" {
		t.Errorf("reply subject %q, Auto-Submitted %q", reply.Subject, reply.Header.Get("Auto-Submitted"))
	}
	for _, want := range []string{"Kære Mette", "Lønnen udbetales den sidste bankdag.", "Med venlig hilsen\nJens Jensen\nHR-servicecenter"} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("Danish reply lacks %q:\n%s", want, reply.Text)
		}
	}
	if len(reply.Attachments) != 1 || reply.Attachments[0].Filename != "lønseddel november.pdf" ||
		reply.Attachments[0].ContentType != "application/pdf" || string(reply.Attachments[0].Data) != "%PDF-1.4 løn" {
		t.Errorf("reply attachments: %+v", reply.Attachments)
	}
	resolved, _ := f.sent(1)
	// Finnish is not ours: the centre's language (Swedish) is used.
	if resolved.Subject != "[2026-000201] Löst: Semester" || resolved.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("resolved subject %q, Auto-Submitted %q", resolved.Subject, resolved.Header.Get("Auto-Submitted"))
	}
	if !strings.Contains(resolved.Text, "Hej!") || !strings.Contains(resolved.Text, "inom 14 dagar") {
		t.Errorf("resolved notice:\n%s", resolved.Text)
	}
}

func TestTemporaryFailureRetries(t *testing.T) {
	f := newFixture(t, false, true, nil)
	f.outService(letters{5: asa})
	f.smtp.failMail(1)
	if err := f.svc.Send(context.Background(), KindAcknowledgement, 5, 9); err == nil || !strings.Contains(err.Error(), "451") {
		t.Fatalf("Send with the server answering 451: %v; want an error naming 451", err)
	}
	f.smtp.failMail(1)
	f.enqueue(KindAcknowledgement, 5, 9)
	f.runJobs()
	if n := len(f.smtp.messages()); n != 0 {
		t.Fatalf("%d messages received during the failure", n)
	}
	pending, _ := f.db.Read().CountJobs(context.Background(), KindAcknowledgement, "pending")
	if pending != 1 {
		t.Fatalf("%d pending jobs after a 451, want the job waiting to retry", pending)
	}
	out, _ := f.db.Read().ListOutboundMail(context.Background(), 5)
	if len(out) != 1 || out[0].State != store.OutboundPending {
		t.Fatalf("outbound_mail during the failure: %+v", out)
	}
	f.runJobs() // the retry
	m, _ := f.sent(0)
	if m.MessageID != out[0].MessageID {
		t.Errorf("the retry sent Message-ID %q, want the reserved %q", m.MessageID, out[0].MessageID)
	}
	if done, _ := f.db.Read().CountJobs(context.Background(), KindAcknowledgement, "done"); done != 1 {
		t.Errorf("job not done after the retry")
	}
}

func TestLettersDroppedWithoutSMTP(t *testing.T) {
	f := newFixture(t, false, false, nil)
	f.enqueue(KindAcknowledgement, 5, 9)
	f.runJobs()
	if done, _ := f.db.Read().CountJobs(context.Background(), KindAcknowledgement, "done"); done != 1 {
		t.Errorf("the letter job did not end without SMTP")
	}
	if err := f.svc.Send(context.Background(), KindAcknowledgement, 5, 9); err == nil {
		t.Error("Send without SMTP did not fail")
	}
}

func TestNothingToSend(t *testing.T) {
	f := newFixture(t, false, true, nil)
	noAddress := asa
	noAddress.To.Email = ""
	toUs := asa
	toUs.To.Email = "HR@example.se"
	f.outService(letters{8: noAddress, 9: toUs})
	f.enqueue(KindAcknowledgement, 404, 1) // the source has no letter
	f.enqueue(KindAcknowledgement, 8, 1)
	f.enqueue(KindAcknowledgement, 9, 1)
	f.runJobs()
	if n := len(f.smtp.messages()); n != 0 {
		t.Errorf("%d messages sent, want none", n)
	}
	if done, _ := f.db.Read().CountJobs(context.Background(), KindAcknowledgement, "done"); done != 3 {
		t.Errorf("%d jobs done, want all 3 ended without retrying", done)
	}
}

func TestSendOverTLS(t *testing.T) {
	for _, mode := range []TLSMode{TLSImplicit, TLSStart} {
		t.Run(string(mode), func(t *testing.T) {
			f := newFixture(t, false, true, nil)
			f.smtp = startSMTP(t, mode)
			cfg := f.svc.Config()
			cfg.SMTP = f.smtp.config(mode)
			f.svc = f.newService(cfg, letters{5: asa})
			if err := f.svc.Send(context.Background(), KindReply, 5, 1); err != nil {
				t.Fatal(err)
			}
			if _, r := f.sent(0); r.auth != smtpUser {
				t.Errorf("not authenticated: %+v", r)
			}
		})
	}
}

// An e-mailed reply to our acknowledgement lands on the same case, by its
// headers or, when a mail client dropped them, by the subject.
func TestReplyToAcknowledgementThreads(t *testing.T) {
	f := newFixture(t, true, true, nil)
	f.outService(letters{5: asa})
	f.enqueue(KindAcknowledgement, 5, 9)
	f.runJobs()
	ack, _ := f.sent(0)

	reply := message("r1@bastad.se", "Åsa Öberg <asa@bastad.se>", "SV: "+mimeWord(ack.Subject), "Tack!\n\n> Vi har registrerat",
		"In-Reply-To: <"+ack.MessageID+">", "References: <q0@bastad.se> <q1@bastad.se> <"+ack.MessageID+">")
	bare := message("r2@bastad.se", "asa@bastad.se", "VB: "+mimeWord(ack.Subject), "Vidarebefordrar.")
	f.imap.append("INBOX", reply, bare)
	f.poll()
	f.runJobs()
	got := f.proc.inbound()
	if len(got) != 2 {
		t.Fatalf("processor got %d messages", len(got))
	}
	if th := got[0].Thread; th.CaseID != 5 || th.EventID != 9 || th.Reference.String() != "2026-000123" {
		t.Errorf("reply thread = %+v", th)
	}
	if got[0].Message.Reply != "Tack!" {
		t.Errorf("reply text = %q", got[0].Message.Reply)
	}
	if th := got[1].Thread; th.CaseID != 0 || th.Reference.String() != "2026-000123" {
		t.Errorf("forward thread = %+v", th)
	}
}

func mimeWord(s string) string { return "=?utf-8?q?" + qEncode(s) + "?=" }

func qEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c == ' ':
			b.WriteByte('_')
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-', c == '[', c == ']', c == ':':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}
