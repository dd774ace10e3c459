package store

import (
	"context"
	"database/sql"
	"time"
)

// Session is a signed-in browser; the cookie holds the token, the database
// its hash.
type Session struct {
	TokenHash string
	PersonID  int64
	ActingFor int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateSession stores a new session.
func (q *Queries) CreateSession(ctx context.Context, s Session) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO sessions (token_hash, person_id, acting_for, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		s.TokenHash, s.PersonID, nullID(s.ActingFor), utc(s.CreatedAt), utc(s.ExpiresAt))
	return classify(err)
}

// GetSession reads a session that has not expired at now.
func (q *Queries) GetSession(ctx context.Context, tokenHash string, now time.Time) (Session, error) {
	var s Session
	var acting sql.NullInt64
	err := q.ex.QueryRowContext(ctx, `SELECT token_hash, person_id, acting_for, created_at, expires_at FROM sessions
		WHERE token_hash = $1 AND expires_at > $2`, tokenHash, utc(now)).Scan(&s.TokenHash, &s.PersonID, &acting, &s.CreatedAt, &s.ExpiresAt)
	s.ActingFor = idOf(acting)
	return s, classify(err)
}

// SetSessionActingFor records whom the signed-in person acts for (0: themselves).
func (q *Queries) SetSessionActingFor(ctx context.Context, tokenHash string, personID int64) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE sessions SET acting_for = $1 WHERE token_hash = $2`, nullID(personID), tokenHash)
	return err
}

// DeleteSession signs a session out.
func (q *Queries) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteSessionsOf signs a person out everywhere except keep.
func (q *Queries) DeleteSessionsOf(ctx context.Context, personID int64, keep string) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = $1 AND token_hash <> $2`, personID, keep)
	return err
}

// PruneExpired removes expired sessions and old login failures.
func (q *Queries) PruneExpired(ctx context.Context, now time.Time) error {
	if _, err := q.ex.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, utc(now)); err != nil {
		return err
	}
	_, err := q.ex.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, utc(now.Add(-24*time.Hour)))
	return err
}

// APIToken is a bearer token for the API; only its hash is stored.
type APIToken struct {
	ID         int64
	PersonID   int64
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// CreateAPIToken stores a token hash.
func (q *Queries) CreateAPIToken(ctx context.Context, t APIToken) (APIToken, error) {
	t.CreatedAt = utc(t.CreatedAt)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO api_tokens (person_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		t.PersonID, t.Name, t.TokenHash, t.CreatedAt).Scan(&t.ID)
	return t, classify(err)
}

func scanToken(row interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	var used, revoked sql.NullTime
	err := row.Scan(&t.ID, &t.PersonID, &t.Name, &t.TokenHash, &t.CreatedAt, &used, &revoked)
	t.LastUsedAt, t.RevokedAt = used.Time, revoked.Time
	return t, classify(err)
}

const tokenCols = `id, person_id, name, token_hash, created_at, last_used_at, revoked_at`

// APITokenByHash finds a token that has not been revoked.
func (q *Queries) APITokenByHash(ctx context.Context, hash string) (APIToken, error) {
	return scanToken(q.ex.QueryRowContext(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, hash))
}

// GetAPIToken reads a token by id.
func (q *Queries) GetAPIToken(ctx context.Context, id int64) (APIToken, error) {
	return scanToken(q.ex.QueryRowContext(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE id = $1`, id))
}

// ListAPITokens lists a person's tokens, newest first.
func (q *Queries) ListAPITokens(ctx context.Context, personID int64) ([]APIToken, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE person_id = $1 ORDER BY id DESC`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// TouchAPIToken records use, at most once a minute per token.
func (q *Queries) TouchAPIToken(ctx context.Context, id int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)`,
		utc(now), id, utc(now.Add(-time.Minute)))
	return err
}

// RevokeAPIToken marks a token revoked.
func (q *Queries) RevokeAPIToken(ctx context.Context, id int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, utc(now), id)
	return err
}

// RecordLoginFailure notes a failed sign-in for an e-mail address.
func (q *Queries) RecordLoginFailure(ctx context.Context, email string, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO login_failures (email, at) VALUES ($1, $2)`, email, utc(now))
	return err
}

// CountLoginFailures counts failures for email since a moment.
func (q *Queries) CountLoginFailures(ctx context.Context, email string, since time.Time) (int, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at > $2`, email, utc(since)).Scan(&n)
	return n, err
}

// ClearLoginFailures forgets failures after a successful sign-in.
func (q *Queries) ClearLoginFailures(ctx context.Context, email string) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM login_failures WHERE email = $1`, email)
	return err
}
