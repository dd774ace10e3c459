package app

import (
	"context"
	"errors"
	"fmt"

	"samverkan/internal/cases"
	"samverkan/internal/mail"
	"samverkan/internal/store"
)

// maxReferences bounds the References header of a letter.
const maxReferences = 20

// MailLetter tells the e-mail adapter what to send for a case mail job
// (JobCaseAcknowledgement, JobCaseReply, JobCaseResolved): it is the
// adapter's mail.LetterSource. It returns mail.ErrNoLetter, wrapped with
// the reason, when nothing is to go out.
func (a *App) MailLetter(ctx context.Context, kind string, caseID, eventID int64) (mail.Letter, error) {
	none := func(reason string) (mail.Letter, error) {
		return mail.Letter{}, fmt.Errorf("%w: case %d: %s", mail.ErrNoLetter, caseID, reason)
	}
	q := a.db.Read()
	c, err := q.GetCaseView(ctx, caseID)
	if errors.Is(err, store.ErrNotFound) {
		return none("the case does not exist")
	}
	if err != nil {
		return mail.Letter{}, err
	}
	ev, err := q.GetCaseEvent(ctx, eventID)
	if errors.Is(err, store.ErrNotFound) || err == nil && ev.CaseID != caseID {
		return none("the event is not on the case")
	}
	if err != nil {
		return mail.Letter{}, err
	}
	switch {
	case c.RequesterEmail == "":
		return none("the requester has no e-mail address")
	case c.Automated && kind != JobCaseReply:
		return none("the case was opened by an automatic message")
	case kind == JobCaseReply && (ev.Kind != cases.ReplyEvent || ev.Visibility != cases.External):
		return none("the event is not an external reply")
	case kind == JobCaseResolved && c.Status != cases.Resolved && c.Status != cases.Closed:
		return none("the case is no longer resolved")
	}
	centre, err := a.Centre(ctx)
	if err != nil {
		return mail.Letter{}, err
	}
	lang, err := q.PersonLanguage(ctx, c.RequesterID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return mail.Letter{}, err
	}
	if lang == "" {
		lang = centre.Language
	}
	cfg, err := a.caseConfig(ctx, q)
	if err != nil {
		return mail.Letter{}, err
	}
	l := mail.Letter{
		To:         mail.Address{Name: c.RequesterName, Email: c.RequesterEmail},
		Language:   lang,
		Reference:  c.Reference,
		Subject:    c.Subject,
		CentreName: centre.Name,
		ReopenDays: cfg.reopenDays,
	}
	if kind == JobCaseReply {
		l.Body, l.Sender = ev.Body, ev.AuthorName
		if l.Attachments, err = a.letterAttachments(ctx, q, ev); err != nil {
			return mail.Letter{}, err
		}
	}
	l.InReplyTo, l.References, err = a.letterThread(ctx, q, caseID, eventID)
	return l, err
}

// letterAttachments reads the files of a reply.
func (a *App) letterAttachments(ctx context.Context, q *store.Queries, ev cases.Event) ([]mail.Attachment, error) {
	all, err := q.CaseAttachments(ctx, []int64{ev.CaseID})
	if err != nil {
		return nil, err
	}
	var out []mail.Attachment
	for _, at := range all {
		if at.EventID != ev.ID {
			continue
		}
		f, _, err := q.GetAttachment(ctx, at.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, mail.Attachment{Filename: f.Filename, ContentType: f.ContentType, Data: f.Data})
	}
	return out, nil
}

// letterThread finds the Message-IDs a letter about event answers: the
// newest member message by e-mail up to the event (In-Reply-To) and every
// e-mail of the case before it, theirs and ours, oldest first (References).
func (a *App) letterThread(ctx context.Context, q *store.Queries, caseID, eventID int64) (string, []string, error) {
	events, err := q.CaseEvents(ctx, []int64{caseID}, true)
	if err != nil {
		return "", nil, err
	}
	sent, err := q.ListOutboundMail(ctx, caseID)
	if err != nil {
		return "", nil, err
	}
	ours := map[int64][]string{}
	for _, m := range sent {
		if m.State == store.OutboundSent {
			ours[m.EventID] = append(ours[m.EventID], m.MessageID)
		}
	}
	var inReplyTo string
	var refs []string
	for _, ev := range events {
		if ev.MessageID != "" {
			id := mail.NormalizeMessageID(ev.MessageID)
			refs = append(refs, id)
			if ev.Kind == cases.MessageEvent {
				inReplyTo = id
			}
		}
		if ev.ID == eventID {
			break
		}
		refs = append(refs, ours[ev.ID]...)
	}
	if len(refs) > maxReferences {
		refs = refs[len(refs)-maxReferences:]
	}
	return inReplyTo, refs, nil
}
