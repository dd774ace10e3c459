package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"samverkan/internal/governance"
	"samverkan/internal/org"
)

const contactCols = `c.id, c.member_id, c.level, c.person_id, c.title, c.deputy_id, c.verified_at, c.verified_by, c.created_at, c.updated_at`

func scanContact(row scanner) (governance.Contact, error) {
	var c governance.Contact
	var deputy, by sql.NullInt64
	var verified sql.NullTime
	err := row.Scan(&c.ID, &c.MemberID, &c.Level, &c.PersonID, &c.Title, &deputy, &verified, &by, &c.CreatedAt, &c.UpdatedAt)
	c.DeputyID, c.VerifiedAt, c.VerifiedBy = idOf(deputy), verified.Time, idOf(by)
	return c, classify(err)
}

// ContactFilter narrows the contact directory.
type ContactFilter struct {
	MemberID int64
	Level    org.Level
	PersonID int64 // entries where this person is the contact or the deputy
}

// ListContacts returns directory entries by member, level and id.
func (q *Queries) ListContacts(ctx context.Context, f ContactFilter) ([]governance.Contact, error) {
	var w where
	if f.MemberID != 0 {
		w.add("c.member_id = ?", f.MemberID)
	}
	if f.Level != "" {
		w.add("c.level = ?", f.Level)
	}
	if f.PersonID != 0 {
		w.add("(c.person_id = ? OR c.deputy_id = ?)", f.PersonID, f.PersonID)
	}
	s := `SELECT ` + contactCols + ` FROM contacts c`
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	rows, err := q.ex.QueryContext(ctx, s+` ORDER BY c.member_id, CASE c.level WHEN 'strategic' THEN 0 WHEN 'tactical' THEN 1 ELSE 2 END, c.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []governance.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// GetContact reads one directory entry.
func (q *Queries) GetContact(ctx context.Context, id int64) (governance.Contact, error) {
	return scanContact(q.ex.QueryRowContext(ctx, `SELECT `+contactCols+` FROM contacts c WHERE c.id = $1`, id))
}

// CreateContact inserts an entry; the same person twice on one level of a
// member is ErrDuplicate.
func (q *Queries) CreateContact(ctx context.Context, c governance.Contact, now time.Time) (governance.Contact, error) {
	c.CreatedAt, c.UpdatedAt = utc(now), utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO contacts (member_id, level, person_id, title, deputy_id, verified_at, verified_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		c.MemberID, c.Level, c.PersonID, c.Title, nullID(c.DeputyID), nullTime(c.VerifiedAt), nullID(c.VerifiedBy), c.CreatedAt).Scan(&c.ID)
	return c, classify(err)
}

// UpdateContact writes an entry's fields.
func (q *Queries) UpdateContact(ctx context.Context, c governance.Contact, now time.Time) (governance.Contact, error) {
	c.UpdatedAt = utc(now)
	_, err := q.ex.ExecContext(ctx, `UPDATE contacts SET level = $1, person_id = $2, title = $3, deputy_id = $4, verified_at = $5,
		verified_by = $6, updated_at = $7 WHERE id = $8`,
		c.Level, c.PersonID, c.Title, nullID(c.DeputyID), nullTime(c.VerifiedAt), nullID(c.VerifiedBy), c.UpdatedAt, c.ID)
	return c, classify(err)
}

// DeleteContact removes an entry.
func (q *Queries) DeleteContact(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM contacts WHERE id = $1`, id)
	return err
}

// RecordVerificationRequest notes that a member was asked to confirm its
// contacts in period (YYYY-MM); inserted is false when it was asked before.
func (q *Queries) RecordVerificationRequest(ctx context.Context, memberID int64, period string, now time.Time) (bool, error) {
	res, err := q.ex.ExecContext(ctx, `INSERT INTO contact_verification_requests (member_id, period, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
		memberID, period, utc(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// LastVerificationRequest is when a member was last asked (zero: never).
func (q *Queries) LastVerificationRequest(ctx context.Context, memberID int64) (time.Time, error) {
	// ORDER BY … LIMIT 1 rather than MAX(): SQLite returns an aggregate of
	// a timestamp column as text, which does not scan into a time.
	var t time.Time
	err := classify(q.ex.QueryRowContext(ctx, `SELECT sent_at FROM contact_verification_requests WHERE member_id = $1
		ORDER BY sent_at DESC LIMIT 1`, memberID).Scan(&t))
	if errors.Is(err, ErrNotFound) {
		return time.Time{}, nil
	}
	return t, err
}

// SetCalendarFeed stores the hash of a person's feed secret, replacing any.
func (q *Queries) SetCalendarFeed(ctx context.Context, personID int64, hash string, now time.Time) error {
	if _, err := q.ex.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE person_id = $1`, personID); err != nil {
		return err
	}
	_, err := q.ex.ExecContext(ctx, `INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3)`, personID, hash, utc(now))
	return classify(err)
}

