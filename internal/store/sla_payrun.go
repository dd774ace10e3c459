package store

import (
	"context"
	"database/sql"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
)

// PaySchedule reads the pay schedule of the member's approved agreement
// version valid on day; found is false when none is (the caller falls back
// to the default of the member's country). One indexed read.
func (q *Queries) PaySchedule(ctx context.Context, memberID int64, day time.Time) (s catalog.PaySchedule, found bool, country string, err error) {
	var payDay, cutoffDay sql.NullInt64
	err = q.ex.QueryRowContext(ctx, `SELECT m.country, v.pay_day, v.cutoff_day FROM members m
		LEFT JOIN agreement_versions v ON v.member_id = m.id AND v.status = 'approved'
			AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
		WHERE m.id = $1 ORDER BY v.agreement_id, v.number DESC LIMIT 1`, memberID, dateOnly(day)).Scan(&country, &payDay, &cutoffDay)
	if err != nil {
		return s, false, "", classify(err)
	}
	if !payDay.Valid {
		return s, false, country, nil
	}
	return catalog.PaySchedule{PayDay: int(payDay.Int64), CutoffDay: int(cutoffDay.Int64)}, true, country, nil
}

// CasePayrunInput is how a case's input fared against the member's pay-run
// obligation: the pay run it feeds, when it was due and whether it was late.
type CasePayrunInput struct {
	CaseID   int64
	MemberID int64
	Run      catalog.PayRun
	DueAt    time.Time
	Late     bool
}

// RecordPayrunInput records the evaluation of a case once.
func (q *Queries) RecordPayrunInput(ctx context.Context, p CasePayrunInput) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO case_payrun_input (case_id, member_id, pay_year, pay_month, cutoff_on, payday_on, due_at, late)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
		p.CaseID, p.MemberID, p.Run.Year, int(p.Run.Month), p.Run.Cutoff.In(time.UTC), p.Run.Payday.In(time.UTC), utc(p.DueAt), p.Late)
	return err
}

// PayrunInputs reads the pay-run evaluations of the given cases (cases
// that fell under no obligation are left out).
func (q *Queries) PayrunInputs(ctx context.Context, caseIDs []int64) (map[int64]CasePayrunInput, error) {
	out := map[int64]CasePayrunInput{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	var w where
	in := placeholders(&w, caseIDs)
	ex := q.ex
	if len(caseIDs) == 1 { // one case just read or opened: a text kept prepared
		ex = q.prepared()
	}
	rows, err := ex.QueryContext(ctx, `SELECT case_id, member_id, pay_year, pay_month, cutoff_on, payday_on, due_at, late
		FROM case_payrun_input WHERE case_id IN (`+in+`)`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p CasePayrunInput
		var month int
		var cutoff, payday time.Time
		if err := rows.Scan(&p.CaseID, &p.MemberID, &p.Run.Year, &month, &cutoff, &payday, &p.DueAt, &p.Late); err != nil {
			return nil, err
		}
		p.Run.Month, p.Run.Cutoff, p.Run.Payday = time.Month(month), calendar.DateOf(cutoff.UTC()), calendar.DateOf(payday.UTC())
		out[p.CaseID] = p
	}
	return out, rows.Err()
}

// PayrunInputReport counts, per member, the cases received in [from, to)
// that fell under a pay-run obligation and how many of them were late
// (memberID 0: every member). The rows are the member's side, measure
// payrun_input.
func (q *Queries) PayrunInputReport(ctx context.Context, memberID int64, from, to time.Time) ([]SLAReportRow, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT c.member_id, COUNT(*), SUM(CASE WHEN p.late THEN 1 ELSE 0 END)
		FROM case_payrun_input p JOIN cases c ON c.id = p.case_id
		WHERE c.received_at >= $1 AND c.received_at < $2 AND ($3 = 0 OR c.member_id = $3)
		GROUP BY c.member_id ORDER BY c.member_id`, utc(from), utc(to), memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SLAReportRow
	for rows.Next() {
		r := SLAReportRow{Measure: "payrun_input", Side: "member"}
		if err := rows.Scan(&r.MemberID, &r.Due, &r.Missed); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
