package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"
)

// Step is one step of the escalation ladder: an escalation with where it
// came from, where it landed and what closed it. A step without a subject
// of its own (the SLA job records none) takes its case's.
type Step struct {
	Escalation
	ParentID      int64 // the step below, 0 for the first
	MeetingID     int64 // the meeting it lands on, 0 until one is planned
	DecisionID    int64
	Subject       string
	CreatedByName string
}

const stepCols = `e.id, e.member_id, e.source, e.source_id, e.level, e.reason, e.status, e.created_by, e.created_at, e.decided_at,
	e.decision, e.parent_id, e.meeting_id, e.decision_id,
	COALESCE(NULLIF(e.subject, ''), (SELECT c.reference || ': ' || c.subject FROM cases c
		WHERE c.id = e.source_id AND e.source IN ('sla_breach', 'case')), ''), COALESCE(p.name, '')`

const stepFrom = ` FROM escalations e LEFT JOIN people p ON p.id = e.created_by`

func scanStep(row scanner) (Step, error) {
	var s Step
	var by, parent, meeting, decision sql.NullInt64
	var decided sql.NullTime
	err := row.Scan(&s.ID, &s.MemberID, &s.Source, &s.SourceID, &s.Level, &s.Reason, &s.Status, &by, &s.CreatedAt, &decided,
		&s.Decision, &parent, &meeting, &decision, &s.Subject, &s.CreatedByName)
	s.CreatedBy, s.DecidedAt = idOf(by), decided.Time
	s.ParentID, s.MeetingID, s.DecisionID = idOf(parent), idOf(meeting), idOf(decision)
	return s, classify(err)
}

