package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"samverkan/internal/org"
)

// PersonFilter narrows a people list.
type PersonFilter struct {
	MemberID   int64 // only people of this member
	CentreOnly bool  // only centre staff
	TeamID     int64 // only members of this team
	Role       org.Role
	Search     string // name or e-mail
	Pending    bool   // only people waiting for verification
	Page
}

const personCols = `p.id, p.name, p.email, p.phone, p.member_id, p.unit_id, p.language, p.active, p.pending, p.created_at, p.updated_at`

func scanPerson(row interface{ Scan(...any) error }) (org.Person, error) {
	var p org.Person
	var member, unit sql.NullInt64
	err := row.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, &member, &unit, &p.Language, &p.Active, &p.Pending, &p.CreatedAt, &p.UpdatedAt)
	p.MemberID, p.UnitID = idOf(member), idOf(unit)
	return p, classify(err)
}

// ListPeople returns people in id order with their grants.
func (q *Queries) ListPeople(ctx context.Context, f PersonFilter) ([]org.Person, error) {
	var w where
	if f.MemberID != 0 {
		w.add("p.member_id = ?", f.MemberID)
	}
	if f.CentreOnly {
		w.add("p.member_id IS NULL")
	}
	if f.TeamID != 0 {
		w.add("EXISTS (SELECT 1 FROM team_members tm WHERE tm.person_id = p.id AND tm.team_id = ?)", f.TeamID)
	}
	if f.Role != "" {
		w.add("EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = ?)", f.Role)
	}
	if f.Pending {
		w.add("p.pending")
	}
	if s := strings.ToLower(strings.TrimSpace(f.Search)); s != "" {
		w.add("(LOWER(p.name) LIKE ? OR p.email LIKE ?)", "%"+s+"%", "%"+s+"%")
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+personCols+` FROM people p`+w.page(f.Page, "p.id"), w.args...)
	if err != nil {
		return nil, err
	}
	var ps []org.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return ps, q.attachGrants(ctx, ps)
}

// attachGrants loads the grants of ps in one query.
func (q *Queries) attachGrants(ctx context.Context, ps []org.Person) error {
	if len(ps) == 0 {
		return nil
	}
	index := make(map[int64]int, len(ps))
	for i, p := range ps {
		index[p.ID] = i
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT person_id, role, level, unit_id FROM person_roles
		WHERE person_id BETWEEN $1 AND $2 ORDER BY id`, ps[0].ID, ps[len(ps)-1].ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g org.Grant
		var unit sql.NullInt64
		if err := rows.Scan(&id, &g.Role, &g.Level, &unit); err != nil {
			return err
		}
		g.UnitID = idOf(unit)
		if i, ok := index[id]; ok {
			ps[i].Grants = append(ps[i].Grants, g)
		}
	}
	return rows.Err()
}

// GetPerson reads one person with grants.
func (q *Queries) GetPerson(ctx context.Context, id int64) (org.Person, error) {
	p, err := scanPerson(q.ex.QueryRowContext(ctx, `SELECT `+personCols+` FROM people p WHERE p.id = $1`, id))
	if err != nil {
		return p, err
	}
	ps := []org.Person{p}
	err = q.attachGrants(ctx, ps)
	return ps[0], err
}

// PersonByEmail reads one person by (lower-case) e-mail, with the password hash.
func (q *Queries) PersonByEmail(ctx context.Context, email string) (org.Person, string, error) {
	var id int64
	var hash string
	err := q.ex.QueryRowContext(ctx, `SELECT id, password_hash FROM people WHERE email = $1`, strings.ToLower(email)).Scan(&id, &hash)
	if err != nil {
		return org.Person{}, "", classify(err)
	}
	p, err := q.GetPerson(ctx, id)
	return p, hash, err
}

// CreatePerson inserts p and its grants.
func (q *Queries) CreatePerson(ctx context.Context, p org.Person, now time.Time) (org.Person, error) {
	p.CreatedAt, p.UpdatedAt = utc(now), utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO people (name, email, phone, member_id, unit_id, language, active, pending, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		p.Name, p.Email, p.Phone, nullID(p.MemberID), nullID(p.UnitID), p.Language, p.Active, p.Pending, p.CreatedAt).Scan(&p.ID)
	if err != nil {
		return p, classify(err)
	}
	return p, q.SetGrants(ctx, p.ID, p.Grants)
}

// UpdatePerson writes p's fields (not grants, not the password).
func (q *Queries) UpdatePerson(ctx context.Context, p org.Person, now time.Time) (org.Person, error) {
	p.UpdatedAt = utc(now)
	_, err := q.ex.ExecContext(ctx, `UPDATE people SET name = $1, email = $2, phone = $3, member_id = $4, unit_id = $5,
		language = $6, active = $7, pending = $8, updated_at = $9 WHERE id = $10`,
		p.Name, p.Email, p.Phone, nullID(p.MemberID), nullID(p.UnitID), p.Language, p.Active, p.Pending, p.UpdatedAt, p.ID)
	return p, classify(err)
}

// SetGrants replaces the grants of a person.
func (q *Queries) SetGrants(ctx context.Context, personID int64, gs []org.Grant) error {
	if _, err := q.ex.ExecContext(ctx, `DELETE FROM person_roles WHERE person_id = $1`, personID); err != nil {
		return err
	}
	for _, g := range gs {
		if _, err := q.ex.ExecContext(ctx, `INSERT INTO person_roles (person_id, role, level, unit_id) VALUES ($1, $2, $3, $4)`,
			personID, g.Role, g.Level, nullID(g.UnitID)); err != nil {
			return classify(err)
		}
	}
	return nil
}

// SetPasswordHash stores a new password hash.
func (q *Queries) SetPasswordHash(ctx context.Context, personID int64, hash string, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE people SET password_hash = $1, updated_at = $2 WHERE id = $3`, hash, utc(now), personID)
	return err
}

// TeamIDsOf lists the teams a person belongs to.
func (q *Queries) TeamIDsOf(ctx context.Context, personID int64) ([]int64, error) {
	return ids(ctx, q, `SELECT team_id FROM team_members WHERE person_id = $1 ORDER BY team_id`, personID)
}

func ids(ctx context.Context, q *Queries, query string, args ...any) ([]int64, error) {
	rows, err := q.ex.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CountPeople counts all people.
func (q *Queries) CountPeople(ctx context.Context) (int, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM people`).Scan(&n)
	return n, err
}

// MemberOfEmailDomain finds the one member whose people use an e-mail
// domain; 0 when none or several do.
func (q *Queries) MemberOfEmailDomain(ctx context.Context, domain string) (int64, error) {
	found, err := ids(ctx, q, `SELECT DISTINCT member_id FROM people WHERE member_id IS NOT NULL AND NOT pending AND email LIKE $1 LIMIT 2`,
		"%@"+strings.ToLower(domain))
	if err != nil || len(found) != 1 {
		return 0, err
	}
	return found[0], nil
}
