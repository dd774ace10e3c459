package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Inbound mail states.
const (
	InboundNew       = "new"       // stored raw, not yet handled
	InboundProcessed = "processed" // threaded into or opened a case
	InboundFlagged   = "flagged"   // malformed or automatic: for a person
	InboundIgnored   = "ignored"   // our own message come back, and the like
)

// InboundMail is one fetched e-mail, kept raw.
type InboundMail struct {
	ID          int64
	Mailbox     string
	UIDValidity int64
	UID         int64
	MessageID   string // without angle brackets; "sha256:…" when the message had none
	Raw         []byte // empty in lists
	Size        int64
	From        string
	Subject     string
	ReceivedAt  time.Time
	State       string
	Reason      string
	CaseID      int64
	HandledAt   time.Time // zero while new
}

// InsertInboundMail stores a raw message unless one with the same
// Message-ID is already stored. It returns the id of the row that holds
// the message and whether this call inserted it.
func (q *Queries) InsertInboundMail(ctx context.Context, m InboundMail) (id int64, inserted bool, err error) {
	err = q.ex.QueryRowContext(ctx, `INSERT INTO inbound_mail
		(mailbox, uid_validity, uid, message_id, raw, size, received_at, state)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 'new')
		ON CONFLICT DO NOTHING RETURNING id`,
		m.Mailbox, m.UIDValidity, m.UID, m.MessageID, m.Raw, int64(len(m.Raw)), utc(m.ReceivedAt)).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, classify(err)
	}
	err = q.ex.QueryRowContext(ctx, `SELECT id FROM inbound_mail WHERE message_id = $1`, m.MessageID).Scan(&id)
	return id, false, classify(err)
}

const inboundCols = `id, mailbox, uid_validity, uid, message_id, size, from_address, subject, received_at, state, reason, case_id, handled_at`

func scanInbound(row interface{ Scan(...any) error }, extra ...any) (InboundMail, error) {
	var m InboundMail
	var caseID sql.NullInt64
	var handled sql.NullTime
	dest := append([]any{&m.ID, &m.Mailbox, &m.UIDValidity, &m.UID, &m.MessageID, &m.Size, &m.From, &m.Subject,
		&m.ReceivedAt, &m.State, &m.Reason, &caseID, &handled}, extra...)
	err := row.Scan(dest...)
	m.CaseID = idOf(caseID)
	if handled.Valid {
		m.HandledAt = handled.Time
	}
	return m, classify(err)
}

// GetInboundMail reads a stored message with its raw bytes.
func (q *Queries) GetInboundMail(ctx context.Context, id int64) (InboundMail, error) {
	var raw []byte
	m, err := scanInbound(q.ex.QueryRowContext(ctx, `SELECT `+inboundCols+`, raw FROM inbound_mail WHERE id = $1`, id), &raw)
	m.Raw = raw
	return m, err
}

// InboundMailFilter narrows ListInboundMail: by state ("" for all) and
// case (0 for all).
type InboundMailFilter struct {
	State  string
	CaseID int64
	Page
}

