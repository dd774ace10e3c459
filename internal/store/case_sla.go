package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/sla"
)

// CaseSLA is the stored state of one case's clocks.
type CaseSLA struct {
	CaseID                      int64
	PolicyID                    int64
	FirstResponse, NextResponse ClockRow
	Resolution, MemberInput     ClockRow
	Paused                      bool
	AlertAt, ComputedAt         time.Time
}

// ClockRow is one clock: when it warns, is due, was met and was missed,
// and whether it stands still (then Due is zero).
type ClockRow struct {
	Warn, Due, Met, Miss time.Time
	Paused               bool
}

// caseSLACols are the columns of a stored clock state, in order.
const caseSLACols = `case_id, policy_id, clocks, due_measures, missed_measures, alert_at, computed_at`

const caseSLAUpdate = ` ON CONFLICT (case_id) DO UPDATE SET policy_id = excluded.policy_id, clocks = excluded.clocks,
	due_measures = excluded.due_measures, missed_measures = excluded.missed_measures,
	alert_at = excluded.alert_at, computed_at = excluded.computed_at`

func caseSLAArgs(s CaseSLA) []any {
	clocks, due, missed := encodeClocks(s)
	var alert any
	if !s.AlertAt.IsZero() {
		alert = s.AlertAt.UnixMicro()
	}
	return []any{s.CaseID, nullID(s.PolicyID), clocks, due, missed, alert, s.ComputedAt.UnixMicro()}
}

