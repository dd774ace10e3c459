package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"samverkan/internal/sla"
)

const policyCols = `id, position, name, member_id, service_id, case_type, priority, channel,
	first_response_amount, first_response_unit, next_response_amount, next_response_unit,
	resolution_amount, resolution_unit, member_input_amount, member_input_unit, warn_percent, pause_on, payrun_input_days`

func scanPolicy(row interface{ Scan(...any) error }) (sla.Policy, error) {
	var p sla.Policy
	var member, service sql.NullInt64
	var pause string
	err := row.Scan(&p.ID, &p.Position, &p.Name, &member, &service, &p.CaseType, &p.Priority, &p.Channel,
		&p.FirstResponse.Amount, &p.FirstResponse.Unit, &p.NextResponse.Amount, &p.NextResponse.Unit,
		&p.Resolution.Amount, &p.Resolution.Unit, &p.MemberInput.Amount, &p.MemberInput.Unit, &p.WarnPercent, &pause, &p.PayrunInputDays)
	p.MemberID, p.ServiceID = idOf(member), idOf(service)
	if pause != "" {
		p.PauseOn = strings.Split(pause, ",")
	}
	return p, classify(err)
}

// ListSLAPolicies returns every policy in evaluation order.
func (q *Queries) ListSLAPolicies(ctx context.Context) ([]sla.Policy, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+policyCols+` FROM sla_policies ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []sla.Policy
	for rows.Next() {
		p, err := scanPolicy(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// GetSLAPolicy reads one policy.
func (q *Queries) GetSLAPolicy(ctx context.Context, id int64) (sla.Policy, error) {
	return scanPolicy(q.ex.QueryRowContext(ctx, `SELECT `+policyCols+` FROM sla_policies WHERE id = $1`, id))
}

func policyArgs(p sla.Policy) []any {
	return []any{p.Position, p.Name, nullID(p.MemberID), nullID(p.ServiceID), p.CaseType, p.Priority, p.Channel,
		p.FirstResponse.Amount, p.FirstResponse.Unit, p.NextResponse.Amount, p.NextResponse.Unit,
		p.Resolution.Amount, p.Resolution.Unit, p.MemberInput.Amount, p.MemberInput.Unit, p.WarnPercent, strings.Join(p.PauseOn, ","), p.PayrunInputDays}
}

// CreateSLAPolicy inserts p.
func (q *Queries) CreateSLAPolicy(ctx context.Context, p sla.Policy, now time.Time) (sla.Policy, error) {
	args := append(policyArgs(p), utc(now))
	err := q.ex.QueryRowContext(ctx, `INSERT INTO sla_policies (position, name, member_id, service_id, case_type, priority, channel,
		first_response_amount, first_response_unit, next_response_amount, next_response_unit, resolution_amount, resolution_unit,
		member_input_amount, member_input_unit, warn_percent, pause_on, payrun_input_days, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`, args...).Scan(&p.ID)
	return p, classify(err)
}

// UpdateSLAPolicy writes every field of p.
func (q *Queries) UpdateSLAPolicy(ctx context.Context, p sla.Policy, now time.Time) error {
	args := append(policyArgs(p), utc(now), p.ID)
	_, err := q.ex.ExecContext(ctx, `UPDATE sla_policies SET position = $1, name = $2, member_id = $3, service_id = $4, case_type = $5,
		priority = $6, channel = $7, first_response_amount = $8, first_response_unit = $9, next_response_amount = $10,
		next_response_unit = $11, resolution_amount = $12, resolution_unit = $13, member_input_amount = $14, member_input_unit = $15,
		warn_percent = $16, pause_on = $17, payrun_input_days = $18, updated_at = $19 WHERE id = $20`, args...)
	return classify(err)
}

// DeleteSLAPolicy removes a policy.
func (q *Queries) DeleteSLAPolicy(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM sla_policies WHERE id = $1`, id)
	return err
}
