package app

import (
	"context"

	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// AuditQuery filters the audit log; Cursor continues an earlier page.
type AuditQuery struct {
	store.AuditFilter
	PageRequest
}

// AuditLog browses the audit log, newest first (centre admins only).
func (a *App) AuditLog(ctx context.Context, by Actor, aq AuditQuery) (Page[store.AuditEntry], error) {
	if err := by.require(ViewAudit); err != nil {
		return Page[store.AuditEntry]{}, err
	}
	p, err := aq.storePage()
	if err != nil {
		return Page[store.AuditEntry]{}, err
	}
	f := aq.AuditFilter
	f.Before, f.Limit = p.After, p.Limit
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return Page[store.AuditEntry]{}, fault.Field("to", "ends_before_start", "the period ends before it starts")
	}
	es, err := a.db.Read().ListAudit(ctx, f)
	return pageOf(es, p, func(e store.AuditEntry) int64 { return e.ID }), err
}