// SaveCaseSLAs writes the clocks of cases, new or not. SQLite runs one
// prepared single-row statement per case (parsing a long multi-row
// statement costs it more than the writes); PostgreSQL gets many rows per
// statement, which saves round trips.
func (q *Queries) SaveCaseSLAs(ctx context.Context, rows []CaseSLA) error {
	const insert = `INSERT INTO case_sla (` + caseSLACols + `) VALUES `
	if q.engine == SQLite {
		return q.execEach(ctx, insert+`($1, $2, $3, $4, $5, $6, $7)`+caseSLAUpdate, rows)
	}
	const perStatement = 1000 // 7 parameters a row, well under PostgreSQL's limit
	for len(rows) > 0 {
		n := min(perStatement, len(rows))
		var w where
		var values strings.Builder
		for i, s := range rows[:n] {
			if i > 0 {
				values.WriteString(", ")
			}
			values.WriteString("(" + placeholders(&w, caseSLAArgs(s)) + ")")
		}
		if _, err := q.ex.ExecContext(ctx, insert+values.String()+caseSLAUpdate, w.args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// UpdateCaseSLAs rewrites clocks already stored. On SQLite a plain update
// costs about half an insert that conflicts into one.
func (q *Queries) UpdateCaseSLAs(ctx context.Context, rows []CaseSLA) error {
	if q.engine != SQLite {
		return q.SaveCaseSLAs(ctx, rows)
	}
	return q.execEach(ctx, `UPDATE case_sla SET policy_id = $2, clocks = $3, due_measures = $4, missed_measures = $5,
		alert_at = $6, computed_at = $7 WHERE case_id = $1`, rows)
}

// execEach runs one prepared statement with the arguments of each row.
func (q *Queries) execEach(ctx context.Context, query string, rows []CaseSLA) error {
	if len(rows) == 0 {
		return nil
	}
	// Kept by the cache, or in a transaction closed with it.
	stmt, err := q.prepared().PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	for _, s := range rows {
		if _, err := stmt.ExecContext(ctx, caseSLAArgs(s)...); err != nil {
			return err
		}
	}
	return nil
}

// DeleteCaseSLA removes the clocks of a case no policy applies to.
func (q *Queries) DeleteCaseSLA(ctx context.Context, caseID int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM case_sla WHERE case_id = $1`, caseID)
	return err
}

// caseSLAReadCols are the columns scanCaseSLA reads.
const caseSLAReadCols = `case_id, policy_id, clocks, alert_at, computed_at`

func scanCaseSLA(row interface{ Scan(...any) error }) (CaseSLA, error) {
	// Scanned into small variables: the scan's pointers move them to the
	// heap, which a whole CaseSLA would make dear.
	var id, computed int64
	var policy, alert sql.NullInt64
	var clocks []byte
	if err := row.Scan(&id, &policy, &clocks, &alert, &computed); err != nil {
		return CaseSLA{}, classify(err)
	}
	s := CaseSLA{CaseID: id, PolicyID: idOf(policy), ComputedAt: time.UnixMicro(computed).UTC()}
	if alert.Valid {
		s.AlertAt = time.UnixMicro(alert.Int64).UTC()
	}
	return s, decodeClocks(clocks, &s)
}

// CaseSLAs reads the clocks of the given cases (missing ones are absent).
func (q *Queries) CaseSLAs(ctx context.Context, caseIDs []int64) (map[int64]CaseSLA, error) {
	if len(caseIDs) == 0 {
		return map[int64]CaseSLA{}, nil
	}
	if len(caseIDs) == 1 { // a case just changed: the one statement kept prepared
		return q.caseSLAs(ctx, 1, `case_id = $1`, caseIDs[0])
	}
	var w where
	in := placeholders(&w, caseIDs)
	return q.caseSLAs(ctx, len(caseIDs), `case_id IN (`+in+`)`, w.args...)
}

// CaseSLAsBetween reads the clocks of the cases with ids from first to
// last: one range scan, where a long IN list would cost SQLite more to
// parse than to read.
func (q *Queries) CaseSLAsBetween(ctx context.Context, first, last int64) (map[int64]CaseSLA, error) {
	return q.caseSLAs(ctx, int(min(last-first+1, 8192)), `case_id BETWEEN $1 AND $2`, first, last)
}

func (q *Queries) caseSLAs(ctx context.Context, size int, cond string, args ...any) (map[int64]CaseSLA, error) {
	out := make(map[int64]CaseSLA, size)
	ex := q.ex
	if size == 1 {
		ex = q.prepared()
	}
	rows, err := ex.QueryContext(ctx, `SELECT `+caseSLAReadCols+` FROM case_sla WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		s, err := scanCaseSLA(rows)
		if err != nil {
			return nil, err
		}
		out[s.CaseID] = s
	}
	return out, rows.Err()
}

// CasesDueForAlert lists cases whose clocks need looking at by now.
func (q *Queries) CasesDueForAlert(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	return ids(ctx, q, `SELECT case_id FROM case_sla WHERE alert_at IS NOT NULL AND alert_at <= $1 ORDER BY alert_at LIMIT `+itoa(limit), now.UnixMicro())
}

// ClockFacts are what the clocks of one case are computed from.
type ClockFacts struct {
	CaseID     int64
	MemberID   int64
	Facts      sla.Facts
	ReceivedAt time.Time
	Open       bool
	Events     []sla.Event
}

// CaseClockFacts loads, for open cases with ids after `after` (at most
// limit cases), or for the one case caseID when it is not 0, everything the
// clocks need: the case's facts and its replies, messages and status changes.
func (q *Queries) CaseClockFacts(ctx context.Context, caseID, after int64, limit int) ([]ClockFacts, error) {
	var out []ClockFacts
	var err error
	if caseID != 0 {
		out, err = q.caseFacts(ctx, `c.id = $1`, caseID)
	} else {
		out, err = q.OpenCaseFacts(ctx, after, limit)
	}
	if err != nil {
		return nil, err
	}
	return out, q.AddClockEvents(ctx, out)
}

// OpenCaseFacts reads the facts of open cases with ids after `after`, at
// most limit, in id order, without their events (AddClockEvents).
func (q *Queries) OpenCaseFacts(ctx context.Context, after int64, limit int) ([]ClockFacts, error) {
	return q.caseFacts(ctx, `c.is_open AND c.id > $1 ORDER BY c.id LIMIT `+itoa(limit), after)
}

func (q *Queries) caseFacts(ctx context.Context, cond string, args ...any) ([]ClockFacts, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT c.id, c.member_id, COALESCE(c.service_id, 0), c.type, c.priority, c.channel, c.received_at, c.is_open
		FROM cases c WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClockFacts
	var id, member, service int64
	var kind, channel string
	var prio int
	var received time.Time
	var open bool
	for rows.Next() {
		if err := rows.Scan(&id, &member, &service, &kind, &prio, &channel, &received, &open); err != nil {
			return nil, err
		}
		out = append(out, ClockFacts{CaseID: id, MemberID: member, ReceivedAt: received, Open: open,
			Facts:  sla.Facts{MemberID: member, ServiceID: service, CaseType: kind, Priority: priorityName(prio), Channel: channel},
			Events: append(make([]sla.Event, 0, 4), sla.Event{At: received, Kind: sla.Received})})
	}
	return out, rows.Err()
}

// AddClockEvents appends to each of facts (in id order) the events its
// clocks depend on: member messages, external replies, status changes.
func (q *Queries) AddClockEvents(ctx context.Context, facts []ClockFacts) error {
	if len(facts) == 0 {
		return nil
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT case_id, kind, visibility, CASE WHEN kind = 'status' THEN changes ELSE '' END, created_at
		FROM case_events WHERE case_id BETWEEN $1 AND $2 AND kind IN ('message', 'reply', 'status') ORDER BY case_id, id`,
		facts[0].CaseID, facts[len(facts)-1].CaseID)
	if err != nil {
		return err
	}
	defer rows.Close()
	i := 0 // both are in case id order: walk them side by side
	for rows.Next() {
		var id int64
		var kind, vis, changes string
		var at time.Time
		if err := rows.Scan(&id, &kind, &vis, &changes, &at); err != nil {
			return err
		}
		for i < len(facts) && facts[i].CaseID < id {
			i++
		}
		if i == len(facts) {
			break
		}
		if facts[i].CaseID != id {
			continue // a closed case between two open ones
		}
		f := &facts[i]
		switch {
		case kind == "message":
			f.Events = append(f.Events, sla.Event{At: at, Kind: sla.MemberMessage})
		case kind == "reply" && vis == "external":
			f.Events = append(f.Events, sla.Event{At: at, Kind: sla.CentreReply})
		case kind == "status":
			if to := statusTo(changes); to != "" {
				f.Events = append(f.Events, sla.Event{At: at, Kind: sla.StatusChanged, Status: to})
			}
		}
	}
	return rows.Err()
}

// statusTo reads the new status from a status event's changes.
func statusTo(changes string) string {
	var cs []struct {
		Field string `json:"field"`
		To    string `json:"to"`
	}
	if json.Unmarshal([]byte(changes), &cs) != nil {
		return ""
	}
	for _, c := range cs {
		if c.Field == "status" {
			return c.To
		}
	}
	return ""
}

func priorityName(p int) string {
	switch p {
	case 0:
		return "low"
	case 2:
		return "high"
	case 3:
		return "urgent"
	}
	return "normal"
}

// CasesByIDs reads the given cases (missing ones are absent), for scope
// checks on derived data such as clocks.
func (q *Queries) CasesByIDs(ctx context.Context, caseIDs []int64) ([]cases.Case, error) {
	if len(caseIDs) == 0 {
		return nil, nil
	}
	var w where
	in := placeholders(&w, caseIDs)
	rows, err := q.ex.QueryContext(ctx, `SELECT `+caseCols+` FROM cases c WHERE c.id IN (`+in+`)`, w.args...)
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
