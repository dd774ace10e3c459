package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/mail"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

func TestMailJobKindsAgree(t *testing.T) {
	got := []string{app.JobCaseAcknowledgement, app.JobCaseReply, app.JobCaseResolved}
	if diff := cmp.Diff(mail.OutgoingKinds, got); diff != "" {
		t.Errorf("the case use cases and the e-mail adapter disagree on job kinds (-mail +app):\n%s", diff)
	}
}

func TestMailLetter(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	a := app.New(db, app.WithClock(func() time.Time { return testNow }))
	sys := app.SystemActor("e-mail")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	m, err := a.CreateMember(ctx, sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	_, err = a.CreateTeam(ctx, sys, org.Team{Name: app.FirstLineTeamName})
	must(err)
	mette, err := a.CreatePerson(ctx, sys, org.Person{Name: "Mette Hansen", Email: "mette@hoganas.example", MemberID: m.ID,
		Language: "da", Grants: []org.Grant{{Role: org.Employee}}})
	must(err)
	c, err := a.OpenCase(ctx, sys, app.NewCase{RequesterEmail: mette.Email, Channel: cases.Email, Type: cases.Question,
		Subject: "SV: Fråga om lön", Body: "Var är min lön?", MessageID: "q1@hoganas.example"})
	must(err)
	events, err := db.Read().CaseEvents(ctx, []int64{c.ID}, true)
	must(err)
	opening := events[0].ID

	l, err := a.MailLetter(ctx, app.JobCaseAcknowledgement, c.ID, opening)
	must(err)
	want := mail.Letter{To: mail.Address{Name: "Mette Hansen", Email: "mette@hoganas.example"}, Language: "da",
		Reference: c.Reference, Subject: c.Subject, CentreName: app.DefaultCentre.Name, ReopenDays: cases.DefaultReopenDays,
		InReplyTo: "q1@hoganas.example", References: []string{"q1@hoganas.example"}}
	if diff := cmp.Diff(want, l); diff != "" {
		t.Errorf("acknowledgement (-want +got):\n%s", diff)
	}

	// Our acknowledgement went out; an agent replies with a file.
	sentAck := "case-1.event-1.abc@samverkan.example.se"
	var reply cases.Event
	must(db.InTx(ctx, func(q *store.Queries) error {
		ack, err := q.ReserveOutboundMail(ctx, store.OutboundMail{Kind: app.JobCaseAcknowledgement, CaseID: c.ID, EventID: opening,
			MessageID: sentAck, Recipient: mette.Email, Subject: "x"}, testNow)
		if err != nil {
			return err
		}
		if err := q.MarkOutboundMailSent(ctx, ack.ID, testNow); err != nil {
			return err
		}
		reply, err = q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.ReplyEvent, Visibility: cases.External,
			AuthorName: "Alf Agent", Body: "Lønnen kommer fredag.", CreatedAt: testNow})
		if err != nil {
			return err
		}
		_, err = q.AddAttachment(ctx, store.AttachmentFile{Attachment: cases.Attachment{CaseID: c.ID, EventID: reply.ID,
			Filename: "lønseddel.pdf", ContentType: "application/pdf", Size: 3, SHA256: "x", CreatedAt: testNow}, Data: []byte("pdf")})
		return err
	}))
	l, err = a.MailLetter(ctx, app.JobCaseReply, c.ID, reply.ID)
	must(err)
	if l.Body != "Lønnen kommer fredag." || l.Sender != "Alf Agent" || l.InReplyTo != "q1@hoganas.example" ||
		!cmp.Equal(l.References, []string{"q1@hoganas.example", sentAck}) {
		t.Errorf("reply letter: %+v", l)
	}
	if len(l.Attachments) != 1 || l.Attachments[0].Filename != "lønseddel.pdf" || string(l.Attachments[0].Data) != "pdf" {
		t.Errorf("reply attachments: %+v", l.Attachments)
	}

	for name, tc := range map[string]struct {
		kind          string
		caseID, event int64
	}{
		"reply job on the opening message": {app.JobCaseReply, c.ID, opening},
		"resolved job on an open case":     {app.JobCaseResolved, c.ID, opening},
		"unknown case":                     {app.JobCaseAcknowledgement, 9999, opening},
		"event of another case":            {app.JobCaseAcknowledgement, c.ID, 9999},
	} {
		if _, err := a.MailLetter(ctx, tc.kind, tc.caseID, tc.event); !errors.Is(err, mail.ErrNoLetter) {
			t.Errorf("%s: %v, want ErrNoLetter", name, err)
		}
	}

	auto, err := a.OpenCase(ctx, sys, app.NewCase{RequesterEmail: mette.Email, Channel: cases.Email, Type: cases.Question,
		Subject: "Frånvaro", Body: "Jag är ledig.", AutoSubmitted: true})
	must(err)
	autoEvents, _ := db.Read().CaseEvents(ctx, []int64{auto.ID}, true)
	if _, err := a.MailLetter(ctx, app.JobCaseAcknowledgement, auto.ID, autoEvents[0].ID); !errors.Is(err, mail.ErrNoLetter) {
		t.Errorf("acknowledgement of an automatic case: %v, want ErrNoLetter", err)
	}
}
