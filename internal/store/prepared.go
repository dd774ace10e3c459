package store

import (
	"context"
	"database/sql"
	"sync"
)

// Parsing a statement is a fair part of what a small write costs SQLite,
// and database/sql parses every query anew. The statements of the busiest
// path, opening a case, are therefore prepared once and kept: database/sql
// then keeps each prepared on every connection that ran it, and a
// transaction reuses the one of its connection.

type statementCache struct {
	mu      sync.Mutex
	byQuery map[string]*sql.Stmt
}

// statement returns query prepared, preparing it the first time.
func (db *DB) statement(ctx context.Context, query string) (*sql.Stmt, error) {
	c := &db.statements
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.byQuery[query]; ok {
		return s, nil
	}
	s, err := db.SQL.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.byQuery == nil {
		c.byQuery = map[string]*sql.Stmt{}
	}
	c.byQuery[query] = s
	return s, nil
}

// prepared runs statements prepared once and kept. Only fixed query texts
// belong here: the cache keeps every text it is given.
func (q *Queries) prepared() execer {
	if q.db == nil {
		return q.ex
	}
	return preparedExecer{q}
}

type preparedExecer struct{ q *Queries }

func (p preparedExecer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s, err := p.q.db.statement(ctx, query)
	if err != nil || p.q.tx == nil {
		return s, err
	}
	// Closed with the transaction; the connection's prepared statement
	// stays with s.
	return p.q.tx.StmtContext(ctx, s), nil
}

func (p preparedExecer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (p preparedExecer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// QueryRowContext reports a failure to prepare through the row, as
// database/sql does.
func (p preparedExecer) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return p.q.ex.QueryRowContext(ctx, query, args...) // reports the same error
	}
	return s.QueryRowContext(ctx, args...)
}

// PrepareContext returns the kept statement (in a transaction, the
// transaction's): the caller must not close it.
func (p preparedExecer) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.stmt(ctx, query)
}

// closeStatements closes the kept statements (when the database closes).
func (db *DB) closeStatements() {
	c := &db.statements
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.byQuery {
		s.Close()
	}
	c.byQuery = nil
}
