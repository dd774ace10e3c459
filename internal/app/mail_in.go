package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/mail"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// errSettled means another run of the intake job filed the message first.
var errSettled = errors.New("the e-mail was filed already")

// FileInboundMail files an incoming e-mail on a case: it is the e-mail
// adapter's mail.Processor. The sender must be a known, active person of
// a member. The message goes onto the case its headers or its subject name
// (if the sender belongs to that case's member), else it opens a new case.
// An automatic message is only ever kept on the case it names. Whatever
// cannot be filed is returned as mail.NeedsPerson and flagged for manual
// handling; the raw message is always kept by the adapter.
func (a *App) FileInboundMail(ctx context.Context, in *mail.Inbound) (int64, error) {
	m := in.Message
	sys := SystemActor("e-mail")
	q := a.db.Read()
	sender, why, err := mailSender(ctx, q, m.From.Email)
	if err == nil && why == unknownSender && m.Automatic == "" {
		// An unknown sender from a member's domain becomes a person
		// pending verification, so their message is not held up.
		var ok bool
		if sender, ok, err = a.registerPendingSender(ctx, m.From.Email, m.From.Name); ok {
			why = ""
		}
	}
	if err != nil || why != "" {
		return 0, manualOr(err, why)
	}
	caseID, err := a.mailCase(ctx, q, in, sender)
	if err != nil {
		return 0, err
	}
	settle := func(ctx context.Context, q *store.Queries, c cases.Case) error {
		ok, err := q.SettleInboundMail(ctx, in.ID, store.InboundOutcome{State: store.InboundProcessed, CaseID: c.ID,
			From: m.From.Email, Subject: m.Subject}, a.now())
		if err == nil && !ok {
			return errSettled
		}
		return err
	}
	files, why := mailFiles(m.Attachments)
	if why != "" {
		return 0, mail.NeedsPerson(why)
	}
	auto := m.Automatic != ""
	if caseID != 0 {
		res, err := a.AddMemberMessage(ctx, sys, caseID, MemberMessage{Body: mailBody(m.Reply), Channel: cases.Email,
			AuthorID: sender.ID, MessageID: m.MessageID, AutoSubmitted: auto, ReceivedAt: in.ReceivedAt,
			Attachments: files, Also: settle})
		return res.Case.ID, filed(err)
	}
	if auto {
		return 0, mail.NeedsPerson("an automatic message that names no case of its sender's organisation")
	}
	c, err := a.OpenCase(ctx, sys, NewCase{RequesterID: sender.ID, Channel: cases.Email, Type: cases.Question,
		Subject: mailSubject(m), Body: mailBody(m.Text), MessageID: m.MessageID, ReceivedAt: in.ReceivedAt,
		Attachments: files, Also: settle})
	return c.ID, filed(err)
}

// unknownSender is why a message from an address nobody has is held.
const unknownSender = "the sender is not a known person, and their address belongs to no single member"

// mailSender finds the person who sent a message; why says why they may
// not file cases by e-mail.
func mailSender(ctx context.Context, q *store.Queries, from string) (store.PersonRef, string, error) {
	email, ok := org.NormaliseEmail(strings.ToLower(from))
	if !ok {
		return store.PersonRef{}, "the sender's address " + from + " is not valid", nil
	}
	p, err := q.PersonRefByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return p, unknownSender, nil
	case err != nil:
		return p, "", err
	case !p.Active:
		return p, "the sender " + email + " is not active", nil
	case p.MemberID == 0:
		return p, "the sender " + email + " is centre staff, not a member", nil
	}
	return p, "", nil
}

// mailCase finds the case a message belongs to: the one its headers name,
// then the one its subject's registration number names, provided the
// sender belongs to that case's member. 0 means a new case.
func (a *App) mailCase(ctx context.Context, q *store.Queries, in *mail.Inbound, sender store.PersonRef) (int64, error) {
	var candidates []int64
	if in.Thread.CaseID != 0 {
		candidates = append(candidates, in.Thread.CaseID)
	} else if len(in.Thread.MessageIDs) > 0 {
		id, err := q.CaseIDByMessageID(ctx, in.Thread.MessageIDs)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return 0, err
		}
		if id != 0 {
			candidates = append(candidates, id)
		}
	}
	if in.Thread.HasReference {
		id, err := q.CaseIDByReference(ctx, in.Thread.Reference)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return 0, err
		}
		if id != 0 {
			candidates = append(candidates, id)
		}
	}
	for _, id := range candidates {
		c, err := q.GetCase(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return 0, err
		}
		if c.RequesterID == sender.ID || c.MemberID == sender.MemberID {
			return c.ID, nil
		}
	}
	return 0, nil
}

// mailFiles turns a message's attachments and inline parts into case
// files; why is set when there are more than a case message takes.
func mailFiles(atts []mail.Attachment) ([]NewAttachment, string) {
	if len(atts) > MaxAttachmentsPerMessage {
		return nil, fmt.Sprintf("the message has %d attachments; a case message takes at most %d", len(atts), MaxAttachmentsPerMessage)
	}
	var out []NewAttachment
	for _, at := range atts {
		if len(at.Data) > 0 {
			out = append(out, NewAttachment{Filename: at.Filename, Data: at.Data})
		}
	}
	return out, ""
}

// mailBody is a message text that fits a case message; the whole message
// stays in the raw e-mail.
func mailBody(text string) string {
	return truncateRunes(strings.TrimSpace(text), cases.MaxBody)
}

// mailSubject is the subject of a case opened by e-mail: the message's
// without reply markers, or the start of its text.
func mailSubject(m *mail.Message) string {
	topic, _, _ := cases.ThreadSubject(m.Subject)
	if topic == "" {
		topic = cases.OneLine(m.Reply)
	}
	if topic == "" {
		topic = "E-post från " + m.From.Email
	}
	return truncateRunes(topic, cases.MaxSubject)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// filed turns the errors of filing into what the adapter expects: input
// the case rules refuse needs a person, anything else is retried.
func filed(err error) error {
	switch {
	case err == nil, errors.Is(err, errSettled):
		return nil
	case fault.KindOf(err) != fault.Internal:
		return mail.NeedsPerson("the case rules refuse the message: " + err.Error())
	}
	return err
}

func manualOr(err error, why string) error {
	if err != nil {
		return err
	}
	return mail.NeedsPerson(why)
}
