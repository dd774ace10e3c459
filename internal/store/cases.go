package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"samverkan/internal/cases"
)

// CaseView is a case with the names the lists and pages show beside it.
type CaseView struct {
	cases.Case
	MemberName     string
	UnitName       string
	RequesterName  string
	RequesterEmail string
	FiledByName    string
	TeamName       string
	AssigneeName   string
	ServiceCode    string
	ServiceName    cases.Names
}

const caseCols = `c.id, c.year, c.seq, c.reference, c.member_id, c.unit_id, c.requester_id, c.filed_by_id, c.channel,
	c.service_id, c.type, c.priority, c.status, c.team_id, c.assignee_id, c.line, c.tags, c.confidential, c.automated,
	c.subject, c.details, c.received_at, c.created_at, c.updated_at, c.first_response_at, c.resolved_at, c.closed_at, c.merged_into`

const caseViewCols = caseCols + `, COALESCE(m.name, ''), COALESCE(u.name, ''), COALESCE(r.name, ''), COALESCE(r.email, ''),
	COALESCE(fb.name, ''), COALESCE(t.name, ''), COALESCE(a.name, ''), COALESCE(s.code, ''),
	COALESCE(s.name_sv, ''), COALESCE(s.name_da, ''), COALESCE(s.name_en, '')`

// caseJoins must follow "FROM cases c": LEFT JOINs keep cases the driving
// table, so an index on cases decides the order.
const caseJoins = ` LEFT JOIN members m ON m.id = c.member_id
	LEFT JOIN units u ON u.id = c.unit_id
	LEFT JOIN people r ON r.id = c.requester_id
	LEFT JOIN people fb ON fb.id = c.filed_by_id
	LEFT JOIN teams t ON t.id = c.team_id
	LEFT JOIN people a ON a.id = c.assignee_id
	LEFT JOIN services s ON s.id = c.service_id`

type scanner interface{ Scan(...any) error }

// caseFields returns scan targets for caseCols and a function that
// finishes the case after Scan.
func caseFields(c *cases.Case) ([]any, func() error) {
	var unit, filedBy, service, team, assignee, merged sql.NullInt64
	var firstResponse, resolved, closed sql.NullTime
	var priority int
	var tags, details string
	fields := []any{&c.ID, &c.Year, &c.Seq, &c.Reference, &c.MemberID, &unit, &c.RequesterID, &filedBy, &c.Channel,
		&service, &c.Type, &priority, &c.Status, &team, &assignee, &c.Line, &tags, &c.Confidential, &c.Automated,
		&c.Subject, &details, &c.ReceivedAt, &c.CreatedAt, &c.UpdatedAt, &firstResponse, &resolved, &closed, &merged}
	return fields, func() error {
		c.UnitID, c.FiledByID, c.ServiceID, c.TeamID, c.AssigneeID, c.MergedInto =
			idOf(unit), idOf(filedBy), idOf(service), idOf(team), idOf(assignee), idOf(merged)
		c.FirstResponseAt, c.ResolvedAt, c.ClosedAt = firstResponse.Time, resolved.Time, closed.Time
		c.Priority = cases.PriorityOfRank(priority)
		c.Tags = strings.Fields(tags)
		c.Details = map[string]string{}
		if details != "" && details != "{}" {
			return json.Unmarshal([]byte(details), &c.Details)
		}
		return nil
	}
}

func scanCase(row scanner) (cases.Case, error) {
	var c cases.Case
	fields, finish := caseFields(&c)
	if err := row.Scan(fields...); err != nil {
		return c, classify(err)
	}
	return c, finish()
}

func scanCaseView(row scanner) (CaseView, error) {
	var v CaseView
	fields, finish := caseFields(&v.Case)
	fields = append(fields, &v.MemberName, &v.UnitName, &v.RequesterName, &v.RequesterEmail, &v.FiledByName,
		&v.TeamName, &v.AssigneeName, &v.ServiceCode, &v.ServiceName.SV, &v.ServiceName.DA, &v.ServiceName.EN)
	if err := row.Scan(fields...); err != nil {
		return v, classify(err)
	}
	return v, finish()
}