// ListInboundMail lists stored messages in id order, without raw bytes.
func (q *Queries) ListInboundMail(ctx context.Context, f InboundMailFilter) ([]InboundMail, error) {
	var w where
	if f.State != "" {
		w.add("state = ?", f.State)
	}
	if f.CaseID != 0 {
		w.add("case_id = ?", f.CaseID)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+inboundCols+` FROM inbound_mail`+w.page(f.Page, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []InboundMail
	for rows.Next() {
		m, err := scanInbound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// InboundOutcome is what became of a stored message.
type InboundOutcome struct {
	State   string
	Reason  string
	CaseID  int64
	From    string
	Subject string
}

// SettleInboundMail records the outcome of a message that is still new. It
// reports false when the message was already settled (by another worker,
// or by the caller's own transaction earlier), so a caller that opens a
// case in the same transaction can roll back instead of opening two.
func (q *Queries) SettleInboundMail(ctx context.Context, id int64, o InboundOutcome, now time.Time) (bool, error) {
	res, err := q.ex.ExecContext(ctx, `UPDATE inbound_mail
		SET state = $1, reason = $2, case_id = $3, from_address = $4, subject = $5, handled_at = $6
		WHERE id = $7 AND state = 'new'`,
		o.State, o.Reason, nullID(o.CaseID), o.From, o.Subject, utc(now), id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ResettleInboundMail changes the outcome of a message whatever its state:
// for a person handling a flagged message by hand (From and Subject are
// kept as they are).
func (q *Queries) ResettleInboundMail(ctx context.Context, id int64, o InboundOutcome, now time.Time) error {
	res, err := q.ex.ExecContext(ctx, `UPDATE inbound_mail SET state = $1, reason = $2, case_id = $3, handled_at = $4 WHERE id = $5`,
		o.State, o.Reason, nullID(o.CaseID), utc(now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// CaseOfMessageIDs finds the case that one of ids (Message-IDs without
// angle brackets) belongs to, trying them in order: a message we sent, or
// a message we received and filed on a case. It returns 0 when none is
// known.
func (q *Queries) CaseOfMessageIDs(ctx context.Context, ids []string) (int64, error) {
	for _, id := range ids {
		var caseID int64
		err := q.ex.QueryRowContext(ctx, `SELECT case_id FROM outbound_mail WHERE message_id = $1
			UNION ALL SELECT case_id FROM inbound_mail WHERE message_id = $1 AND case_id IS NOT NULL
			LIMIT 1`, id).Scan(&caseID)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return 0, err
		}
		return caseID, nil
	}
	return 0, nil
}

// MailCursor reads how far a mailbox has been read; zeros when never.
func (q *Queries) MailCursor(ctx context.Context, mailbox string) (uidValidity, lastUID int64, err error) {
	err = q.ex.QueryRowContext(ctx, `SELECT uid_validity, last_uid FROM mail_cursors WHERE mailbox = $1`, mailbox).
		Scan(&uidValidity, &lastUID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	return uidValidity, lastUID, err
}

// SaveMailCursor records how far a mailbox has been read.
func (q *Queries) SaveMailCursor(ctx context.Context, mailbox string, uidValidity, lastUID int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO mail_cursors (mailbox, uid_validity, last_uid, updated_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (mailbox) DO UPDATE SET uid_validity = $2, last_uid = $3, updated_at = $4`,
		mailbox, uidValidity, lastUID, utc(now))
	return err
}

// Outbound mail states.
const (
	OutboundPending = "pending"
	OutboundSent    = "sent"
)

// OutboundMail is one message we send (or are about to).
type OutboundMail struct {
	ID        int64
	Kind      string
	CaseID    int64
	EventID   int64
	MessageID string // without angle brackets
	Recipient string
	Subject   string
	State     string
	CreatedAt time.Time
	SentAt    time.Time // zero until sent
}

const outboundCols = `id, kind, case_id, event_id, message_id, recipient, subject, state, created_at, sent_at`

func scanOutbound(row interface{ Scan(...any) error }) (OutboundMail, error) {
	var m OutboundMail
	var sent sql.NullTime
	err := row.Scan(&m.ID, &m.Kind, &m.CaseID, &m.EventID, &m.MessageID, &m.Recipient, &m.Subject, &m.State, &m.CreatedAt, &sent)
	if sent.Valid {
		m.SentAt = sent.Time
	}
	return m, classify(err)
}

// ReserveOutboundMail records the message for (Kind, CaseID, EventID)
// unless it is already recorded, and returns the recorded one: a retry
// gets the Message-ID of the first attempt and sees whether it was sent.
func (q *Queries) ReserveOutboundMail(ctx context.Context, m OutboundMail, now time.Time) (OutboundMail, error) {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO outbound_mail (kind, case_id, event_id, message_id, recipient, subject, state, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT DO NOTHING`,
		m.Kind, m.CaseID, m.EventID, m.MessageID, m.Recipient, m.Subject, utc(now))
	if err != nil {
		return OutboundMail{}, classify(err)
	}
	return scanOutbound(q.ex.QueryRowContext(ctx, `SELECT `+outboundCols+` FROM outbound_mail
		WHERE kind = $1 AND case_id = $2 AND event_id = $3`, m.Kind, m.CaseID, m.EventID))
}

// MarkOutboundMailSent records that the server accepted the message.
func (q *Queries) MarkOutboundMailSent(ctx context.Context, id int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE outbound_mail SET state = 'sent', sent_at = $1 WHERE id = $2`, utc(now), id)
	return err
}

// ListOutboundMail lists the messages of a case in id order.
func (q *Queries) ListOutboundMail(ctx context.Context, caseID int64) ([]OutboundMail, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+outboundCols+` FROM outbound_mail WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboundMail
	for rows.Next() {
		m, err := scanOutbound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// PersonLanguage reads a person's language ("" when they have not chosen
// one), for the language of the mail they get.
func (q *Queries) PersonLanguage(ctx context.Context, personID int64) (string, error) {
	var lang string
	err := q.ex.QueryRowContext(ctx, `SELECT language FROM people WHERE id = $1`, personID).Scan(&lang)
	return lang, classify(err)
}
