package app

import (
	"context"
	"mime"
	"net/textproto"
	"slices"
	"strings"
	"unicode/utf8"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/mail"
	"samverkan/internal/store"
)

// InboundMail is a stored incoming e-mail; lists leave out its raw bytes.
type InboundMail = store.InboundMail

// FlaggedMail lists the incoming messages that wait for a person (the
// intake could not file them: malformed, an unknown sender, an automatic
// message that names no case …), oldest first (centre staff).
func (a *App) FlaggedMail(ctx context.Context, by Actor, pr PageRequest) (Page[InboundMail], error) {
	if err := by.require(WorkCases); err != nil {
		return Page[InboundMail]{}, err
	}
	p, err := pr.storePage()
	if err != nil {
		return Page[InboundMail]{}, err
	}
	ms, err := a.db.Read().ListInboundMail(ctx, store.InboundMailFilter{State: store.InboundFlagged, Page: p})
	return pageOf(ms, p, func(m InboundMail) int64 { return m.ID }), err
}

// HeaderLine is one header field of a message, decoded to text.
type HeaderLine struct{ Name, Value string }

// MailFile is an attachment of a stored message.
type MailFile struct {
	Name, ContentType string
	Size              int64
}

// MaxRawShown is how much of a raw message InboundMessage returns as text.
const MaxRawShown = 256 << 10

// InboundMessage is a stored message made readable for a person: its
// header and text as plain text (never its HTML), what the parser found
// wrong, and who the sender is if the directory knows them.
type InboundMessage struct {
	InboundMail
	Header       []HeaderLine
	FromName     string
	FromEmail    string
	Subject      string
	Text         string
	Problem      string // why the message could not be read; "" when it could
	Automatic    string // why it looks automatic; "" for a person's message
	Files        []MailFile
	RawText      string // the raw message as text, at most MaxRawShown bytes
	RawTruncated bool
	Sender       PersonMatch // ID 0 when the sender is not a known person
}

// InboundMessage reads one stored message (centre staff).
func (a *App) InboundMessage(ctx context.Context, by Actor, id int64) (InboundMessage, error) {
	if err := by.require(WorkCases); err != nil {
		return InboundMessage{}, err
	}
	q := a.db.Read()
	m, err := q.GetInboundMail(ctx, id)
	if err != nil {
		return InboundMessage{}, notFound(err, "message")
	}
	msg, perr := mail.Parse(m.Raw)
	out := InboundMessage{InboundMail: m, FromName: msg.From.Name, FromEmail: msg.From.Email, Subject: cases.OneLine(msg.Subject),
		Text: cases.CleanText(msg.Text), Automatic: msg.Automatic}
	if perr != nil {
		out.Problem = perr.Error()
	}
	out.Header = headerLines(msg.Header)
	for _, f := range msg.Attachments {
		out.Files = append(out.Files, MailFile{Name: cases.SanitiseFilename(f.Filename), ContentType: f.ContentType, Size: int64(len(f.Data))})
	}
	raw := m.Raw
	if len(raw) > MaxRawShown {
		raw, out.RawTruncated = raw[:MaxRawShown], true
	}
	out.RawText = cases.CleanText(strings.ToValidUTF8(string(raw), "\uFFFD"))
	if out.FromEmail != "" {
		found, err := q.FindPeople(ctx, out.FromEmail, 0, 5)
		if err != nil {
			return out, err
		}
		for _, p := range found {
			if strings.EqualFold(p.Email, out.FromEmail) {
				out.Sender = p
			}
		}
	}
	return out, nil
}

// FileMail says where a flagged message goes: onto a case, or into a new
// case for a person.
type FileMail struct {
	CaseID      int64 // file it on this case as a message from the member side; or
	RequesterID int64 // open a new case for this person
	Type        cases.Type
	Subject     string // a new case's subject; default the message's
	Body        string // the message text; default the e-mail's text
}

