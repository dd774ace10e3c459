package store

import (
	"context"
	"database/sql"
	"time"
)

// MailNotice is one e-mail notice we send (or are about to): a message
// that is not about a case, kept under its kind and key.
type MailNotice struct {
	ID        int64
	Kind      string
	Key       string
	MessageID string // without angle brackets
	Recipient string
	Subject   string
	State     string // OutboundPending or OutboundSent
	CreatedAt time.Time
	SentAt    time.Time // zero until sent
}

const noticeCols = `id, kind, notice_key, message_id, recipient, subject, state, created_at, sent_at`

func scanNotice(row interface{ Scan(...any) error }) (MailNotice, error) {
	var n MailNotice
	var sent sql.NullTime
	err := row.Scan(&n.ID, &n.Kind, &n.Key, &n.MessageID, &n.Recipient, &n.Subject, &n.State, &n.CreatedAt, &sent)
	if sent.Valid {
		n.SentAt = sent.Time
	}
	return n, classify(err)
}

// ReserveMailNotice records the notice (Kind, Key) unless it is already
// recorded, and returns the recorded one: a retry gets the Message-ID of
// the first attempt and sees whether it was sent.
func (q *Queries) ReserveMailNotice(ctx context.Context, n MailNotice, now time.Time) (MailNotice, error) {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO mail_notices (kind, notice_key, message_id, recipient, subject, state, created_at)
		VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT DO NOTHING`,
		n.Kind, n.Key, n.MessageID, n.Recipient, n.Subject, utc(now))
	if err != nil {
		return MailNotice{}, classify(err)
	}
	return scanNotice(q.ex.QueryRowContext(ctx, `SELECT `+noticeCols+` FROM mail_notices
		WHERE kind = $1 AND notice_key = $2`, n.Kind, n.Key))
}

// MarkMailNoticeSent records that the server accepted the notice.
func (q *Queries) MarkMailNoticeSent(ctx context.Context, id int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE mail_notices SET state = 'sent', sent_at = $1 WHERE id = $2`, utc(now), id)
	return err
}

// ListMailNotices lists the notices of a kind in id order.
func (q *Queries) ListMailNotices(ctx context.Context, kind string) ([]MailNotice, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+noticeCols+` FROM mail_notices WHERE kind = $1 ORDER BY id`, kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MailNotice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// VerificationRequested reports whether a member was asked to confirm its
// contacts in period (YYYY-MM), for the e-mail that goes with the request.
func (q *Queries) VerificationRequested(ctx context.Context, memberID int64, period string) (bool, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM contact_verification_requests WHERE member_id = $1 AND period = $2`,
		memberID, period).Scan(&n)
	return n > 0, err
}
