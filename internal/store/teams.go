package store

import (
	"context"
	"time"

	"samverkan/internal/org"
)

func scanTeam(row interface{ Scan(...any) error }) (org.Team, error) {
	var t org.Team
	err := row.Scan(&t.ID, &t.Name, &t.Description, &t.CreatedAt)
	return t, classify(err)
}

// ListTeams returns teams in id order.
func (q *Queries) ListTeams(ctx context.Context, p Page) ([]org.Team, error) {
	var w where
	rows, err := q.ex.QueryContext(ctx, `SELECT id, name, description, created_at FROM teams`+w.page(p, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []org.Team
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// GetTeam reads one team.
func (q *Queries) GetTeam(ctx context.Context, id int64) (org.Team, error) {
	return scanTeam(q.ex.QueryRowContext(ctx, `SELECT id, name, description, created_at FROM teams WHERE id = $1`, id))
}

// CreateTeam inserts t.
func (q *Queries) CreateTeam(ctx context.Context, t org.Team, now time.Time) (org.Team, error) {
	t.CreatedAt = utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO teams (name, description, created_at) VALUES ($1, $2, $3) RETURNING id`,
		t.Name, t.Description, t.CreatedAt).Scan(&t.ID)
	return t, classify(err)
}

// UpdateTeam writes name and description.
func (q *Queries) UpdateTeam(ctx context.Context, t org.Team) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE teams SET name = $1, description = $2 WHERE id = $3`, t.Name, t.Description, t.ID)
	return classify(err)
}

// AddTeamMember puts a person in a team; adding twice is harmless.
func (q *Queries) AddTeamMember(ctx context.Context, teamID, personID int64) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO team_members (team_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, teamID, personID)
	return classify(err)
}

// RemoveTeamMember takes a person out of a team.
func (q *Queries) RemoveTeamMember(ctx context.Context, teamID, personID int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM team_members WHERE team_id = $1 AND person_id = $2`, teamID, personID)
	return err
}

// TeamUnitIDs lists the member units a team serves.
func (q *Queries) TeamUnitIDs(ctx context.Context, teamID int64) ([]int64, error) {
	return ids(ctx, q, `SELECT unit_id FROM team_units WHERE team_id = $1 ORDER BY unit_id`, teamID)
}

// SetTeamUnits replaces the member units a team serves.
func (q *Queries) SetTeamUnits(ctx context.Context, teamID int64, unitIDs []int64) error {
	if _, err := q.ex.ExecContext(ctx, `DELETE FROM team_units WHERE team_id = $1`, teamID); err != nil {
		return err
	}
	for _, u := range unitIDs {
		if _, err := q.ex.ExecContext(ctx, `INSERT INTO team_units (team_id, unit_id) VALUES ($1, $2)`, teamID, u); err != nil {
			return classify(err)
		}
	}
	return nil
}
