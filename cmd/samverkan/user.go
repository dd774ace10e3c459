package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"samverkan/internal/app"
	"samverkan/internal/auth"
	"samverkan/internal/org"
)

func userCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: samverkan user add|list|set-password [flags]")
		return errUsage
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], stdout, stderr)
	case "list":
		return userList(ctx, args[1:], stdout, stderr)
	case "set-password":
		return userSetPassword(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "samverkan user: unknown subcommand %q (add, list, set-password)\n", args[0])
	return errUsage
}

func userAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("user add", stderr)
	source := dbFlag(fs)
	email := fs.String("email", "", "e-mail address (the sign-in name)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "admin", "centre role: admin, team_lead or agent")
	password := fs.String("password", "", "password (at least 10 characters); generated and printed when empty")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var p []string
	if *email == "" {
		p = append(p, "--email is required")
	}
	if *name == "" {
		p = append(p, "--name is required")
	}
	if !org.Role(*role).IsCentre() {
		p = append(p, fmt.Sprintf("--role %q must be admin, team_lead or agent (member-side people are added in the web UI or API)", *role))
	}
	if *password != "" && len([]rune(*password)) < auth.MinPasswordLength {
		p = append(p, auth.ErrWeakPassword.Error())
	}
	if err := problemsErr(append(p, checkDB(*source)...)); err != nil {
		return err
	}
	db, a, err := openForTool(ctx, *source)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := app.SystemActor("command line")
	person, err := a.CreatePerson(ctx, sys, org.Person{Name: *name, Email: *email, Grants: []org.Grant{{Role: org.Role(*role)}}})
	if err != nil {
		return err
	}
	pw := *password
	if pw == "" {
		pw = auth.RandomString(12)
	}
	if err := a.SetPassword(ctx, sys, person.ID, pw); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s <%s> as %s (id %d)\n", person.Name, person.Email, *role, person.ID)
	if *password == "" {
		fmt.Fprintf(stdout, "password: %s\n", pw)
	}
	return nil
}

func userList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("user list", stderr)
	source := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, a, err := openForTool(ctx, *source)
	if err != nil {
		return err
	}
	defer db.Close()
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tE-MAIL\tMEMBER\tROLES\tACTIVE")
	pr := app.PageRequest{Limit: 200}
	for {
		page, err := a.ListPeople(ctx, app.SystemActor("command line"), app.PersonQuery{PageRequest: pr})
		if err != nil {
			return err
		}
		for _, p := range page.Items {
			member := "centre"
			if p.MemberID != 0 {
				member = strconv.FormatInt(p.MemberID, 10)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%v\n", p.ID, p.Name, p.Email, member, grantsText(p.Grants), p.Active)
		}
		if page.NextCursor == "" {
			break
		}
		pr.Cursor = page.NextCursor
	}
	return tw.Flush()
}

func grantsText(gs []org.Grant) string {
	var parts []string
	for _, g := range gs {
		s := string(g.Role)
		if g.Level != "" {
			s += "(" + string(g.Level) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

func userSetPassword(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("user set-password", stderr)
	source := dbFlag(fs)
	email := fs.String("email", "", "e-mail address of the person")
	password := fs.String("password", "", "new password (at least 10 characters); generated and printed when empty")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *email == "" {
		return problemsErr([]string{"--email is required"})
	}
	db, a, err := openForTool(ctx, *source)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := app.SystemActor("command line")
	page, err := a.ListPeople(ctx, sys, app.PersonQuery{Search: strings.ToLower(*email)})
	if err != nil {
		return err
	}
	var id int64
	for _, p := range page.Items {
		if p.Email == strings.ToLower(*email) {
			id = p.ID
		}
	}
	if id == 0 {
		return fmt.Errorf("no person has the e-mail address %s", *email)
	}
	pw := *password
	if pw == "" {
		pw = auth.RandomString(12)
	}
	if err := a.SetPassword(ctx, sys, id, pw); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "password set for %s\n", *email)
	if *password == "" {
		fmt.Fprintf(stdout, "password: %s\n", pw)
	}
	return nil
}
