package store

import (
	"context"
	"time"

	"samverkan/internal/org"
)

const substituteCols = `id, person_id, for_person_id, starts_on, ends_on, scope, created_at`

// SubstituteFilter narrows a substitute list. PersonID matches either side.
type SubstituteFilter struct {
	PersonID int64
	MemberID int64 // substitutions whose principal belongs to this member
	Page
}

// ListSubstitutes returns substitutions in id order.
func (q *Queries) ListSubstitutes(ctx context.Context, f SubstituteFilter) ([]org.Substitute, error) {
	var w where
	if f.PersonID != 0 {
		w.add("(person_id = ? OR for_person_id = ?)", f.PersonID, f.PersonID)
	}
	if f.MemberID != 0 {
		w.add("for_person_id IN (SELECT id FROM people WHERE member_id = ?)", f.MemberID)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+substituteCols+` FROM substitutes`+w.page(f.Page, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ss []org.Substitute
	for rows.Next() {
		var s org.Substitute
		if err := rows.Scan(&s.ID, &s.PersonID, &s.ForPersonID, &s.StartsOn, &s.EndsOn, &s.Scope, &s.CreatedAt); err != nil {
			return nil, err
		}
		ss = append(ss, s)
	}
	return ss, rows.Err()
}

// GetSubstitute reads one substitution.
func (q *Queries) GetSubstitute(ctx context.Context, id int64) (org.Substitute, error) {
	var s org.Substitute
	err := q.ex.QueryRowContext(ctx, `SELECT `+substituteCols+` FROM substitutes WHERE id = $1`, id).
		Scan(&s.ID, &s.PersonID, &s.ForPersonID, &s.StartsOn, &s.EndsOn, &s.Scope, &s.CreatedAt)
	return s, classify(err)
}

// CreateSubstitute inserts s.
func (q *Queries) CreateSubstitute(ctx context.Context, s org.Substitute, now time.Time) (org.Substitute, error) {
	s.CreatedAt = utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO substitutes (person_id, for_person_id, starts_on, ends_on, scope, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		s.PersonID, s.ForPersonID, dateOnly(s.StartsOn), dateOnly(s.EndsOn), s.Scope, s.CreatedAt).Scan(&s.ID)
	return s, classify(err)
}

// DeleteSubstitute ends a substitution early by removing it.
func (q *Queries) DeleteSubstitute(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM substitutes WHERE id = $1`, id)
	return err
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
