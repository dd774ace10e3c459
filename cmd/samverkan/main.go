// Command samverkan runs Samverkan: the web UI, the API and the background
// work of a shared HR and payroll service centre, on SQLite or PostgreSQL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"samverkan/internal/app"
	"samverkan/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `samverkan — the meeting place of a shared HR and payroll service centre and its members

Usage:
  samverkan serve    [--addr 127.0.0.1:8080] [--db PATH_OR_URL] [--demo]   run the web UI and API
  samverkan migrate  [--db PATH_OR_URL]                                    apply database migrations
  samverkan user add --email E --name N [--role admin] [--password P]      add a centre user
  samverkan user list [--db ...]                                           list people who can sign in
  samverkan user set-password --email E [--password P]                     set a password
  samverkan token create --user EMAIL [--name NAME]                        print a new API token
  samverkan token revoke --id N                                            revoke an API token
  samverkan calendar holidays|add ...                                      business calendar
  samverkan bench intake [--db …] [--cases N] [--create N] [--clients N]  measure case intake
  samverkan version                                                        print the version

Every flag also reads the environment variable SAMVERKAN_<FLAG>, e.g. SAMVERKAN_DB.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		err = serveCommand(ctx, rest, stdout, stderr)
	case "migrate":
		err = migrateCommand(ctx, rest, stdout, stderr)
	case "user":
		err = userCommand(ctx, rest, stdout, stderr)
	case "token":
		err = tokenCommand(ctx, rest, stdout, stderr)
	case "calendar":
		return calendarCommand(rest, stdout, stderr)
	case "bench":
		err = benchCommand(ctx, rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "samverkan %s (schema %d)\n", version, store.SchemaVersion())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "samverkan: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(stderr, "samverkan:", err)
	return 1
}

// errUsage marks an error already explained to the user.
var errUsage = errors.New("usage")

// openMigrated opens the database and applies pending migrations.
func openMigrated(ctx context.Context, source string, progress io.Writer) (*store.DB, error) {
	db, err := store.Open(ctx, source)
	if err != nil {
		return nil, err
	}
	err = db.Migrate(ctx, func(v int, name string) {
		if progress != nil {
			fmt.Fprintf(progress, "migrated to %s\n", name)
		}
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openForTool opens and migrates the database for a command-line tool.
func openForTool(ctx context.Context, source string) (*store.DB, *app.App, error) {
	db, err := openMigrated(ctx, source, nil)
	if err != nil {
		return nil, nil, err
	}
	return db, app.New(db), nil
}

func migrateCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", stderr)
	source := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p := checkDB(*source); len(p) > 0 {
		return problemsErr(p)
	}
	db, err := openMigrated(ctx, *source, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.CurrentVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database %s is at schema version %d\n", db.Source, v)
	return nil
}
