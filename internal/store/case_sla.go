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

// caseSLAWriteCols are the columns a save writes, in order.
const caseSLAWriteCols = `case_id, policy_id,
	first_response_warn, first_response_due, first_response_met, first_response_miss, first_response_paused,
	next_response_warn, next_response_due, next_response_met, next_response_miss, next_response_paused,
	resolution_warn, resolution_due, resolution_met, resolution_miss, resolution_paused,
	member_input_warn, member_input_due, member_input_met, member_input_miss, member_input_paused, alert_at, computed_at`

const caseSLAUpdate = ` ON CONFLICT (case_id) DO UPDATE SET policy_id = excluded.policy_id,
	first_response_warn = excluded.first_response_warn, first_response_due = excluded.first_response_due,
	first_response_met = excluded.first_response_met, first_response_miss = excluded.first_response_miss,
	first_response_paused = excluded.first_response_paused,
	next_response_warn = excluded.next_response_warn, next_response_due = excluded.next_response_due,
	next_response_met = excluded.next_response_met, next_response_miss = excluded.next_response_miss,
	next_response_paused = excluded.next_response_paused,
	resolution_warn = excluded.resolution_warn, resolution_due = excluded.resolution_due,
	resolution_met = excluded.resolution_met, resolution_miss = excluded.resolution_miss,
	resolution_paused = excluded.resolution_paused,
	member_input_warn = excluded.member_input_warn, member_input_due = excluded.member_input_due,
	member_input_met = excluded.member_input_met, member_input_miss = excluded.member_input_miss,
	member_input_paused = excluded.member_input_paused, alert_at = excluded.alert_at, computed_at = excluded.computed_at`

func caseSLAArgs(s CaseSLA) []any {
	args := []any{s.CaseID, nullID(s.PolicyID)}
	for _, c := range []ClockRow{s.FirstResponse, s.NextResponse, s.Resolution, s.MemberInput} {
		args = append(args, nullTime(c.Warn), nullTime(c.Due), nullTime(c.Met), nullTime(c.Miss), c.Paused)
	}
	return append(args, nullTime(s.AlertAt), utc(s.ComputedAt))
}

// SaveCaseSLAs writes the clocks of cases. SQLite runs one prepared
// single-row statement per case (parsing a long multi-row statement costs
// it more than the writes); PostgreSQL gets many rows per statement, which
// saves round trips.
func (q *Queries) SaveCaseSLAs(ctx context.Context, rows []CaseSLA) error {
	if len(rows) == 0 {
		return nil
	}
	if q.engine == SQLite {
		var w where
		stmt, err := q.ex.PrepareContext(ctx, `INSERT INTO case_sla (`+caseSLAWriteCols+`) VALUES (`+
			placeholders(&w, caseSLAArgs(rows[0]))+`)`+caseSLAUpdate)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, s := range rows {
			if _, err := stmt.ExecContext(ctx, caseSLAArgs(s)...); err != nil {
				return err
			}
		}
		return nil
	}
	const perStatement = 200 // 24 parameters a row, well under PostgreSQL's limit
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
		if _, err := q.ex.ExecContext(ctx, `INSERT INTO case_sla (`+caseSLAWriteCols+`) VALUES `+values.String()+caseSLAUpdate, w.args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// DeleteCaseSLA removes the clocks of a case no policy applies to.
func (q *Queries) DeleteCaseSLA(ctx context.Context, caseID int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM case_sla WHERE case_id = $1`, caseID)
	return err
}

const caseSLACols = `case_id, policy_id,
	first_response_warn, first_response_due, first_response_met, first_response_miss, first_response_paused,
	next_response_warn, next_response_due, next_response_met, next_response_miss, next_response_paused,
	resolution_warn, resolution_due, resolution_met, resolution_miss, resolution_paused,
	member_input_warn, member_input_due, member_input_met, member_input_miss, member_input_paused, alert_at, computed_at`

func scanCaseSLA(row interface{ Scan(...any) error }) (CaseSLA, error) {
	var s CaseSLA
	var policy sql.NullInt64
	var t [17]sql.NullTime
	clocks := []*ClockRow{&s.FirstResponse, &s.NextResponse, &s.Resolution, &s.MemberInput}
	dst := []any{&s.CaseID, &policy}
	for i, c := range clocks {
		dst = append(dst, &t[4*i], &t[4*i+1], &t[4*i+2], &t[4*i+3], &c.Paused)
	}
	err := row.Scan(append(dst, &t[16], &s.ComputedAt)...)
	s.PolicyID = idOf(policy)
	for i, c := range clocks {
		c.Warn, c.Due, c.Met, c.Miss = t[4*i].Time, t[4*i+1].Time, t[4*i+2].Time, t[4*i+3].Time
	}
	s.AlertAt = t[16].Time
	return s, classify(err)
}

// CaseSLAs reads the clocks of the given cases (missing ones are absent).
func (q *Queries) CaseSLAs(ctx context.Context, caseIDs []int64) (map[int64]CaseSLA, error) {
	out := make(map[int64]CaseSLA, len(caseIDs))
	if len(caseIDs) == 0 {
		return out, nil
	}
	var w where
	in := placeholders(&w, caseIDs)
	rows, err := q.ex.QueryContext(ctx, `SELECT `+caseSLACols+` FROM case_sla WHERE case_id IN (`+in+`)`, w.args...)
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
	return ids(ctx, q, `SELECT case_id FROM case_sla WHERE alert_at IS NOT NULL AND alert_at <= $1 ORDER BY alert_at LIMIT `+itoa(limit), utc(now))
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
	cond, args := `c.is_open AND c.id > $1 ORDER BY c.id LIMIT `+itoa(limit), []any{after}
	if caseID != 0 {
		cond, args = `c.id = $1`, []any{caseID}
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT c.id, c.member_id, COALESCE(c.service_id, 0), c.type, c.priority, c.channel, c.received_at, c.is_open
		FROM cases c WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	var out []ClockFacts
	index := map[int64]int{}
	for rows.Next() {
		var f ClockFacts
		var prio int
		if err := rows.Scan(&f.CaseID, &f.MemberID, &f.Facts.ServiceID, &f.Facts.CaseType, &prio, &f.Facts.Channel, &f.ReceivedAt, &f.Open); err != nil {
			rows.Close()
			return nil, err
		}
		f.Facts.MemberID, f.Facts.Priority = f.MemberID, priorityName(prio)
		f.Events = []sla.Event{{At: f.ReceivedAt, Kind: sla.Received}}
		index[f.CaseID] = len(out)
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	erows, err := q.ex.QueryContext(ctx, `SELECT case_id, kind, visibility, changes, created_at FROM case_events
		WHERE case_id BETWEEN $1 AND $2 AND kind IN ('message', 'reply', 'status') ORDER BY case_id, id`,
		out[0].CaseID, out[len(out)-1].CaseID)
	if err != nil {
		return nil, err
	}
	defer erows.Close()
	for erows.Next() {
		var id int64
		var kind, vis, changes string
		var at time.Time
		if err := erows.Scan(&id, &kind, &vis, &changes, &at); err != nil {
			return nil, err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		switch {
		case kind == "message":
			out[i].Events = append(out[i].Events, sla.Event{At: at, Kind: sla.MemberMessage})
		case kind == "reply" && vis == "external":
			out[i].Events = append(out[i].Events, sla.Event{At: at, Kind: sla.CentreReply})
		case kind == "status":
			if to := statusTo(changes); to != "" {
				out[i].Events = append(out[i].Events, sla.Event{At: at, Kind: sla.StatusChanged, Status: to})
			}
		}
	}
	return out, erows.Err()
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
