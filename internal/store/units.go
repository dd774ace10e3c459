package store

import (
	"context"
	"database/sql"
	"time"

	"samverkan/internal/org"
)

// UnitFilter narrows a unit list; MemberID 0 means every member.
type UnitFilter struct {
	MemberID int64
	Page
}

const unitCols = `id, member_id, parent_id, name, cost_centre, created_at, updated_at`

func scanUnit(row interface{ Scan(...any) error }) (org.Unit, error) {
	var u org.Unit
	var parent sql.NullInt64
	err := row.Scan(&u.ID, &u.MemberID, &parent, &u.Name, &u.CostCentre, &u.CreatedAt, &u.UpdatedAt)
	u.ParentID = idOf(parent)
	return u, classify(err)
}

// ListUnits returns units in id order.
func (q *Queries) ListUnits(ctx context.Context, f UnitFilter) ([]org.Unit, error) {
	var w where
	if f.MemberID != 0 {
		w.add("member_id = ?", f.MemberID)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+unitCols+` FROM units`+w.page(f.Page, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var us []org.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}

// GetUnit reads one unit.
func (q *Queries) GetUnit(ctx context.Context, id int64) (org.Unit, error) {
	return scanUnit(q.ex.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units WHERE id = $1`, id))
}

// CreateUnit inserts u.
func (q *Queries) CreateUnit(ctx context.Context, u org.Unit, now time.Time) (org.Unit, error) {
	u.CreatedAt, u.UpdatedAt = utc(now), utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO units (member_id, parent_id, name, cost_centre, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
		u.MemberID, nullID(u.ParentID), u.Name, u.CostCentre, u.CreatedAt).Scan(&u.ID)
	return u, classify(err)
}

// UpdateUnit writes name, parent and cost centre of u.
func (q *Queries) UpdateUnit(ctx context.Context, u org.Unit, now time.Time) (org.Unit, error) {
	u.UpdatedAt = utc(now)
	_, err := q.ex.ExecContext(ctx, `UPDATE units SET parent_id = $1, name = $2, cost_centre = $3, updated_at = $4 WHERE id = $5`,
		nullID(u.ParentID), u.Name, u.CostCentre, u.UpdatedAt, u.ID)
	return u, classify(err)
}

// UnitParents maps every unit of a member to its parent.
func (q *Queries) UnitParents(ctx context.Context, memberID int64) (map[int64]int64, error) {
	return parentMap(ctx, q, `SELECT id, parent_id FROM units WHERE member_id = $1`, memberID)
}
