package store

import (
	"context"
	"database/sql"
	"time"

	"samverkan/internal/cases"
)

const ruleCols = `id, position, name, member_id, unit_id, service_id, type, team_id, created_at, updated_at`

func scanRule(row scanner) (cases.Rule, error) {
	var r cases.Rule
	var member, unit, service sql.NullInt64
	err := row.Scan(&r.ID, &r.Position, &r.Name, &member, &unit, &service, &r.Type, &r.TeamID, &r.CreatedAt, &r.UpdatedAt)
	r.MemberID, r.UnitID, r.ServiceID = idOf(member), idOf(unit), idOf(service)
	return r, classify(err)
}

// RoutingRules lists the routing rules in the order they are tried.
func (q *Queries) RoutingRules(ctx context.Context) ([]cases.Rule, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+ruleCols+` FROM routing_rules ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []cases.Rule
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// GetRoutingRule reads one rule.
func (q *Queries) GetRoutingRule(ctx context.Context, id int64) (cases.Rule, error) {
	return scanRule(q.ex.QueryRowContext(ctx, `SELECT `+ruleCols+` FROM routing_rules WHERE id = $1`, id))
}

// CreateRoutingRule adds a rule after the last one.
func (q *Queries) CreateRoutingRule(ctx context.Context, r cases.Rule, now time.Time) (cases.Rule, error) {
	r.CreatedAt, r.UpdatedAt = utc(now), utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO routing_rules (position, name, member_id, unit_id, service_id, type, team_id, created_at, updated_at)
		VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM routing_rules), $1, $2, $3, $4, $5, $6, $7, $7) RETURNING id, position`,
		r.Name, nullID(r.MemberID), nullID(r.UnitID), nullID(r.ServiceID), r.Type, r.TeamID, r.CreatedAt).Scan(&r.ID, &r.Position)
	return r, classify(err)
}

// UpdateRoutingRule writes a rule's conditions and team (not its position).
func (q *Queries) UpdateRoutingRule(ctx context.Context, r cases.Rule, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE routing_rules SET name = $1, member_id = $2, unit_id = $3, service_id = $4, type = $5,
		team_id = $6, updated_at = $7 WHERE id = $8`,
		r.Name, nullID(r.MemberID), nullID(r.UnitID), nullID(r.ServiceID), r.Type, r.TeamID, utc(now), r.ID)
	return classify(err)
}

// DeleteRoutingRule removes a rule.
func (q *Queries) DeleteRoutingRule(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM routing_rules WHERE id = $1`, id)
	return err
}

// SetRulePosition moves a rule.
func (q *Queries) SetRulePosition(ctx context.Context, id int64, position int) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE routing_rules SET position = $1 WHERE id = $2`, position, id)
	return err
}

const serviceCols = `s.id, s.code, a.code, a.name_sv, a.name_da, a.name_en, s.name_sv, s.name_da, s.name_en, s.active`

func scanService(row scanner) (cases.Service, error) {
	var s cases.Service
	err := row.Scan(&s.ID, &s.Code, &s.AreaCode, &s.Area.SV, &s.Area.DA, &s.Area.EN, &s.Name.SV, &s.Name.DA, &s.Name.EN, &s.Active)
	return s, classify(err)
}

// Services lists the services by area and position.
func (q *Queries) Services(ctx context.Context) ([]cases.Service, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+serviceCols+` FROM services s JOIN service_areas a ON a.id = s.area_id
		ORDER BY a.position, s.position, s.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ss []cases.Service
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, err
		}
		ss = append(ss, s)
	}
	return ss, rows.Err()
}

// GetService reads one service.
func (q *Queries) GetService(ctx context.Context, id int64) (cases.Service, error) {
	return scanService(q.ex.QueryRowContext(ctx, `SELECT `+serviceCols+` FROM services s JOIN service_areas a ON a.id = s.area_id
		WHERE s.id = $1`, id))
}

