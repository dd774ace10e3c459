package demo_test

import (
	"context"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/demo"
)

// TestDemoCases: about 2,000 cases over the year in every channel and
// status, with threads, notes, hand-overs, merged duplicates, follow-ups
// and repeat contacts; the demo logins see their share; no e-mail queued.
func TestDemoCases(t *testing.T) {
	ctx := context.Background()
	a := loaded(t)
	sys := app.SystemActor("test")
	var all []app.CaseView
	for cursor := ""; ; {
		page, err := a.Queue(ctx, sys, app.QueueQuery{Queue: app.QueueAll, PageRequest: app.PageRequest{Limit: 200, Cursor: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(all) < 2000 || len(all) > 2100 {
		t.Fatalf("%d demo cases", len(all))
	}
	statuses, channels, teams := map[cases.Status]int{}, map[cases.Channel]int{}, map[string]int{}
	var merged, second, confidential int
	oldest := time.Now()
	for _, v := range all {
		statuses[v.Status]++
		channels[v.Channel]++
		teams[v.TeamName]++
		if v.MergedInto != 0 {
			merged++
		}
		if v.Line == cases.SecondLine {
			second++
		}
		if v.Confidential {
			confidential++
		}
		if v.ReceivedAt.Before(oldest) {
			oldest = v.ReceivedAt
		}
	}
	for _, s := range cases.Statuses {
		if statuses[s] == 0 {
			t.Errorf("no demo case is %s: %v", s, statuses)
		}
	}
	for _, ch := range []cases.Channel{cases.Phone, cases.Email, cases.Portal, cases.WebForm} {
		if channels[ch] < 50 {
			t.Errorf("few %s cases: %v", ch, channels)
		}
	}
	if len(teams) < 5 || merged < 3 || second < 200 || confidential == 0 || time.Since(oldest) < 300*24*time.Hour {
		t.Errorf("teams %v, merged %d, second line %d, confidential %d, oldest %s", teams, merged, second, confidential, oldest)
	}
	rep, err := a.RepeatContactReport(ctx, sys, app.RepeatQuery{MinCases: 4})
	if err != nil || len(rep.People) < 5 || len(rep.Units) == 0 {
		t.Fatalf("repeat contacts: %d people, %d units, %v", len(rep.People), len(rep.Units), err)
	}
	found, err := a.SearchCases(ctx, sys, app.SearchQuery{Text: "arbetsgivarintyg"})
	if err != nil || len(found.Items) == 0 {
		t.Fatalf("search: %v", err)
	}
	if n, _ := a.CountJobs(ctx, app.JobCaseAcknowledgement); n != 0 {
		t.Fatalf("the demo queued %d e-mails", n)
	}
	// The employee's own cases and the contact's member's cases show.
	for _, email := range []string{"anstalld@demo.example", "operativ@demo.example", "agent@demo.example"} {
		token, err := a.SignIn(ctx, email, demo.Password)
		if err != nil {
			t.Fatal(err)
		}
		act, _ := a.SessionActor(ctx, token)
		page, err := a.Queue(ctx, act, app.QueueQuery{})
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		if email != "anstalld@demo.example" && len(page.Items) == 0 {
			t.Errorf("%s sees no cases", email)
		}
	}
}