// ts is how case instants are stored: UTC to the microsecond, the
// precision both engines keep, so what is read back equals what was written.

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return utc(t)
}

func detailsJSON(d map[string]string) string {
	if len(d) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// NextCaseSeq hands out the next registration number of a year. The
// counter row is locked until the transaction ends, so numbers are unique
// and without gaps.
func (q *Queries) NextCaseSeq(ctx context.Context, year int) (int64, error) {
	// A plain UPDATE of the year's row is the common case; the upsert,
	// which SQLite runs under a statement journal, only starts a year.
	var n int64
	err := q.prepared().QueryRowContext(ctx, `UPDATE case_counters SET last = last + 1 WHERE year = $1 RETURNING last`, year).Scan(&n)
	if !errors.Is(err, sql.ErrNoRows) {
		return n, err
	}
	err = q.ex.QueryRowContext(ctx, `INSERT INTO case_counters (year, last) VALUES ($1, 1)
		ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`, year).Scan(&n)
	return n, err
}

// CreateCase inserts c and returns it with its id.
func (q *Queries) CreateCase(ctx context.Context, c cases.Case) (cases.Case, error) {
	c.ReceivedAt, c.CreatedAt, c.UpdatedAt = utc(c.ReceivedAt), utc(c.CreatedAt), utc(c.UpdatedAt)
	err := q.prepared().QueryRowContext(ctx, `INSERT INTO cases (year, seq, reference, member_id, unit_id, requester_id, filed_by_id,
		channel, service_id, type, priority, status, is_open, team_id, assignee_id, line, tags, confidential, automated,
		subject, details, received_at, created_at, updated_at, first_response_at, resolved_at, closed_at, merged_into)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
		$25, $26, $27, $28) RETURNING id`,
		c.Year, c.Seq, c.Reference, c.MemberID, nullID(c.UnitID), c.RequesterID, nullID(c.FiledByID),
		c.Channel, nullID(c.ServiceID), c.Type, c.Priority.Rank(), c.Status, c.Status.Open(), nullID(c.TeamID), nullID(c.AssigneeID),
		c.Line, strings.Join(c.Tags, " "), c.Confidential, c.Automated, c.Subject, detailsJSON(c.Details),
		c.ReceivedAt, c.CreatedAt, c.UpdatedAt, nullTime(c.FirstResponseAt), nullTime(c.ResolvedAt), nullTime(c.ClosedAt),
		nullID(c.MergedInto)).Scan(&c.ID)
	return c, classify(err)
}

// UpdateCase writes every field of c that may change after it was opened.
func (q *Queries) UpdateCase(ctx context.Context, c cases.Case) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE cases SET unit_id = $1, service_id = $2, type = $3, priority = $4, status = $5,
		is_open = $6, team_id = $7, assignee_id = $8, line = $9, tags = $10, confidential = $11, subject = $12, details = $13,
		updated_at = $14, first_response_at = $15, resolved_at = $16, closed_at = $17, merged_into = $18 WHERE id = $19`,
		nullID(c.UnitID), nullID(c.ServiceID), c.Type, c.Priority.Rank(), c.Status, c.Status.Open(), nullID(c.TeamID),
		nullID(c.AssigneeID), c.Line, strings.Join(c.Tags, " "), c.Confidential, c.Subject, detailsJSON(c.Details),
		utc(c.UpdatedAt), nullTime(c.FirstResponseAt), nullTime(c.ResolvedAt), nullTime(c.ClosedAt), nullID(c.MergedInto), c.ID)
	return classify(err)
}

// GetCase reads one case.
func (q *Queries) GetCase(ctx context.Context, id int64) (cases.Case, error) {
	return scanCase(q.ex.QueryRowContext(ctx, `SELECT `+caseCols+` FROM cases c WHERE c.id = $1`, id))
}

// LockCase reads a case to change it: on PostgreSQL the row stays locked
// until the transaction ends, so two changes never overwrite each other.
// (SQLite write transactions already run one at a time.)
func (q *Queries) LockCase(ctx context.Context, id int64) (cases.Case, error) {
	query := `SELECT ` + caseCols + ` FROM cases c WHERE c.id = $1`
	if q.engine == Postgres {
		query += ` FOR UPDATE`
	}
	return scanCase(q.ex.QueryRowContext(ctx, query, id))
}

// GetCaseView reads one case with its names.
func (q *Queries) GetCaseView(ctx context.Context, id int64) (CaseView, error) {
	return scanCaseView(q.ex.QueryRowContext(ctx, `SELECT `+caseViewCols+` FROM cases c`+caseJoins+` WHERE c.id = $1`, id))
}

// CaseIDByReference finds a case by year and number (the prefix does not
// matter: the number alone is unique).
func (q *Queries) CaseIDByReference(ctx context.Context, ref cases.Reference) (int64, error) {
	var id int64
	err := q.ex.QueryRowContext(ctx, `SELECT id FROM cases WHERE year = $1 AND seq = $2`, ref.Year, ref.Seq).Scan(&id)
	return id, classify(err)
}

// CaseIDByMessageID finds the case of a timeline message with one of the
// given e-mail Message-IDs (In-Reply-To and References of a reply), newest
// message first.
func (q *Queries) CaseIDByMessageID(ctx context.Context, messageIDs []string) (int64, error) {
	if len(messageIDs) == 0 {
		return 0, ErrNotFound
	}
	var w where
	w.add("message_id IN (" + placeholders(&w, messageIDs) + ")")
	var id int64
	err := q.ex.QueryRowContext(ctx, `SELECT case_id FROM case_events WHERE `+strings.Join(w.conds, " AND ")+
		` ORDER BY id DESC LIMIT 1`, w.args...).Scan(&id)
	return id, classify(err)
}

// MergedInto lists the cases merged into id.
func (q *Queries) MergedInto(ctx context.Context, id int64) ([]cases.Case, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+caseCols+` FROM cases c WHERE c.merged_into = $1 ORDER BY c.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ResolvedBefore lists up to limit ids of cases resolved before t.
func (q *Queries) ResolvedBefore(ctx context.Context, t time.Time, limit int) ([]int64, error) {
	return ids(ctx, q, `SELECT id FROM cases WHERE status = 'resolved' AND resolved_at < $1 ORDER BY resolved_at LIMIT `+itoa(limit), utc(t))
}

// CountCases counts all cases.
func (q *Queries) CountCases(ctx context.Context) (int, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases`).Scan(&n)
	return n, err
}

// placeholders appends values to w's arguments and returns "$i, $j, …".
func placeholders[T any](w *where, values []T) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		w.args = append(w.args, v)
		b.WriteString("$" + itoa(len(w.args)))
	}
	return b.String()
}

// Savepoint starts a nested step of the transaction that can be undone
// on its own with RollbackTo (both engines speak SAVEPOINT).
func (q *Queries) Savepoint(ctx context.Context, name string) error {
	_, err := q.ex.ExecContext(ctx, `SAVEPOINT `+name)
	return err
}

// RollbackTo undoes everything since the savepoint and ends it.
func (q *Queries) RollbackTo(ctx context.Context, name string) error {
	if _, err := q.ex.ExecContext(ctx, `ROLLBACK TO SAVEPOINT `+name); err != nil {
		return err
	}
	return q.Release(ctx, name)
}

// Release keeps what was done since the savepoint and ends it.
func (q *Queries) Release(ctx context.Context, name string) error {
	_, err := q.ex.ExecContext(ctx, `RELEASE SAVEPOINT `+name)
	return err
}