func (q *Queries) steps(ctx context.Context, query string, args ...any) ([]Step, error) {
	rows, err := q.ex.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Step
	for rows.Next() {
		s, err := scanStep(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CreateStep inserts a step of the ladder; a second step of one source on
// one level is ErrDuplicate.
func (q *Queries) CreateStep(ctx context.Context, s Step) (Step, error) {
	s.CreatedAt, s.Status = utc(s.CreatedAt), "open"
	err := q.ex.QueryRowContext(ctx, `INSERT INTO escalations (member_id, source, source_id, level, reason, status, created_by, created_at,
		parent_id, meeting_id, subject) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10) RETURNING id`,
		s.MemberID, s.Source, s.SourceID, s.Level, s.Reason, nullID(s.CreatedBy), s.CreatedAt, nullID(s.ParentID), nullID(s.MeetingID),
		s.Subject).Scan(&s.ID)
	return s, classify(err)
}

// GetStep reads one step.
func (q *Queries) GetStep(ctx context.Context, id int64) (Step, error) {
	return scanStep(q.ex.QueryRowContext(ctx, `SELECT `+stepCols+stepFrom+` WHERE e.id = $1`, id))
}

// StepsOf lists every step of one source's ladder, lowest level first.
func (q *Queries) StepsOf(ctx context.Context, source string, sourceID int64) ([]Step, error) {
	return q.steps(ctx, `SELECT `+stepCols+stepFrom+` WHERE e.source = $1 AND e.source_id = $2
		ORDER BY CASE e.level WHEN 'operational' THEN 0 WHEN 'tactical' THEN 1 ELSE 2 END, e.id`, source, sourceID)
}

// StepFilter narrows a list of steps.
type StepFilter struct {
	MemberID  int64 // 0: every member
	MemberIDs []int64
	Level     string
	Status    string
	MeetingID int64
	Page
}

// ListSteps returns steps, newest first.
func (q *Queries) ListSteps(ctx context.Context, f StepFilter) ([]Step, error) {
	var w where
	if f.MemberID != 0 {
		w.add("e.member_id = ?", f.MemberID)
	}
	if f.MemberIDs != nil {
		if len(f.MemberIDs) == 0 {
			return nil, nil
		}
		w.add("e.member_id IN (" + placeholders(&w, f.MemberIDs) + ")")
	}
	if f.Level != "" {
		w.add("e.level = ?", f.Level)
	}
	if f.Status != "" {
		w.add("e.status = ?", f.Status)
	}
	if f.MeetingID != 0 {
		w.add("e.meeting_id = ?", f.MeetingID)
	}
	if f.After > 0 {
		w.add("e.id < ?", f.After)
	}
	s := `SELECT ` + stepCols + stepFrom
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	s += " ORDER BY e.id DESC"
	if f.Limit > 0 {
		s += " LIMIT " + itoa(f.Limit)
	}
	return q.steps(ctx, s, w.args...)
}

// SetStepStatus moves a step on: escalated, withdrawn.
func (q *Queries) SetStepStatus(ctx context.Context, id int64, status string) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE escalations SET status = $1 WHERE id = $2`, status, id)
	return err
}

// SetStepMeeting lands a step on a meeting (0: on none yet).
func (q *Queries) SetStepMeeting(ctx context.Context, id, meetingID int64) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE escalations SET meeting_id = $1 WHERE id = $2`, nullID(meetingID), id)
	return err
}

// DecideStep closes a step with a decision.
func (q *Queries) DecideStep(ctx context.Context, id, decisionID int64, text string, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE escalations SET status = 'decided', decision_id = $1, decision = $2, decided_at = $3 WHERE id = $4`,
		decisionID, text, utc(now), id)
	return err
}

// SLAEventRow is a warning or miss with its case.
type SLAEventRow struct {
	SLAEvent
	Reference string
	Subject   string
}

// SLAEventsSince lists warnings and misses of members (nil: all) at or
// after since, the newest first, at most limit.
func (q *Queries) SLAEventsSince(ctx context.Context, memberIDs []int64, since time.Time, limit int) ([]SLAEventRow, error) {
	var w where
	w.add("s.at >= ?", utc(since))
	if memberIDs != nil {
		if len(memberIDs) == 0 {
			return nil, nil
		}
		w.add("s.member_id IN (" + placeholders(&w, memberIDs) + ")")
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT s.id, s.case_id, s.member_id, s.measure, s.side, s.kind, s.due_at, s.at, c.reference, c.subject
		FROM sla_events s JOIN cases c ON c.id = s.case_id WHERE `+joinAnd(w.conds)+` ORDER BY s.at DESC, s.id DESC LIMIT `+itoa(limit), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SLAEventRow
	for rows.Next() {
		var e SLAEventRow
		if err := rows.Scan(&e.ID, &e.CaseID, &e.MemberID, &e.Measure, &e.Side, &e.Kind, &e.DueAt, &e.At, &e.Reference, &e.Subject); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CaseMember reads the member and reference of a case.
func (q *Queries) CaseMember(ctx context.Context, caseID int64) (memberID int64, reference, subject string, err error) {
	err = q.ex.QueryRowContext(ctx, `SELECT member_id, reference, subject FROM cases WHERE id = $1`, caseID).Scan(&memberID, &reference, &subject)
	return memberID, reference, subject, classify(err)
}

// HasSLABreach reports whether a case missed an SLA target.
func (q *Queries) HasSLABreach(ctx context.Context, caseID int64) (bool, error) {
	var n int
	err := q.ex.QueryRowContext(ctx, `SELECT COUNT(*) FROM sla_events WHERE case_id = $1 AND kind = 'breach'`, caseID).Scan(&n)
	return n > 0, err
}

// PendingRow is an order or change request not yet settled.
type PendingRow struct {
	ID        int64
	MemberID  int64
	Reference string
	Kind      string // special, additional, change (orders); "" when the table has no kind
	Title     string
	Status    string
	At        time.Time
}

// settled are statuses of orders and change requests that need no more
// attention from a forum.
var settled = []string{"approved", "declined", "cancelled", "canceled", "rejected", "withdrawn", "closed", "done", "completed", "invoiced"}

// PendingIn lists unsettled rows of table (orders, or change_requests
// should such a table appear) of members (nil: all). The tables belong to
// the ordering feature: a table that does not exist has nothing pending.
// Only id and member_id are required; a reference, a kind, a title, a
// state and a creation time are used when the table has them.
func (q *Queries) PendingIn(ctx context.Context, table string, memberIDs []int64, limit int) ([]PendingRow, error) {
	if table != "orders" && table != "change_requests" {
		return nil, nil
	}
	cols, err := q.columns(ctx, table)
	if err != nil || !slices.Contains(cols, "id") || !slices.Contains(cols, "member_id") {
		return nil, err
	}
	pick := func(names ...string) string {
		for _, n := range names {
			if slices.Contains(cols, n) {
				return n
			}
		}
		return ""
	}
	text := func(col string) string {
		if col == "" {
			return "''"
		}
		return "COALESCE(CAST(" + col + " AS text), '')"
	}
	status := pick("state", "status")
	sel := []string{"id", "member_id", text(pick("reference")), text(pick("kind")), text(pick("title", "subject", "name", "description")),
		text(status), "NULL"}
	if at := pick("created_at", "ordered_at", "received_at"); at != "" {
		sel[6] = at
	}
	var w where
	if memberIDs != nil {
		if len(memberIDs) == 0 {
			return nil, nil
		}
		w.add("member_id IN (" + placeholders(&w, memberIDs) + ")")
	}
	if status != "" {
		w.add("LOWER(COALESCE(CAST(" + status + " AS text), '')) NOT IN (" + placeholders(&w, settled) + ")")
	}
	s := `SELECT ` + strings.Join(sel, ", ") + ` FROM ` + table
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	rows, err := q.ex.QueryContext(ctx, s+" ORDER BY id DESC LIMIT "+itoa(limit), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PendingRow
	for rows.Next() {
		var r PendingRow
		var when sql.NullTime
		if err := rows.Scan(&r.ID, &r.MemberID, &r.Reference, &r.Kind, &r.Title, &r.Status, &when); err != nil {
			return nil, err
		}
		r.At = when.Time
		out = append(out, r)
	}
	return out, rows.Err()
}

// PendingMember reads the member of a row of orders or change_requests;
// ErrNotFound when the table or the row does not exist.
func (q *Queries) PendingMember(ctx context.Context, table string, id int64) (int64, error) {
	if table != "orders" && table != "change_requests" {
		return 0, ErrNotFound
	}
	cols, err := q.columns(ctx, table)
	if err != nil {
		return 0, err
	}
	if !slices.Contains(cols, "member_id") {
		return 0, ErrNotFound
	}
	var m int64
	err = q.ex.QueryRowContext(ctx, `SELECT member_id FROM `+table+` WHERE id = $1`, id).Scan(&m)
	return m, classify(err)
}

// columns lists a table's columns, none when it does not exist.
func (q *Queries) columns(ctx context.Context, table string) ([]string, error) {
	query := `SELECT name FROM pragma_table_info($1)`
	if q.engine == Postgres {
		query = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`
	}
	rows, err := q.ex.QueryContext(ctx, query, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, strings.ToLower(c))
	}
	return out, rows.Err()
}
