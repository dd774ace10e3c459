package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"
)

// SLAEvent is a warning or a miss of one clock cycle of a case.
type SLAEvent struct {
	ID         int64
	CaseID     int64
	MemberID   int64
	ServiceID  int64
	Measure    string // first_response, next_response, resolution, member_input
	Side       string // centre or member
	Kind       string // warning or breach
	CycleStart time.Time
	DueAt      time.Time
	At         time.Time
}

// RecordSLAEvent records a warning or miss once: inserted is false when
// it was recorded before (by this or another instance).
func (q *Queries) RecordSLAEvent(ctx context.Context, e SLAEvent) (inserted bool, err error) {
	res, err := q.ex.ExecContext(ctx, `INSERT INTO sla_events (case_id, member_id, service_id, measure, side, kind, cycle_start, due_at, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
		e.CaseID, e.MemberID, nullID(e.ServiceID), e.Measure, e.Side, e.Kind, utc(e.CycleStart), utc(e.DueAt), utc(e.At))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ListSLAEvents lists the warnings and misses of a case, oldest first.
func (q *Queries) ListSLAEvents(ctx context.Context, caseID int64) ([]SLAEvent, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT id, case_id, member_id, service_id, measure, side, kind, cycle_start, due_at, at
		FROM sla_events WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SLAEvent
	for rows.Next() {
		var e SLAEvent
		var service sql.NullInt64
		if err := rows.Scan(&e.ID, &e.CaseID, &e.MemberID, &service, &e.Measure, &e.Side, &e.Kind, &e.CycleStart, &e.DueAt, &e.At); err != nil {
			return nil, err
		}
		e.ServiceID = idOf(service)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SLAReportRow counts, for one member, measure and side, the clocks that
// fell due in a period and how many of them were missed.
type SLAReportRow struct {
	MemberID int64
	Measure  string
	Side     string
	Due      int
	Missed   int
}

// SLAReport counts clocks of cases received in [from, to) per member and
// measure; memberID 0 means every member. Member-side obligations are
// reported apart and never count against the centre.
func (q *Queries) SLAReport(ctx context.Context, memberID int64, from, to time.Time) ([]SLAReportRow, error) {
	measures := []struct{ measure, side string }{
		{"first_response", "centre"}, {"next_response", "centre"}, {"resolution", "centre"}, {"member_input", "member"},
	}
	var counts strings.Builder
	for i := range measures { // bit i of due_measures and missed_measures is measure i
		bit := itoa(1 << i)
		counts.WriteString(`, SUM(CASE WHEN (s.due_measures & ` + bit + `) <> 0 THEN 1 ELSE 0 END)`)
		counts.WriteString(`, SUM(CASE WHEN (s.missed_measures & ` + bit + `) <> 0 THEN 1 ELSE 0 END)`)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT c.member_id`+counts.String()+`
		FROM case_sla s JOIN cases c ON c.id = s.case_id
		WHERE c.received_at >= $1 AND c.received_at < $2 AND ($3 = 0 OR c.member_id = $3)
		GROUP BY c.member_id ORDER BY c.member_id`, utc(from), utc(to), memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SLAReportRow
	for rows.Next() {
		var member int64
		var n [8]int
		if err := rows.Scan(&member, &n[0], &n[1], &n[2], &n[3], &n[4], &n[5], &n[6], &n[7]); err != nil {
			return nil, err
		}
		for i, m := range measures {
			if n[2*i] > 0 {
				out = append(out, SLAReportRow{MemberID: member, Measure: m.measure, Side: m.side, Due: n[2*i], Missed: n[2*i+1]})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Measure by measure, as the report reads.
	sort.SliceStable(out, func(i, j int) bool { return measureOrder(out[i].Measure) < measureOrder(out[j].Measure) })
	return out, nil
}

func measureOrder(m string) int {
	return map[string]int{"first_response": 0, "next_response": 1, "resolution": 2, "member_input": 3}[m]
}

// Escalation raises an item from one collaboration level to the next.
type Escalation struct {
	ID        int64
	MemberID  int64
	Source    string // sla_breach, case, order, meeting_item
	SourceID  int64
	Level     string // operational, tactical, strategic
	Reason    string
	Status    string // open, decided, withdrawn
	CreatedBy int64
	CreatedAt time.Time
	DecidedAt time.Time
	Decision  string
}

// CreateEscalation records an escalation once per source and level.
func (q *Queries) CreateEscalation(ctx context.Context, e Escalation) (Escalation, bool, error) {
	var id int64
	err := q.ex.QueryRowContext(ctx, `INSERT INTO escalations (member_id, source, source_id, level, reason, status, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
		e.MemberID, e.Source, e.SourceID, e.Level, e.Reason, nullID(e.CreatedBy), utc(e.CreatedAt)).Scan(&id)
	if err == sql.ErrNoRows {
		return e, false, nil
	}
	e.ID, e.Status = id, "open"
	return e, err == nil, classify(err)
}

// ListEscalations lists escalations of a member (0: all), newest first.
func (q *Queries) ListEscalations(ctx context.Context, memberID int64, status string) ([]Escalation, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT id, member_id, source, source_id, level, reason, status, created_by, created_at, decided_at, decision
		FROM escalations WHERE ($1 = 0 OR member_id = $1) AND ($2 = '' OR status = $2) ORDER BY id DESC`, memberID, status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Escalation
	for rows.Next() {
		var e Escalation
		var by sql.NullInt64
		var decided sql.NullTime
		if err := rows.Scan(&e.ID, &e.MemberID, &e.Source, &e.SourceID, &e.Level, &e.Reason, &e.Status, &by, &e.CreatedAt, &decided, &e.Decision); err != nil {
			return nil, err
		}
		e.CreatedBy, e.DecidedAt = idOf(by), decided.Time
		out = append(out, e)
	}
	return out, rows.Err()
}

// Notification is a message to one person inside Samverkan.
type Notification struct {
	ID        int64
	PersonID  int64
	Kind      string
	CaseID    int64
	Message   string
	CreatedAt time.Time
	ReadAt    time.Time
}

// CreateNotification stores a notification.
func (q *Queries) CreateNotification(ctx context.Context, n Notification) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO notifications (person_id, kind, case_id, message, created_at) VALUES ($1, $2, $3, $4, $5)`,
		n.PersonID, n.Kind, nullID(n.CaseID), n.Message, utc(n.CreatedAt))
	return err
}

// ListNotifications lists a person's notifications, newest first.
func (q *Queries) ListNotifications(ctx context.Context, personID int64, unreadOnly bool, limit int) ([]Notification, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT id, person_id, kind, case_id, message, created_at, read_at FROM notifications
		WHERE person_id = $1 AND ($2 = FALSE OR read_at IS NULL) ORDER BY id DESC LIMIT `+itoa(limit), personID, unreadOnly)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var caseID sql.NullInt64
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.PersonID, &n.Kind, &caseID, &n.Message, &n.CreatedAt, &read); err != nil {
			return nil, err
		}
		n.CaseID, n.ReadAt = idOf(caseID), read.Time
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNotificationsRead marks all of a person's notifications read.
func (q *Queries) MarkNotificationsRead(ctx context.Context, personID int64, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL`, utc(now), personID)
	return err
}

// TeamLeadIDs lists the team leads of a team.
func (q *Queries) TeamLeadIDs(ctx context.Context, teamID int64) ([]int64, error) {
	return ids(ctx, q, `SELECT tm.person_id FROM team_members tm JOIN person_roles r ON r.person_id = tm.person_id
		WHERE tm.team_id = $1 AND r.role = 'team_lead' ORDER BY tm.person_id`, teamID)
}
