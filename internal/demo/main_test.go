package demo_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/demo"
	"samverkan/internal/store/dbtest"
)

// shared is one database with the whole demo, loaded once for the tests
// that only read it: a full load takes a good while, on PostgreSQL most.
var shared *app.App

func TestMain(m *testing.M) {
	db, cleanup, err := dbtest.OpenShared()
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo tests:", err)
		os.Exit(1)
	}
	shared = app.New(db)
	if err := demo.Load(context.Background(), shared, io.Discard); err != nil {
		cleanup()
		fmt.Fprintln(os.Stderr, "demo tests: load:", err)
		os.Exit(1)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// loaded is the App over the shared demo database.
func loaded(t *testing.T) *app.App {
	t.Helper()
	return shared
}
