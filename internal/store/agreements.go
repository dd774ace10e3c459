package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"samverkan/internal/catalog"
)

// nullDate turns the zero time into SQL NULL and any other into its date.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return dateOnly(t)
}

const agreementCols = `id, member_id, title, revision_due, reminded_for, created_at`

func scanAgreement(row interface{ Scan(...any) error }) (catalog.Agreement, error) {
	var a catalog.Agreement
	var due, reminded sql.NullTime
	err := row.Scan(&a.ID, &a.MemberID, &a.Title, &due, &reminded, &a.CreatedAt)
	a.RevisionDue, a.RemindedFor = dateOrZero(due), dateOrZero(reminded)
	return a, classify(err)
}

func dateOrZero(n sql.NullTime) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return dateOnly(n.Time)
}

// AgreementFilter narrows the agreement list: one member's (0: all).
type AgreementFilter struct {
	MemberID int64
	Page
}

// ListAgreements lists agreements in id order.
func (q *Queries) ListAgreements(ctx context.Context, f AgreementFilter) ([]catalog.Agreement, error) {
	var w where
	if f.MemberID != 0 {
		w.add("member_id = ?", f.MemberID)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+agreementCols+` FROM agreements`+w.page(f.Page, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.Agreement
	for rows.Next() {
		a, err := scanAgreement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetAgreement reads one agreement.
func (q *Queries) GetAgreement(ctx context.Context, id int64) (catalog.Agreement, error) {
	return scanAgreement(q.ex.QueryRowContext(ctx, `SELECT `+agreementCols+` FROM agreements WHERE id = $1`, id))
}

// CreateAgreement adds an agreement (its versions come separately).
func (q *Queries) CreateAgreement(ctx context.Context, a catalog.Agreement) (catalog.Agreement, error) {
	a.CreatedAt = utc(a.CreatedAt)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO agreements (member_id, title, revision_due, reminded_for, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, a.MemberID, a.Title, nullDate(a.RevisionDue), nullDate(a.RemindedFor), a.CreatedAt).Scan(&a.ID)
	return a, classify(err)
}

// UpdateAgreement writes an agreement's title and revision dates.
func (q *Queries) UpdateAgreement(ctx context.Context, a catalog.Agreement) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE agreements SET title = $1, revision_due = $2, reminded_for = $3 WHERE id = $4`,
		a.Title, nullDate(a.RevisionDue), nullDate(a.RemindedFor), a.ID)
	return classify(err)
}

// AgreementsDueForRevision lists the agreements whose revision is due on
// or before day and for which no reminder went out for that due date.
func (q *Queries) AgreementsDueForRevision(ctx context.Context, day time.Time) ([]catalog.Agreement, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+agreementCols+` FROM agreements
		WHERE revision_due IS NOT NULL AND revision_due <= $1 AND (reminded_for IS NULL OR reminded_for < revision_due)
		ORDER BY revision_due, id`, dateOnly(day))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.Agreement
	for rows.Next() {
		a, err := scanAgreement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// MarkAgreementReminded records that the reminder for the revision due on
// due went out; sent is false when it had gone out before.
func (q *Queries) MarkAgreementReminded(ctx context.Context, id int64, due time.Time) (sent bool, err error) {
	res, err := q.ex.ExecContext(ctx, `UPDATE agreements SET reminded_for = $1
		WHERE id = $2 AND revision_due = $1 AND (reminded_for IS NULL OR reminded_for < revision_due)`, dateOnly(due), id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

const versionCols = `id, agreement_id, member_id, number, status, title, valid_from, valid_to, binding_months, notice_months,
	pay_day, cutoff_day, services, targets, extra_services, deviations, signatories, changes, order_id,
	created_by, created_at, updated_at, approved_by, approved_at, superseded_at`

func scanVersion(row interface{ Scan(...any) error }) (catalog.Version, error) {
	var v catalog.Version
	var validTo, approvedAt, supersededAt sql.NullTime
	var order, createdBy, approvedBy sql.NullInt64
	var services, targets, extras, deviations, signatories string
	err := row.Scan(&v.ID, &v.AgreementID, &v.MemberID, &v.Number, &v.Status, &v.Title, &v.ValidFrom, &validTo,
		&v.BindingMonths, &v.NoticeMonths, &v.Schedule.PayDay, &v.Schedule.CutoffDay,
		&services, &targets, &extras, &deviations, &signatories, &v.Changes, &order,
		&createdBy, &v.CreatedAt, &v.UpdatedAt, &approvedBy, &approvedAt, &supersededAt)
	if err != nil {
		return v, classify(err)
	}
	v.ValidFrom, v.ValidTo = dateOnly(v.ValidFrom), dateOrZero(validTo)
	v.OrderID, v.CreatedBy, v.ApprovedBy = idOf(order), idOf(createdBy), idOf(approvedBy)
	v.ApprovedAt, v.SupersededAt = approvedAt.Time, supersededAt.Time
	for _, l := range []struct {
		data string
		into any
	}{{services, &v.Services}, {targets, &v.Targets}, {extras, &v.ExtraServices}, {deviations, &v.Deviations}, {signatories, &v.Signatories}} {
		if err := json.Unmarshal([]byte(l.data), l.into); err != nil {
			return v, fmt.Errorf("agreement version %d: %w", v.ID, err)
		}
	}
	return v, nil
}

// versionLists renders the lists of a version as JSON, never null.
func versionLists(v catalog.Version) ([]any, error) {
	var out []any
	for _, l := range []any{v.Services, v.Targets, v.ExtraServices, v.Deviations, v.Signatories} {
		b, err := json.Marshal(l)
		if err != nil {
			return nil, err
		}
		if string(b) == "null" {
			b = []byte("[]")
		}
		out = append(out, string(b))
	}
	return out, nil
}

// CreateVersion inserts a version of an agreement.
func (q *Queries) CreateVersion(ctx context.Context, v catalog.Version) (catalog.Version, error) {
	lists, err := versionLists(v)
	if err != nil {
		return v, err
	}
	v.CreatedAt, v.UpdatedAt = utc(v.CreatedAt), utc(v.CreatedAt)
	args := append([]any{v.AgreementID, v.MemberID, v.Number, v.Status, v.Title, dateOnly(v.ValidFrom), nullDate(v.ValidTo),
		v.BindingMonths, v.NoticeMonths, v.Schedule.PayDay, v.Schedule.CutoffDay}, lists...)
	args = append(args, v.Changes, nullID(v.OrderID), nullID(v.CreatedBy), v.CreatedAt, nullID(v.ApprovedBy), nullInstant(v.ApprovedAt))
	err = q.ex.QueryRowContext(ctx, `INSERT INTO agreement_versions (agreement_id, member_id, number, status, title, valid_from, valid_to,
			binding_months, notice_months, pay_day, cutoff_day, services, targets, extra_services, deviations, signatories,
			changes, order_id, created_by, created_at, updated_at, approved_by, approved_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22) RETURNING id`,
		args...).Scan(&v.ID)
	return v, classify(err)
}

// UpdateVersion writes every field of a version.
func (q *Queries) UpdateVersion(ctx context.Context, v catalog.Version) error {
	lists, err := versionLists(v)
	if err != nil {
		return err
	}
	args := append([]any{v.Status, v.Title, dateOnly(v.ValidFrom), nullDate(v.ValidTo), v.BindingMonths, v.NoticeMonths,
		v.Schedule.PayDay, v.Schedule.CutoffDay}, lists...)
	args = append(args, v.Changes, nullID(v.OrderID), utc(v.UpdatedAt), nullID(v.ApprovedBy), nullInstant(v.ApprovedAt), nullInstant(v.SupersededAt), v.ID)
	_, err = q.ex.ExecContext(ctx, `UPDATE agreement_versions SET status = $1, title = $2, valid_from = $3, valid_to = $4,
		binding_months = $5, notice_months = $6, pay_day = $7, cutoff_day = $8, services = $9, targets = $10, extra_services = $11,
		deviations = $12, signatories = $13, changes = $14, order_id = $15, updated_at = $16, approved_by = $17, approved_at = $18,
		superseded_at = $19 WHERE id = $20`, args...)
	return classify(err)
}

// RenumberVersion gives a version another number (a draft moving up when
// an addendum is approved while it is written).
func (q *Queries) RenumberVersion(ctx context.Context, id int64, number int) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE agreement_versions SET number = $1 WHERE id = $2`, number, id)
	return classify(err)
}

// GetVersion reads one agreement version.
func (q *Queries) GetVersion(ctx context.Context, id int64) (catalog.Version, error) {
	return scanVersion(q.ex.QueryRowContext(ctx, `SELECT `+versionCols+` FROM agreement_versions WHERE id = $1`, id))
}

// AgreementVersions lists the versions of an agreement, newest first.
func (q *Queries) AgreementVersions(ctx context.Context, agreementID int64) ([]catalog.Version, error) {
	return q.versions(ctx, `agreement_id = $1 ORDER BY number DESC`, agreementID)
}

// MemberVersions lists the versions of a member's agreements with the
// given status ("" any), by agreement and newest first.
func (q *Queries) MemberVersions(ctx context.Context, memberID int64, status catalog.Status) ([]catalog.Version, error) {
	return q.versions(ctx, `member_id = $1 AND ($2 = '' OR status = $2) ORDER BY agreement_id, number DESC`, memberID, string(status))
}

func (q *Queries) versions(ctx context.Context, where string, args ...any) ([]catalog.Version, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+versionCols+` FROM agreement_versions WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// nullInstant turns the zero time into SQL NULL.
func nullInstant(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return utc(t)
}
