package store

import (
	"context"
	"database/sql"
	"time"
)

// ClosedDay is a closed day or half day of the centre (MemberID 0) or of
// one member. Open and Close are "HH:MM", both empty for closed all day.
type ClosedDay struct {
	ID        int64
	MemberID  int64
	Day       time.Time
	Name      string
	Open      string
	Close     string
	CreatedAt time.Time
}

// ListClosedDays lists the closed days of the centre (memberID 0) or a
// member between from and to inclusive (zero: no bound), in date order.
func (q *Queries) ListClosedDays(ctx context.Context, memberID int64, from, to time.Time) ([]ClosedDay, error) {
	var w where
	if memberID == 0 {
		w.add("member_id IS NULL")
	} else {
		w.add("member_id = ?", memberID)
	}
	if !from.IsZero() {
		w.add("day >= ?", dateOnly(from))
	}
	if !to.IsZero() {
		w.add("day <= ?", dateOnly(to))
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT id, member_id, day, name, open_at, close_at, created_at FROM closed_days`+
		w.page(Page{}, "day"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClosedDay
	for rows.Next() {
		var d ClosedDay
		var member sql.NullInt64
		if err := rows.Scan(&d.ID, &member, &d.Day, &d.Name, &d.Open, &d.Close, &d.CreatedAt); err != nil {
			return nil, err
		}
		d.MemberID = idOf(member)
		out = append(out, d)
	}
	return out, rows.Err()
}

// GetClosedDay reads one closed day.
func (q *Queries) GetClosedDay(ctx context.Context, id int64) (ClosedDay, error) {
	var d ClosedDay
	var member sql.NullInt64
	err := q.ex.QueryRowContext(ctx, `SELECT id, member_id, day, name, open_at, close_at, created_at FROM closed_days WHERE id = $1`, id).
		Scan(&d.ID, &member, &d.Day, &d.Name, &d.Open, &d.Close, &d.CreatedAt)
	d.MemberID = idOf(member)
	return d, classify(err)
}

// CreateClosedDay adds a closed day; a second one on the same date for the
// same owner is ErrDuplicate.
func (q *Queries) CreateClosedDay(ctx context.Context, d ClosedDay, now time.Time) (ClosedDay, error) {
	d.CreatedAt = utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO closed_days (member_id, day, name, open_at, close_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		nullID(d.MemberID), dateOnly(d.Day), d.Name, d.Open, d.Close, d.CreatedAt).Scan(&d.ID)
	return d, classify(err)
}

// DeleteClosedDay removes a closed day.
func (q *Queries) DeleteClosedDay(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM closed_days WHERE id = $1`, id)
	return err
}

// WeekHours are office hours by weekday (0 Sunday); empty strings: closed.
type WeekHours [7]struct{ Open, Close string }

// OfficeHours reads the configured office hours of the centre (memberID 0)
// or a member; ok is false when none are configured.
func (q *Queries) OfficeHours(ctx context.Context, memberID int64) (w WeekHours, ok bool, err error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT weekday, open_at, close_at FROM office_hours WHERE member_id = $1`, memberID)
	if err != nil {
		return w, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var wd int
		var open, close string
		if err := rows.Scan(&wd, &open, &close); err != nil {
			return w, false, err
		}
		if wd >= 0 && wd < 7 {
			w[wd].Open, w[wd].Close, ok = open, close, true
		}
	}
	return w, ok, rows.Err()
}

// SetOfficeHours replaces the office hours of the centre or a member; nil
// removes a member's override.
func (q *Queries) SetOfficeHours(ctx context.Context, memberID int64, w *WeekHours) error {
	if _, err := q.ex.ExecContext(ctx, `DELETE FROM office_hours WHERE member_id = $1`, memberID); err != nil {
		return err
	}
	if w == nil {
		return nil
	}
	for wd, h := range w {
		if _, err := q.ex.ExecContext(ctx, `INSERT INTO office_hours (member_id, weekday, open_at, close_at) VALUES ($1, $2, $3, $4)`,
			memberID, wd, h.Open, h.Close); err != nil {
			return err
		}
	}
	return nil
}
