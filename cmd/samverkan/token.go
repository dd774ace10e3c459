package main

import (
	"context"
	"fmt"
	"io"

	"samverkan/internal/app"
)

func tokenCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "create" && args[0] != "revoke") {
		fmt.Fprintln(stderr, "usage: samverkan token create --user EMAIL [--name NAME] | samverkan token revoke --id N")
		return errUsage
	}
	fs := newFlagSet("token "+args[0], stderr)
	source := dbFlag(fs)
	user := fs.String("user", "", "e-mail address of the token's owner")
	name := fs.String("name", "command line", "what the token is for")
	id := fs.Int64("id", 0, "id of the token to revoke")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if args[0] == "create" && *user == "" {
		return problemsErr([]string{"--user is required"})
	}
	if args[0] == "revoke" && *id <= 0 {
		return problemsErr([]string{"--id is required"})
	}
	db, a, err := openForTool(ctx, *source)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := app.SystemActor("command line")
	if args[0] == "revoke" {
		if err := a.RevokeAPIToken(ctx, sys, *id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "token %d revoked\n", *id)
		return nil
	}
	secret, err := a.IssueTokenByEmail(ctx, sys, *user, *name)
	if err != nil {
		return err
	}
	// The token is the last line, so scripts can take it with tail -n 1.
	fmt.Fprintf(stdout, "API token for %s (use as Authorization: Bearer …; shown once):\n%s\n", *user, secret)
	return nil
}
