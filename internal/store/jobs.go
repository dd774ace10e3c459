package store

import (
	"context"
	"database/sql"
	"time"
)

// Job is a unit of background work.
type Job struct {
	ID          int64
	Kind        string
	Payload     string // JSON
	State       string
	RunAt       time.Time
	Attempts    int
	MaxAttempts int
	LastError   string
	UniqueKey   string
	CreatedAt   time.Time
}

// EnqueueJob adds a job. With a UniqueKey, a second job with the same key is
// silently not added (inserted reports which happened).
func (q *Queries) EnqueueJob(ctx context.Context, j Job, now time.Time) (inserted bool, err error) {
	if j.RunAt.IsZero() {
		j.RunAt = now
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = 8
	}
	if j.Payload == "" {
		j.Payload = "{}"
	}
	var unique any
	if j.UniqueKey != "" {
		unique = j.UniqueKey
	}
	res, err := q.prepared().ExecContext(ctx, `INSERT INTO jobs (kind, payload, run_at, max_attempts, unique_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
		j.Kind, j.Payload, utc(j.RunAt), j.MaxAttempts, unique, utc(now))
	if err != nil {
		return false, classify(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ClaimJob takes the oldest due job of one of kinds for worker until the
// lease ends. It returns ErrNotFound when nothing is due. PostgreSQL skips
// rows other workers hold; SQLite has one writer at a time, so the single
// UPDATE is atomic there.
func (q *Queries) ClaimJob(ctx context.Context, worker string, kinds []string, now, leaseUntil time.Time) (Job, error) {
	var w where
	w.add("state = 'pending'")
	w.add("run_at <= ?", utc(now))
	w.add("(locked_until IS NULL OR locked_until < ?)", utc(now))
	inKinds := "kind IN ("
	for i, k := range kinds {
		if i > 0 {
			inKinds += ", "
		}
		w.args = append(w.args, k)
		inKinds += "$" + itoa(len(w.args))
	}
	w.conds = append(w.conds, inKinds+")")
	sub := `SELECT id FROM jobs WHERE ` + joinAnd(w.conds) + ` ORDER BY run_at, id LIMIT 1`
	if q.engine == Postgres {
		sub += ` FOR UPDATE SKIP LOCKED`
	}
	n := len(w.args)
	args := append(w.args, worker, utc(leaseUntil))
	var j Job
	var unique sql.NullString
	err := q.ex.QueryRowContext(ctx, `UPDATE jobs SET locked_by = $`+itoa(n+1)+`, locked_until = $`+itoa(n+2)+`, attempts = attempts + 1
		WHERE id = (`+sub+`)
		RETURNING id, kind, payload, state, run_at, attempts, max_attempts, last_error, unique_key, created_at`, args...).
		Scan(&j.ID, &j.Kind, &j.Payload, &j.State, &j.RunAt, &j.Attempts, &j.MaxAttempts, &j.LastError, &unique, &j.CreatedAt)
	j.UniqueKey = unique.String
	return j, classify(err)
}

// FinishJob marks a claimed job done.
func (q *Queries) FinishJob(ctx context.Context, id int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE jobs SET state = 'done', locked_until = NULL, finished_at = $1, last_error = '' WHERE id = $2`, utc(now), id)
	return err
}

// RetryJob records a failure: the job runs again at next, or fails for
// good when it has used its attempts.
func (q *Queries) RetryJob(ctx context.Context, id int64, errText string, next, now time.Time) error {
	if _, err := q.ex.ExecContext(ctx, `UPDATE jobs SET last_error = $1, locked_until = NULL, run_at = $2 WHERE id = $3`,
		errText, utc(next), id); err != nil {
		return err
	}
	_, err := q.ex.ExecContext(ctx, `UPDATE jobs SET state = 'failed', finished_at = $1 WHERE id = $2 AND attempts >= max_attempts`, utc(now), id)
	return err
}

// GetJob reads a job.
func (q *Queries) GetJob(ctx context.Context, id int64) (Job, error) {
	var j Job
	var unique sql.NullString
	err := q.ex.QueryRowContext(ctx, `SELECT id, kind, payload, state, run_at, attempts, max_attempts, last_error, unique_key, created_at
		FROM jobs WHERE id = $1`, id).
		Scan(&j.ID, &j.Kind, &j.Payload, &j.State, &j.RunAt, &j.Attempts, &j.MaxAttempts, &j.LastError, &unique, &j.CreatedAt)
	j.UniqueKey = unique.String
	return j, classify(err)
}

// CountJobs counts jobs of a kind in a state ("" for any).
func (q *Queries) CountJobs(ctx context.Context, kind, state string) (int, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND ($2 = '' OR state = $2)`, kind, state).Scan(&n)
	return n, err
}

// PruneJobs removes finished jobs older than before.
func (q *Queries) PruneJobs(ctx context.Context, before time.Time) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM jobs WHERE state = 'done' AND finished_at < $1`, utc(before))
	return err
}

func joinAnd(conds []string) string {
	s := ""
	for i, c := range conds {
		if i > 0 {
			s += " AND "
		}
		s += c
	}
	return s
}
