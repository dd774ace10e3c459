// Package store holds every SQL statement of Samverkan and the schema
// migrations. One code path serves SQLite (the embedded default) and
// PostgreSQL: statements use $N placeholders, which both engines accept, and
// the few DDL differences are macros resolved by the migrator.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is the database with its engine.
type DB struct {
	SQL    *sql.DB
	Engine Engine
	Source string // the path or URL without password, for logs

	// SQLite only: its one writer at a time waits here rather than in the
	// driver's busy loop, and the WAL is checkpointed in the background.
	writer      chan struct{}
	checkpoints *checkpointer

	statements statementCache
}

// EngineOf tells which engine a --db value names.
func EngineOf(source string) Engine {
	if strings.HasPrefix(source, "postgres://") || strings.HasPrefix(source, "postgresql://") {
		return Postgres
	}
	return SQLite
}

// Open connects to a SQLite file path or a postgres:// URL and checks that
// the database answers. It does not migrate.
func Open(ctx context.Context, source string) (*DB, error) {
	db := &DB{Engine: EngineOf(source), Source: source}
	var err error
	switch db.Engine {
	case Postgres:
		if u, perr := url.Parse(source); perr == nil {
			db.Source = u.Redacted()
		}
		db.SQL, err = sql.Open("pgx", source)
		if err == nil {
			db.SQL.SetMaxOpenConns(20)
			// As many kept as may be open: under load, closing idle connections
			// only to open new ones costs PostgreSQL a process each.
			db.SQL.SetMaxIdleConns(20)
			db.SQL.SetConnMaxIdleTime(5 * time.Minute)
		}
	default:
		path := strings.TrimPrefix(source, "file:")
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
			"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=wal_autocheckpoint(0)&_txlock=immediate"
		db.SQL, err = sql.Open("sqlite", dsn)
		if err == nil {
			// WAL lets readers run beside the one writer; this process's
			// writers queue in InTx, other processes' on the busy timeout.
			db.SQL.SetMaxOpenConns(8)
			db.SQL.SetMaxIdleConns(8)
			db.writer = make(chan struct{}, 1)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", db.Source, err)
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.SQL.PingContext(pctx); err != nil {
		db.SQL.Close()
		return nil, fmt.Errorf("connect to database %s: %w", db.Source, err)
	}
	if db.Engine == SQLite {
		db.checkpoints = startCheckpoints(db)
	}
	return db, nil
}

// Close closes the connection pool.
func (db *DB) Close() error {
	if db.checkpoints != nil {
		db.checkpoints.stop()
	}
	db.closeStatements()
	return db.SQL.Close()
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// execer is what *sql.DB and *sql.Tx have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Queries runs statements, inside a transaction or not.
type Queries struct {
	ex     execer
	engine Engine
	db     *DB     // for prepared statements (nil: none)
	tx     *sql.Tx // the transaction ex is, if any
}

// Read returns Queries outside any transaction, for reads.
func (db *DB) Read() *Queries { return &Queries{ex: db.SQL, engine: db.Engine, db: db} }

// InTx runs fn in one transaction: committed if fn returns nil, rolled back
// otherwise. SQLite transactions start IMMEDIATE so writers never deadlock,
// and take their turn in the order they came (see waitToWrite).
func (db *DB) InTx(ctx context.Context, fn func(q *Queries) error) error {
	if db.writer != nil {
		if err := db.waitToWrite(ctx); err != nil {
			return err
		}
		defer func() { <-db.writer }()
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(&Queries{ex: tx, engine: db.Engine, db: db, tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// ErrNotFound is returned by single-row reads that find nothing.
var ErrNotFound = errors.New("not found")

// ErrDuplicate is returned when a unique constraint rejects a write.
var ErrDuplicate = errors.New("duplicate")

// classify maps engine errors to the store's own.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	msg := err.Error()
	if strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505") {
		return fmt.Errorf("%w: %v", ErrDuplicate, err)
	}
	return err
}

// nullID turns 0 into SQL NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idOf scans a nullable reference into 0 or the id.
func idOf(n sql.NullInt64) int64 {
	if n.Valid {
		return n.Int64
	}
	return 0
}

// utc is how every instant is stored: UTC to the microsecond, so both
// engines sort alike and give back exactly what was written.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
