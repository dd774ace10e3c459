// Package dbtest gives each test a fresh, migrated database. By default it
// is a SQLite file in the test's temporary directory; with
// SAMVERKAN_TEST_DB set to a postgres:// URL, every test gets its own newly
// created PostgreSQL database on that server, dropped when the test ends.
// The same suite thus runs on both engines.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"samverkan/internal/store"
)

// EnvVar names the variable that selects PostgreSQL.
const EnvVar = "SAMVERKAN_TEST_DB"

// Source returns a --db value for a fresh empty database and registers its
// removal with t.
func Source(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvVar)
	if store.EngineOf(base) != store.Postgres {
		return filepath.Join(t.TempDir(), "samverkan.db")
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvVar, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "samverkan_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("create test database on %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		admin.Close()
	})
	u.Path = "/" + name
	return u.String()
}

// OpenShared returns a fresh migrated database for a whole test package
// (from TestMain, where there is no test to clean up after) and the
// function that removes it.
func OpenShared() (*store.DB, func(), error) {
	ctx := context.Background()
	base := os.Getenv(EnvVar)
	var source string
	var drop func()
	if store.EngineOf(base) == store.Postgres {
		b := make([]byte, 6)
		rand.Read(b)
		name := "samverkan_test_" + hex.EncodeToString(b)
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return nil, nil, err
		}
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			admin.Close()
			return nil, nil, err
		}
		drop = func() {
			admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
			admin.Close()
		}
		u, _ := url.Parse(base)
		u.Path = "/" + name
		source = u.String()
	} else {
		dir, err := os.MkdirTemp("", "samverkan-test-")
		if err != nil {
			return nil, nil, err
		}
		drop = func() { os.RemoveAll(dir) }
		source = filepath.Join(dir, "samverkan.db")
	}
	db, err := store.Open(ctx, source)
	if err == nil {
		err = db.Migrate(ctx, nil)
	}
	if err != nil {
		drop()
		return nil, nil, err
	}
	return db, func() { db.Close(); drop() }, nil
}

// Open returns a fresh migrated database, closed when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, Source(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return db
}