// CalendarFeedOwner finds whose feed a secret's hash opens.
func (q *Queries) CalendarFeedOwner(ctx context.Context, hash string) (int64, error) {
	var id int64
	err := q.ex.QueryRowContext(ctx, `SELECT person_id FROM calendar_feeds WHERE token_hash = $1`, hash).Scan(&id)
	return id, classify(err)
}

// HasCalendarFeed reports whether a person has a feed.
func (q *Queries) HasCalendarFeed(ctx context.Context, personID int64) (bool, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM calendar_feeds WHERE person_id = $1`, personID).Scan(&n)
	return n > 0, err
}

// SurveyInvitation is one person asked about one meeting.
type SurveyInvitation struct {
	ID         int64
	MeetingID  int64
	PersonID   int64
	Score      int // 0 until answered
	Comment    string
	AnsweredAt time.Time
	CreatedAt  time.Time
}

const surveyCols = `id, meeting_id, person_id, score, comment, answered_at, created_at`

func scanSurvey(row scanner) (SurveyInvitation, error) {
	var s SurveyInvitation
	var score sql.NullInt64
	var answered sql.NullTime
	err := row.Scan(&s.ID, &s.MeetingID, &s.PersonID, &score, &s.Comment, &answered, &s.CreatedAt)
	s.Score, s.AnsweredAt = int(score.Int64), answered.Time
	return s, classify(err)
}

// CreateSurveyInvitation asks a person about a meeting once; inserted is
// false when they were asked before.
func (q *Queries) CreateSurveyInvitation(ctx context.Context, meetingID, personID int64, now time.Time) (SurveyInvitation, bool, error) {
	s := SurveyInvitation{MeetingID: meetingID, PersonID: personID, CreatedAt: utc(now)}
	err := q.ex.QueryRowContext(ctx, `INSERT INTO survey_invitations (meeting_id, person_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING RETURNING id`, meetingID, personID, s.CreatedAt).Scan(&s.ID)
	if err == sql.ErrNoRows {
		return s, false, nil
	}
	return s, err == nil, classify(err)
}

// GetSurveyInvitation reads one invitation.
func (q *Queries) GetSurveyInvitation(ctx context.Context, id int64) (SurveyInvitation, error) {
	return scanSurvey(q.ex.QueryRowContext(ctx, `SELECT `+surveyCols+` FROM survey_invitations WHERE id = $1`, id))
}

// AnswerSurvey stores an answer.
func (q *Queries) AnswerSurvey(ctx context.Context, id int64, score int, comment string, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE survey_invitations SET score = $1, comment = $2, answered_at = $3 WHERE id = $4`,
		score, comment, utc(now), id)
	return err
}

// SurveyFilter narrows survey invitations.
type SurveyFilter struct {
	PersonID  int64
	MeetingID int64
	ForumID   int64
}

// ListSurveyInvitations returns invitations, newest first.
func (q *Queries) ListSurveyInvitations(ctx context.Context, f SurveyFilter) ([]SurveyInvitation, error) {
	var w where
	if f.PersonID != 0 {
		w.add("person_id = ?", f.PersonID)
	}
	if f.MeetingID != 0 {
		w.add("meeting_id = ?", f.MeetingID)
	}
	if f.ForumID != 0 {
		w.add("meeting_id IN (SELECT id FROM meetings WHERE forum_id = ?)", f.ForumID)
	}
	s := `SELECT ` + surveyCols + ` FROM survey_invitations`
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	rows, err := q.ex.QueryContext(ctx, s+" ORDER BY id DESC", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SurveyInvitation
	for rows.Next() {
		s, err := scanSurvey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CreateLinkedNotification stores a notification that links to a page.
func (q *Queries) CreateLinkedNotification(ctx context.Context, n Notification, link string) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO notifications (person_id, kind, case_id, message, created_at, link) VALUES ($1, $2, $3, $4, $5, $6)`,
		n.PersonID, n.Kind, nullID(n.CaseID), n.Message, utc(n.CreatedAt), link)
	return err
}
