package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/org"
)

// Page asks for at most Limit rows after the row with id After.
type Page struct {
	After int64
	Limit int
}

// where builds a WHERE clause of ANDed conditions with $N placeholders.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) page(p Page, col string) string {
	if p.After > 0 {
		w.add(col+" > ?", p.After)
	}
	s := ""
	if len(w.conds) > 0 {
		s = " WHERE " + strings.Join(w.conds, " AND ")
	}
	s += " ORDER BY " + col
	if p.Limit > 0 {
		s += " LIMIT " + strconv.Itoa(p.Limit)
	}
	return s
}

// MemberFilter narrows a member list. OnlyID scopes it to one member.
type MemberFilter struct {
	OnlyID int64
	Search string
	Status org.MemberStatus
	Kind   org.MemberKind
	Page
}

const memberCols = `id, name, org_number, kind, country, status, parent_id, created_at, updated_at`

func scanMember(row interface{ Scan(...any) error }) (org.Member, error) {
	var m org.Member
	var parent sql.NullInt64
	err := row.Scan(&m.ID, &m.Name, &m.OrgNumber, &m.Kind, &m.Country, &m.Status, &parent, &m.CreatedAt, &m.UpdatedAt)
	m.ParentID = idOf(parent)
	return m, classify(err)
}

// ListMembers returns members in id order.
func (q *Queries) ListMembers(ctx context.Context, f MemberFilter) ([]org.Member, error) {
	var w where
	if f.OnlyID != 0 {
		w.add("id = ?", f.OnlyID)
	}
	if f.Search != "" {
		w.add("(LOWER(name) LIKE ? OR org_number LIKE ?)", "%"+strings.ToLower(f.Search)+"%", "%"+f.Search+"%")
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+memberCols+` FROM members`+w.page(f.Page, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []org.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// GetMember reads one member.
func (q *Queries) GetMember(ctx context.Context, id int64) (org.Member, error) {
	return scanMember(q.ex.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members WHERE id = $1`, id))
}

// CreateMember inserts m and returns it with id and timestamps.
func (q *Queries) CreateMember(ctx context.Context, m org.Member, now time.Time) (org.Member, error) {
	m.CreatedAt, m.UpdatedAt = utc(now), utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO members (name, org_number, kind, country, status, parent_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		m.Name, m.OrgNumber, m.Kind, m.Country, m.Status, nullID(m.ParentID), m.CreatedAt).Scan(&m.ID)
	return m, classify(err)
}

// UpdateMember writes every field of m.
func (q *Queries) UpdateMember(ctx context.Context, m org.Member, now time.Time) (org.Member, error) {
	m.UpdatedAt = utc(now)
	_, err := q.ex.ExecContext(ctx, `UPDATE members SET name = $1, org_number = $2, kind = $3, country = $4, status = $5,
		parent_id = $6, updated_at = $7 WHERE id = $8`,
		m.Name, m.OrgNumber, m.Kind, m.Country, m.Status, nullID(m.ParentID), m.UpdatedAt, m.ID)
	return m, classify(err)
}

// MemberParents maps every member to its parent (0 for none).
func (q *Queries) MemberParents(ctx context.Context) (map[int64]int64, error) {
	return parentMap(ctx, q, `SELECT id, parent_id FROM members`)
}

func parentMap(ctx context.Context, q *Queries, query string, args ...any) (map[int64]int64, error) {
	rows, err := q.ex.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]int64{}
	for rows.Next() {
		var id int64
		var parent sql.NullInt64
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, err
		}
		m[id] = idOf(parent)
	}
	return m, rows.Err()
}

// CountMembers counts all members.
func (q *Queries) CountMembers(ctx context.Context) (int, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM members`).Scan(&n)
	return n, err
}
