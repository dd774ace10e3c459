package app

import "samverkan/internal/store"

// AuditEntry and AuditFilter are the audit log's entry and filter as the
// edges see them, so that they need not import the store.
type (
	AuditEntry  = store.AuditEntry
	AuditFilter = store.AuditFilter
)
