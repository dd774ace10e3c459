package app_test

import (
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/jobs"
	"samverkan/internal/mail"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

// mailIntake is the e-mail adapter over an App, filing what Deliver stores.
type mailIntake struct {
	t      *testing.T
	ctx    context.Context
	db     *store.DB
	app    *app.App
	svc    *mail.Service
	runner *jobs.Runner
	asa    org.Person // Höganäs
	bo     org.Person // Båstad
}

func newMailIntake(t *testing.T) *mailIntake {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	clock := func() time.Time { return testNow }
	a := app.New(db, app.WithClock(clock))
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, err := mail.New(mail.Config{From: mail.Address{Name: "HR-servicecenter", Email: "hr@hrsc.example"}}, db,
		mail.Options{Log: quiet, Now: clock, Processor: mail.ProcessorFunc(a.FileInboundMail)})
	if err != nil {
		t.Fatal(err)
	}
	r := jobs.NewRunner(db, quiet, clock)
	svc.Register(r)
	sys := app.SystemActor("test")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	m1, err := a.CreateMember(ctx, sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	m2, err := a.CreateMember(ctx, sys, org.Member{Name: "Båstads kommun", Country: "SE", OrgNumber: "212000-0969", Kind: org.Municipality, Status: org.Active})
	must(err)
	_, err = a.CreateTeam(ctx, sys, org.Team{Name: app.FirstLineTeamName})
	must(err)
	f := &mailIntake{t: t, ctx: ctx, db: db, app: a, svc: svc, runner: r}
	f.asa, err = a.CreatePerson(ctx, sys, org.Person{Name: "Åsa Öberg", Email: "asa@hoganas.example", MemberID: m1.ID, Grants: []org.Grant{{Role: org.Employee}}})
	must(err)
	f.bo, err = a.CreatePerson(ctx, sys, org.Person{Name: "Bo Ek", Email: "bo@bastad.example", MemberID: m2.ID, Grants: []org.Grant{{Role: org.Employee}}})
	must(err)
	return f
}

// deliver stores a message and runs the filing job; it returns the stored
// row as filed.
func (f *mailIntake) deliver(raw string) store.InboundMail {
	f.t.Helper()
	id, _, err := f.svc.Deliver(f.ctx, "test", []byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.runner.RunDue(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	row, err := f.db.Read().GetInboundMail(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return row
}

func (f *mailIntake) events(caseID int64) []cases.Event {
	f.t.Helper()
	evs, err := f.db.Read().CaseEvents(f.ctx, []int64{caseID}, false)
	if err != nil {
		f.t.Fatal(err)
	}
	return evs
}

func TestFileInboundMail(t *testing.T) {
	f := newMailIntake(t)
	pdf := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 lönespec"))
	first := `From: =?utf-8?q?=C3=85sa_=C3=96berg?= <Asa@Hoganas.example>
To: hr@hrsc.example
Subject: =?utf-8?q?Fr=C3=A5ga_om_l=C3=B6n?=
Message-ID: <q1@hoganas.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain; charset=utf-8

Var är min lön för oktober?
--b
Content-Type: application/pdf
Content-Disposition: attachment; filename="lönespec.pdf"
Content-Transfer-Encoding: base64

` + pdf + `
--b--
`
	row := f.deliver(first)
	if row.State != store.InboundProcessed || row.CaseID == 0 {
		t.Fatalf("first message: %+v", row)
	}
	c, err := f.db.Read().GetCaseView(f.ctx, row.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if c.RequesterID != f.asa.ID || c.Channel != cases.Email || c.Subject != "Fråga om lön" || c.Automated {
		t.Errorf("new case: %+v", c.Case)
	}
	evs := f.events(c.ID)
	if evs[0].Body != "Var är min lön för oktober?" || evs[0].MessageID != "q1@hoganas.example" || len(evs[0].Attachments) != 1 ||
		evs[0].Attachments[0].Filename != "lönespec.pdf" {
		t.Errorf("opening message: %+v", evs[0])
	}
	if n, _ := f.db.Read().CountJobs(f.ctx, app.JobCaseAcknowledgement, ""); n != 1 {
		t.Errorf("%d acknowledgements, want 1", n)
	}
	if again := f.deliver(first); again.ID != row.ID {
		t.Errorf("the same message twice was stored twice")
	}

	// Her reply to our acknowledgement threads by its headers, another by
	// the registration number alone.
	ack := mail.NewMessageID(c.ID, evs[0].ID, "hrsc.example")
	reply := f.deliver(`From: asa@hoganas.example
Subject: SV: [` + c.Reference + `] Mottaget: Fråga om lön
Message-ID: <r1@hoganas.example>
In-Reply-To: <` + ack + `>

Jag glömde: det gäller oktober.

Den 23 nov. 2026 kl. 10:00 skrev HR-servicecenter <hr@hrsc.example>:
> Tack för ditt meddelande.
`)
	bySubject := f.deliver(`From: asa@hoganas.example
Subject: VB: [` + c.Reference + `] Fråga om lön
Message-ID: <r2@hoganas.example>

Vidarebefordrar lönebeskedet.
`)
	for _, r := range []store.InboundMail{reply, bySubject} {
		if r.State != store.InboundProcessed || r.CaseID != c.ID {
			t.Errorf("reply %s: %+v, want filed on case %d", r.MessageID, r, c.ID)
		}
	}
	evs = f.events(c.ID)
	if len(evs) != 3 || evs[1].Body != "Jag glömde: det gäller oktober." || evs[1].AuthorID != f.asa.ID {
		t.Errorf("timeline after the replies: %+v", evs)
	}

	// An out-of-office reply to our message is kept on the case, answered by no one.
	oof := f.deliver(`From: asa@hoganas.example
Subject: Autosvar: [` + c.Reference + `] Fråga om lön
Message-ID: <oof@hoganas.example>
Auto-Submitted: auto-replied
In-Reply-To: <` + ack + `>

Jag är på semester.
`)
	if oof.State != store.InboundProcessed || oof.CaseID != c.ID {
		t.Errorf("out-of-office reply: %+v", oof)
	}
	if n, _ := f.db.Read().CountJobs(f.ctx, app.JobCaseAcknowledgement, ""); n != 1 {
		t.Errorf("%d acknowledgements, want still 1", n)
	}

	// Båstad's Bo quoting Höganäs' case number gets a case of his own.
	bo := f.deliver(`From: bo@bastad.example
Subject: Re: [` + c.Reference + `] Fråga om lön
Message-ID: <bo1@bastad.example>

Samma fråga här.
`)
	if bo.State != store.InboundProcessed || bo.CaseID == c.ID || bo.CaseID == 0 {
		t.Errorf("another member's message: %+v", bo)
	}

	// An unknown sender from Höganäs' domain gets a case as a person
	// pending verification; the centre then verifies them.
	stranger := f.deliver("From: Nils Ny <nils.ny@hoganas.example>\nSubject: Min lön saknas\nMessage-ID: <n1@hoganas.example>\n\nHej, lönen kom inte.\n")
	if stranger.State != store.InboundProcessed || stranger.CaseID == 0 {
		t.Fatalf("unknown sender of a member's domain: %+v", stranger)
	}
	page, err := f.app.ListPeople(f.ctx, app.SystemActor("test"), app.PersonQuery{Search: "nils.ny@hoganas.example"})
	if err != nil || len(page.Items) != 1 || !page.Items[0].Pending || page.Items[0].Name != "Nils Ny" || page.Items[0].MemberID != f.asa.MemberID {
		t.Fatalf("pending person: %+v, %v", page.Items, err)
	}
	again := f.deliver("From: nils.ny@hoganas.example\nSubject: Re: Min lön saknas\nMessage-ID: <n2@hoganas.example>\n\nHallå?\n")
	if again.State != store.InboundProcessed {
		t.Fatalf("second message of the pending person: %+v", again)
	}
	if _, err := f.app.VerifyPerson(f.ctx, app.SystemActor("test"), page.Items[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.VerifyPerson(f.ctx, app.SystemActor("test"), page.Items[0].ID); fault.KindOf(err) != fault.Conflict {
		t.Fatalf("verifying twice: %v", err)
	}

	for name, tc := range map[string]struct{ raw, reason string }{
		"unknown sender, unknown domain": {"From: stranger@example.org\nSubject: Hej\nMessage-ID: <s1@example.org>\n\nHej!\n", "not a known person"},
		"centre staff":                   {"From: hr@hrsc.example\nSubject: Hej\nMessage-ID: <s2@x>\n\nHej!\n", "own address"},
		"automatic, no case": {"From: asa@hoganas.example\nSubject: Autosvar\nMessage-ID: <s3@x>\nAuto-Submitted: auto-replied\n\nSemester.\n",
			"automatic"},
	} {
		if r := f.deliver(tc.raw); r.State != store.InboundFlagged || !strings.Contains(r.Reason, tc.reason) {
			t.Errorf("%s: %+v, want flagged for %q", name, r, tc.reason)
		}
	}
}