// UnitPath lists a unit and its ancestors, nearest first, and the member
// the unit belongs to; ErrNotFound if there is no such unit.
func (q *Queries) UnitPath(ctx context.Context, unitID int64) ([]int64, int64, error) {
	rows, err := q.ex.QueryContext(ctx, `WITH RECURSIVE up (id, parent_id, member_id, depth) AS (
			SELECT id, parent_id, member_id, 0 FROM units WHERE id = $1
			UNION ALL
			SELECT u.id, u.parent_id, u.member_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64
		) SELECT id, member_id FROM up ORDER BY depth`, unitID)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var path []int64
	var member int64
	for rows.Next() {
		var id, m int64
		if err := rows.Scan(&id, &m); err != nil {
			return nil, 0, err
		}
		if len(path) == 0 {
			member = m
		}
		path = append(path, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(path) == 0 {
		return nil, 0, ErrNotFound
	}
	return path, member, nil
}

// Subunits lists the units below the given ones, the given ones included.
func (q *Queries) Subunits(ctx context.Context, unitIDs []int64) ([]int64, error) {
	if len(unitIDs) == 0 {
		return nil, nil
	}
	var w where
	in := placeholders(&w, unitIDs)
	return ids(ctx, q, `WITH RECURSIVE down (id) AS (
			SELECT id FROM units WHERE id IN (`+in+`)
			UNION
			SELECT u.id FROM units u JOIN down ON u.parent_id = down.id
		) SELECT id FROM down ORDER BY id`, w.args...)
}

// UnitOwners maps each of the units to the teams that serve it.
func (q *Queries) UnitOwners(ctx context.Context, unitIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(unitIDs) == 0 {
		return out, nil
	}
	var w where
	in := placeholders(&w, unitIDs)
	rows, err := q.ex.QueryContext(ctx, `SELECT unit_id, team_id FROM team_units WHERE unit_id IN (`+in+`) ORDER BY team_id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u, t int64
		if err := rows.Scan(&u, &t); err != nil {
			return nil, err
		}
		out[u] = append(out[u], t)
	}
	return out, rows.Err()
}

// TeamByName finds a team's id by its exact name.
func (q *Queries) TeamByName(ctx context.Context, name string) (int64, error) {
	var id int64
	err := q.ex.QueryRowContext(ctx, `SELECT id FROM teams WHERE name = $1`, name).Scan(&id)
	return id, classify(err)
}

// IsTeamMember reports whether a person belongs to a team.
func (q *Queries) IsTeamMember(ctx context.Context, teamID, personID int64) (bool, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM team_members WHERE team_id = $1 AND person_id = $2`, teamID, personID).Scan(&n)
	return n > 0, err
}

// Settings reads several keys of the settings table at once; absent keys
// are missing from the map.
func (q *Queries) Settings(ctx context.Context, keys ...string) (map[string]string, error) {
	out := map[string]string{}
	if len(keys) == 0 {
		return out, nil
	}
	var w where
	in := placeholders(&w, keys)
	rows, err := q.ex.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN (`+in+`)`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// PersonRef is the little routing and scoping need to know of a person.
type PersonRef struct {
	ID       int64
	Name     string
	Email    string
	MemberID int64 // 0 for centre staff
	UnitID   int64
	Active   bool
}

const personRefCols = `id, name, email, member_id, unit_id, active`

func scanPersonRef(row scanner) (PersonRef, error) {
	var p PersonRef
	var member, unit sql.NullInt64
	err := row.Scan(&p.ID, &p.Name, &p.Email, &member, &unit, &p.Active)
	p.MemberID, p.UnitID = idOf(member), idOf(unit)
	return p, classify(err)
}

// GetPersonRef reads a person's name, e-mail address and place.
func (q *Queries) GetPersonRef(ctx context.Context, id int64) (PersonRef, error) {
	return scanPersonRef(q.prepared().QueryRowContext(ctx, `SELECT `+personRefCols+` FROM people WHERE id = $1`, id))
}

// PersonRefByEmail finds a person by (lower-case) e-mail address.
func (q *Queries) PersonRefByEmail(ctx context.Context, email string) (PersonRef, error) {
	return scanPersonRef(q.prepared().QueryRowContext(ctx, `SELECT `+personRefCols+` FROM people WHERE email = $1`, email))
}

// UnitTreeNode is a unit's place: its parent (0 for a root) and member.
type UnitTreeNode struct{ Parent, Member int64 }

// UnitTree maps every unit to its parent and member.
func (q *Queries) UnitTree(ctx context.Context) (map[int64]UnitTreeNode, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT id, parent_id, member_id FROM units`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]UnitTreeNode{}
	for rows.Next() {
		var id, member int64
		var parent sql.NullInt64
		if err := rows.Scan(&id, &parent, &member); err != nil {
			return nil, err
		}
		out[id] = UnitTreeNode{Parent: idOf(parent), Member: member}
	}
	return out, rows.Err()
}