// FileFlaggedMail files a flagged message by hand, with its attachments:
// on the chosen case, or as a new case for the chosen person. The raw
// message stays kept; the mail's new state and the case are written and
// audited in one transaction. It returns the case the message is on.
func (a *App) FileFlaggedMail(ctx context.Context, by Actor, id int64, f FileMail) (int64, error) {
	if err := by.require(WorkCases); err != nil {
		return 0, err
	}
	q := a.db.Read()
	m, err := q.GetInboundMail(ctx, id)
	if err != nil {
		return 0, notFound(err, "message")
	}
	if m.State != store.InboundFlagged {
		return 0, fault.Conflictf("this message does not wait for a person any more")
	}
	msg, _ := mail.Parse(m.Raw)
	body := f.Body
	if strings.TrimSpace(body) == "" {
		body = mailBody(msg.Text)
	}
	if body == "" {
		// Nothing readable as text: the raw body is what there is.
		body = mailBody(cases.CleanText(strings.ToValidUTF8(rawBody(m.Raw), "\uFFFD")))
	}
	files, why := mailFiles(msg.Attachments)
	if why != "" {
		return 0, fault.Field("attachments", "too_many", why)
	}
	settle := a.settleFlagged(by, m)
	auto := msg.Automatic != ""
	switch {
	case f.CaseID != 0 && f.RequesterID != 0:
		return 0, fault.Field("case", "mail_target", "choose either a case or a person, not both")
	case f.CaseID != 0:
		res, err := a.AddMemberMessage(ctx, by, f.CaseID, MemberMessage{Body: body, Channel: cases.Email,
			AuthorID: a.mailAuthor(ctx, q, msg.From.Email, f.CaseID), MessageID: msg.MessageID, AutoSubmitted: auto,
			ReceivedAt: m.ReceivedAt, Attachments: files, Also: settle})
		return res.Case.ID, err
	case f.RequesterID != 0:
		subject := f.Subject
		if strings.TrimSpace(subject) == "" {
			subject = mailSubject(msg)
		}
		if f.Type == "" {
			f.Type = cases.Question
		}
		c, err := a.OpenCase(ctx, by, NewCase{RequesterID: f.RequesterID, Channel: cases.Email, Type: f.Type, Subject: subject,
			Body: body, MessageID: msg.MessageID, ReceivedAt: m.ReceivedAt, AutoSubmitted: auto, Attachments: files, Also: settle})
		return c.ID, err
	}
	return 0, fault.Field("case", "mail_target", "choose the case the message belongs to, or the person to open a case for")
}

// mailAuthor is the person who wrote a message on a case: the sender when
// they belong to the case's member, else 0 (the requester).
func (a *App) mailAuthor(ctx context.Context, q *store.Queries, from string, caseID int64) int64 {
	p, err := q.PersonRefByEmail(ctx, strings.ToLower(strings.TrimSpace(from)))
	if err != nil || p.MemberID == 0 {
		return 0
	}
	c, err := q.GetCase(ctx, caseID)
	if err != nil || (c.MemberID != p.MemberID && c.RequesterID != p.ID) {
		return 0
	}
	return p.ID
}

// MaxIgnoreReason is the longest reason for ignoring a message.
const MaxIgnoreReason = 500

// IgnoreFlaggedMail sets a flagged message aside with a reason: it needs
// no case (spam, a newsletter, a duplicate). The raw message stays kept.
func (a *App) IgnoreFlaggedMail(ctx context.Context, by Actor, id int64, reason string) error {
	if err := by.require(WorkCases); err != nil {
		return err
	}
	reason = cases.OneLine(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return fault.Field("reason", "required", "say why the message needs no case")
	case n > MaxIgnoreReason:
		return fault.Field("reason", "too_long", "the reason is at most 500 characters")
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		m, err := q.GetInboundMail(ctx, id)
		if err != nil {
			return notFound(err, "message")
		}
		ok, err := q.ResolveFlaggedMail(ctx, id, store.InboundOutcome{State: store.InboundIgnored, Reason: reason, CaseID: m.CaseID}, a.now())
		if err != nil {
			return err
		}
		if !ok {
			return fault.Conflictf("this message does not wait for a person any more")
		}
		return a.audit(ctx, q, by, 0, "inbound_mail", id, "ignore", map[string]any{"state": m.State, "reason": m.Reason},
			map[string]any{"state": store.InboundIgnored, "reason": reason})
	})
}

// rawBody is what follows a raw message's header.
func rawBody(raw []byte) string {
	s := string(raw)
	for _, sep := range []string{"\r\n\r\n", "\n\n"} {
		if _, body, ok := strings.Cut(s, sep); ok {
			return body
		}
	}
	return ""
}

// settleFlagged records, in the transaction that files a flagged message
// on case c, that the message is handled, and audits it.
func (a *App) settleFlagged(by Actor, m InboundMail) func(ctx context.Context, q *store.Queries, c cases.Case) error {
	return func(ctx context.Context, q *store.Queries, c cases.Case) error {
		ok, err := q.ResolveFlaggedMail(ctx, m.ID, store.InboundOutcome{State: store.InboundProcessed, CaseID: c.ID,
			Reason: "filed by hand"}, a.now())
		if err == nil && !ok {
			return fault.Conflictf("someone else handled this message first")
		}
		if err != nil {
			return err
		}
		return a.audit(ctx, q, by, c.MemberID, "inbound_mail", m.ID, "file", map[string]any{"state": m.State, "reason": m.Reason},
			map[string]any{"state": store.InboundProcessed, "case_id": c.ID})
	}
}

// headerLines decodes a header's fields (RFC 2047) to one line of text
// each, by name.
func headerLines(h textproto.MIMEHeader) []HeaderLine {
	var out []HeaderLine
	dec := new(mime.WordDecoder)
	for name, vals := range h {
		for _, v := range vals {
			if d, err := dec.DecodeHeader(v); err == nil {
				v = d
			}
			out = append(out, HeaderLine{Name: name, Value: cases.OneLine(v)})
		}
	}
	slices.SortStableFunc(out, func(x, y HeaderLine) int { return strings.Compare(x.Name, y.Name) })
	return out
}
