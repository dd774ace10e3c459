// Package app holds the use cases of Samverkan. It is the only place that
// decides who may do what and which member's data a user may see; it starts
// the transactions and writes the audit log. The web and api packages call
// it and never touch the store themselves.
package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// App is the set of use cases over one database.
type App struct {
	db        *store.DB
	now       func() time.Time
	log       *slog.Logger
	calendars calendarCache
	policies  policyCache
	schedules scheduleCache
}

// Option configures an App.
type Option func(*App)

// WithClock injects the clock (tests).
func WithClock(now func() time.Time) Option { return func(a *App) { a.now = now } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(a *App) { a.log = l } }

// New makes an App over db.
func New(db *store.DB, opts ...Option) *App {
	a := &App{db: db, now: time.Now, log: slog.Default()}
	for _, o := range opts {
		o(a)
	}
	return a
}

// Now is the App's clock.
func (a *App) Now() time.Time { return a.now() }

// Ready reports whether the database answers and its schema is current.
func (a *App) Ready(ctx context.Context) error {
	if err := a.db.Ping(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	return a.db.CheckSchema(ctx)
}

// Page is one page of a list and the cursor to the next ("" at the end).
type Page[T any] struct {
	Items      []T
	NextCursor string
}

// PageRequest is what a caller asks of a list.
type PageRequest struct {
	Limit  int
	Cursor string
}

const (
	defaultLimit = 50
	maxLimit     = 200
)

// storePage turns a request into the store's keyset page, asking for one
// more row than the caller wants so we know whether there is a next page.
func (r PageRequest) storePage() (store.Page, error) {
	limit := r.Limit
	switch {
	case limit == 0:
		limit = defaultLimit
	case limit < 0 || limit > maxLimit:
		return store.Page{}, fault.Field("limit", "limit", fmt.Sprintf("limit must be between 1 and %d", maxLimit))
	}
	p := store.Page{Limit: limit + 1}
	if r.Cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(r.Cursor)
		id, err2 := strconv.ParseInt(string(b), 10, 64)
		if err != nil || err2 != nil || id <= 0 {
			return store.Page{}, fault.Field("cursor", "cursor", "cursor is not one this server gave out")
		}
		p.After = id
	}
	return p, nil
}

// pageOf cuts items to the requested size and makes the next cursor.
func pageOf[T any](items []T, p store.Page, id func(T) int64) Page[T] {
	if len(items) < p.Limit {
		return Page[T]{Items: items}
	}
	items = items[:p.Limit-1]
	last := id(items[len(items)-1])
	return Page[T]{Items: items, NextCursor: base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(last, 10)))}
}

// notFound turns the store's ErrNotFound into a fault, other errors pass.
func notFound(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFoundf("%s not found", what)
	}
	return err
}

// audit appends one audit entry in the transaction of the change.
func (a *App) audit(ctx context.Context, q *store.Queries, by Actor, memberID int64, entity string, id int64, action string, before, after any) error {
	e := store.AuditEntry{
		At: a.now(), ActorID: by.PersonID, ActorName: by.Name, OnBehalfOf: by.ActingFor,
		MemberID: memberID, Entity: entity, EntityID: id, Action: action,
		Before: jsonOf(before), After: jsonOf(after),
	}
	if by.System {
		e.ActorName = "system"
		if by.Name != "" {
			e.ActorName = "system: " + by.Name
		}
	}
	return q.AppendAudit(ctx, e)
}

func jsonOf(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
