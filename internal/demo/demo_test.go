package demo_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/demo"
	"samverkan/internal/store/dbtest"
)

func TestLoadIsIdempotentAndLoginsWork(t *testing.T) {
	ctx := context.Background()
	a := app.New(dbtest.Open(t))
	var out bytes.Buffer
	// The organisation part twice: the second start loads nothing.
	for range 2 {
		if _, err := demo.Start(ctx, a, &out); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(out.String(), "demo organisation loaded"); n != 1 {
		t.Fatalf("loaded %d times, want once:\n%s", n, out.String())
	}
	if n := strings.Count(out.String(), "admin@demo.example"); n != 2 {
		t.Fatalf("logins printed %d times, want on every start", n)
	}
	sys := app.SystemActor("test")
	members, err := a.ListMembers(ctx, sys, app.MemberQuery{})
	if err != nil || len(members.Items) != 8 {
		t.Fatalf("%d members, %v; want 8", len(members.Items), err)
	}
	people, err := a.ListPeople(ctx, sys, app.PersonQuery{PageRequest: app.PageRequest{Limit: 200}})
	if err != nil || len(people.Items) != 200 || people.NextCursor == "" {
		t.Fatalf("want more than 200 people, got %d (next %q), %v", len(people.Items), people.NextCursor, err)
	}
	for _, lg := range demo.Logins {
		token, err := a.SignIn(ctx, lg.Email, demo.Password)
		if err != nil {
			t.Fatalf("sign in as %s: %v", lg.Email, err)
		}
		act, err := a.SessionActor(ctx, token)
		if err != nil || act.Email != lg.Email {
			t.Fatalf("session of %s: %+v, %v", lg.Email, act, err)
		}
	}
	// The assistant can act for the manager.
	token, _ := a.SignIn(ctx, "chefsstod@demo.example", demo.Password)
	act, _ := a.SessionActor(ctx, token)
	principals, err := a.Principals(ctx, act)
	if err != nil || len(principals) != 1 || principals[0].Email != "chef@demo.example" {
		t.Fatalf("principals %+v, %v", principals, err)
	}
}
