package api

import (
	"encoding/json"
	"net/http"
	"time"

	"samverkan/internal/app"
)

// auditJSON is one audit entry: who (acting for whom) did what to which
// object, with the object before and after as JSON (null when none).
type auditJSON struct {
	ID         int64           `json:"id"`
	At         string          `json:"at"`
	ActorID    *int64          `json:"actor_id"`
	ActorName  string          `json:"actor_name"`
	OnBehalfOf *int64          `json:"on_behalf_of"`
	MemberID   *int64          `json:"member_id"`
	Entity     string          `json:"entity"`
	EntityID   int64           `json:"entity_id"`
	Action     string          `json:"action"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
}

func auditOut(e app.AuditEntry, loc *time.Location) auditJSON {
	return auditJSON{ID: e.ID, At: stamp(e.At, loc), ActorID: idOrNull(e.ActorID), ActorName: e.ActorName,
		OnBehalfOf: idOrNull(e.OnBehalfOf), MemberID: idOrNull(e.MemberID), Entity: e.Entity, EntityID: e.EntityID,
		Action: e.Action, Before: rawOrNull(e.Before), After: rawOrNull(e.After)}
}

// rawOrNull passes stored JSON through; empty or unreadable data is null.
func rawOrNull(s string) json.RawMessage {
	if s == "" || !json.Valid([]byte(s)) {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}

func (s *server) listAudit(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	aq := app.AuditQuery{AuditFilter: app.AuditFilter{ActorID: q.id("actor_id"), MemberID: q.id("member_id"),
		Entity: q.str("entity"), EntityID: q.id("entity_id"), Action: q.str("action"),
		From: q.instant("from"), To: q.instant("to")}, PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.AuditLog(r.Context(), by, aq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(e app.AuditEntry) auditJSON { return auditOut(e, loc) }))
}
