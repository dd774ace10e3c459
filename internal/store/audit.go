package store

import (
	"context"
	"database/sql"
	"time"
)

// AuditEntry is one mutation: who (and for whom), when, what, before/after.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64 // 0 for the system
	ActorName  string
	OnBehalfOf int64 // the principal when a substitute acted
	MemberID   int64 // the member whose data changed, 0 for centre data
	Entity     string
	EntityID   int64
	Action     string
	Before     string // JSON
	After      string // JSON
}

// AppendAudit writes an audit entry. There is no way to change one.
func (q *Queries) AppendAudit(ctx context.Context, e AuditEntry) error {
	_, err := q.prepared().ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, on_behalf_of, member_id, entity, entity_id, action, before_data, after_data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		utc(e.At), nullID(e.ActorID), e.ActorName, nullID(e.OnBehalfOf), nullID(e.MemberID), e.Entity, e.EntityID, e.Action, e.Before, e.After)
	return err
}

// AuditFilter narrows the audit log; results come newest first.
type AuditFilter struct {
	ActorID  int64
	MemberID int64
	Entity   string
	EntityID int64
	Action   string
	From, To time.Time
	Before   int64 // cursor: only entries with a smaller id
	Limit    int
}

// ListAudit returns entries, newest first.
func (q *Queries) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var w where
	if f.ActorID != 0 {
		w.add("(actor_id = ? OR on_behalf_of = ?)", f.ActorID, f.ActorID)
	}
	if f.MemberID != 0 {
		w.add("member_id = ?", f.MemberID)
	}
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		w.add("at >= ?", utc(f.From))
	}
	if !f.To.IsZero() {
		w.add("at < ?", utc(f.To))
	}
	if f.Before > 0 {
		w.add("id < ?", f.Before)
	}
	clause := w.page(Page{}, "id DESC")
	if f.Limit > 0 {
		clause += " LIMIT " + itoa(f.Limit)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, on_behalf_of, member_id, entity, entity_id, action, before_data, after_data
		FROM audit_log`+clause, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var actor, behalf, member sql.NullInt64
		if err := rows.Scan(&e.ID, &e.At, &actor, &e.ActorName, &behalf, &member, &e.Entity, &e.EntityID, &e.Action, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.ActorID, e.OnBehalfOf, e.MemberID = idOf(actor), idOf(behalf), idOf(member)
		es = append(es, e)
	}
	return es, rows.Err()
}
