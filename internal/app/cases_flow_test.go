package app_test

import (
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

func TestRepliesAndStatus(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.emp1A, app.NewCase{})
	ev, err := f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: "Vi har tagit emot ditt ärende."})
	if err != nil || ev.Kind != cases.ReplyEvent || ev.Visibility != cases.External {
		t.Fatalf("reply %+v, %v", ev, err)
	}
	d, _ := f.app.Case(f.ctx, f.agent, c.ID)
	if d.Status != cases.Open || !d.FirstResponseAt.Equal(testNow) {
		t.Fatalf("after the first reply: %s, %v", d.Status, d.FirstResponseAt)
	}
	if _, err := f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: "Kollat i Heroma.", Visibility: cases.InternalOnly}); err != nil {
		t.Fatal(err)
	}
	if n := f.jobs(t, app.JobCaseReply); n != 1 {
		t.Fatalf("%d reply mails, want 1 (notes are not mailed)", n)
	}
	if _, err := f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: "Rättat till nästa lön.", Status: cases.Resolved}); err != nil {
		t.Fatal(err)
	}
	d, _ = f.app.Case(f.ctx, f.agent, c.ID)
	if d.Status != cases.Resolved || !d.ResolvedAt.Equal(testNow) || d.Open() {
		t.Fatalf("resolved: %+v", d.Case)
	}
	if f.jobs(t, app.JobCaseReply) != 2 || f.jobs(t, app.JobCaseResolved) != 1 {
		t.Fatal("reply and resolution mails not enqueued")
	}
	_, err = f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: "x", Status: cases.WaitingMember})
	wantKind(t, err, fault.Conflict)
	_, err = f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: " "})
	wantField(t, err, "body")
	if _, err := f.app.ChangeCaseStatus(f.ctx, f.agent, c.ID, cases.Closed); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.ChangeCaseStatus(f.ctx, f.agent, c.ID, cases.Open)
	wantKind(t, err, fault.Conflict)
	_, err = f.app.ChangeCaseStatus(f.ctx, f.agent, c.ID, "finished")
	wantField(t, err, "status")
}

func TestMemberReplyReopensOrFollowsUp(t *testing.T) {
	f := newCaseFixture(t)
	day0 := testNow.AddDate(0, 0, -60)
	c, err := f.app.OpenCase(app.Backfill(f.ctx, day0), f.emp1A, app.NewCase{Type: cases.Question, Subject: "Fråga om skatt", Body: "Fel skattetabell?"})
	if err != nil {
		t.Fatal(err)
	}
	step := func(days int) time.Time { return day0.AddDate(0, 0, days) }
	// Waiting for the member: the member's answer opens the case.
	if _, err := f.app.ReplyToCase(app.Backfill(f.ctx, step(1)), f.agent, c.ID, app.Reply{Body: "Vilken tabell?", Status: cases.WaitingMember}); err != nil {
		t.Fatal(err)
	}
	res, err := f.app.AddMemberMessage(app.Backfill(f.ctx, step(2)), f.emp1A, c.ID, app.MemberMessage{Body: "Tabell 33."})
	if err != nil || res.Outcome != "reopen" || res.Case.Status != cases.Open || res.Case.ID != c.ID {
		t.Fatalf("answer while waiting: %+v, %v", res, err)
	}
	// Resolved, and the member answers within the reopen period: reopened.
	if _, err := f.app.ChangeCaseStatus(app.Backfill(f.ctx, step(3)), f.agent, c.ID, cases.Resolved); err != nil {
		t.Fatal(err)
	}
	res, err = f.app.AddMemberMessage(app.Backfill(f.ctx, step(10)), f.emp1A, c.ID, app.MemberMessage{Body: "Fortfarande fel."})
	if err != nil || res.Outcome != "reopen" || res.Case.Status != cases.Open || !res.Case.ResolvedAt.IsZero() {
		t.Fatalf("answer within the reopen period: %+v, %v", res, err)
	}
	// Resolved, and the answer comes too late: a new, linked case.
	if _, err := f.app.ChangeCaseStatus(app.Backfill(f.ctx, step(11)), f.agent, c.ID, cases.Resolved); err != nil {
		t.Fatal(err)
	}
	res, err = f.app.AddMemberMessage(app.Backfill(f.ctx, step(30)), f.emp1A, c.ID, app.MemberMessage{Body: "Nu blev det fel igen."})
	if err != nil || res.Outcome != "follow_up" || res.Case.ID == c.ID || res.FollowsUp != c.ID {
		t.Fatalf("answer after the reopen period: %+v, %v", res, err)
	}
	follow := res.Case
	if follow.Subject != "Fråga om skatt" || follow.RequesterID != f.emp1.ID || follow.Status != cases.New || follow.TeamID != c.TeamID {
		t.Fatalf("follow-up %+v", follow)
	}
	old, _ := f.app.Case(f.ctx, f.agent, c.ID)
	if old.Status != cases.Closed || len(old.Links) != 1 || old.Links[0].OtherID != follow.ID {
		t.Fatalf("old case %s, links %+v", old.Status, old.Links)
	}
	nd, _ := f.app.Case(f.ctx, f.emp1A, follow.ID)
	if len(nd.Links) != 1 || nd.Links[0].OtherID != c.ID || nd.Timeline[0].Body != "Nu blev det fel igen." {
		t.Fatalf("the member sees the follow-up's link and message: %+v", nd)
	}
	// A closed case: a new case again; an auto-reply never makes one.
	res, err = f.app.AddMemberMessage(f.ctx, f.emp1A, c.ID, app.MemberMessage{Body: "Och en sak till."})
	if err != nil || res.Outcome != "follow_up" {
		t.Fatalf("message to a closed case: %+v, %v", res, err)
	}
	res, err = f.app.AddMemberMessage(f.ctx, f.sys, c.ID, app.MemberMessage{Body: "Jag är på semester.", AutoSubmitted: true})
	if err != nil || res.Outcome != "append" || res.Case.ID != c.ID || res.Event.Channel != cases.Email || res.Event.AuthorID != f.emp1.ID {
		t.Fatalf("auto-reply: %+v, %v", res, err)
	}
	if n := f.jobs(t, app.JobCaseAcknowledgement); n != 1 {
		t.Fatalf("%d acknowledgements, want 1 (the follow-up outside backfill)", n)
	}
	// Centre staff write down what the member said on the phone.
	open := f.open(t, f.emp1A, app.NewCase{})
	res, err = f.app.AddMemberMessage(f.ctx, f.agent, open.ID, app.MemberMessage{Body: "Ringde och kompletterade.", ReceivedAt: ago(time.Hour)})
	if err != nil || res.Event.AuthorID != f.emp1.ID || res.Event.Channel != cases.Phone || !res.Event.CreatedAt.Equal(ago(time.Hour)) {
		t.Fatalf("phone note of a member message: %+v, %v", res.Event, err)
	}
	_, err = f.app.AddMemberMessage(f.ctx, f.agent, open.ID, app.MemberMessage{Body: "x", AuthorID: f.emp2.ID})
	wantField(t, err, "author_id")
}

func TestMergeDuplicate(t *testing.T) {
	f := newCaseFixture(t)
	target := f.open(t, f.emp1A, app.NewCase{Subject: "Lönen saknas"})
	dup := f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Email, Subject: "Lönen saknas!!", Body: "Samma sak igen."})
	other := f.open(t, f.emp2A, app.NewCase{})
	_, err := f.app.MergeCase(f.ctx, f.agent, dup.ID, other.ID)
	wantField(t, err, "into_id")
	_, err = f.app.MergeCase(f.ctx, f.agent, dup.ID, dup.ID)
	wantField(t, err, "into_id")
	m, err := f.app.MergeCase(f.ctx, f.agent, dup.ID, target.ID)
	if err != nil || m.Status != cases.Closed || m.MergedInto != target.ID {
		t.Fatalf("merged %+v, %v", m, err)
	}
	_, err = f.app.MergeCase(f.ctx, f.agent, dup.ID, target.ID)
	wantKind(t, err, fault.Conflict)
	d, _ := f.app.Case(f.ctx, f.emp1A, target.ID)
	fromDup := 0
	for _, e := range d.Timeline {
		if e.CaseID == dup.ID {
			fromDup++
		}
	}
	if len(d.Merged) != 1 || fromDup < 2 {
		t.Fatalf("target's timeline does not show the duplicate: merged %d, events %d", len(d.Merged), fromDup)
	}
	dd, _ := f.app.Case(f.ctx, f.agent, dup.ID)
	if dd.MergedIntoReference != target.Reference {
		t.Fatalf("duplicate points to %q", dd.MergedIntoReference)
	}
	res, err := f.app.AddMemberMessage(f.ctx, f.emp1A, dup.ID, app.MemberMessage{Body: "Har ni sett mitt mejl?"})
	if err != nil || res.Case.ID != target.ID || res.Outcome != "append" {
		t.Fatalf("message to the duplicate: %+v, %v", res, err)
	}
	_, err = f.app.ReplyToCase(f.ctx, f.agent, dup.ID, app.Reply{Body: "x"})
	wantKind(t, err, fault.Conflict)
}

func TestHandOverAndAssign(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.emp1A, app.NewCase{}) // u1a: Löneteam 2 serves it
	if c.TeamID != f.firstLine.ID {
		t.Fatalf("routed to %d", c.TeamID)
	}
	_, err := f.app.AssignCase(f.ctx, f.agent, c.ID, app.Assignment{AssigneeID: f.pia.ID})
	wantField(t, err, "assignee_id")
	a, err := f.app.AssignCase(f.ctx, f.agent, c.ID, app.Assignment{AssigneeID: f.fixture.agent.ID})
	if err != nil || a.AssigneeID != f.fixture.agent.ID || a.Status != cases.Open {
		t.Fatalf("take: %+v, %v", a, err)
	}
	_, err = f.app.HandOver(f.ctx, f.agent, c.ID, app.HandOverInput{})
	wantField(t, err, "reason")
	h, err := f.app.HandOver(f.ctx, f.agent, c.ID, app.HandOverInput{Reason: "Retroaktiv lön, behöver lönekonsult"})
	if err != nil || h.TeamID != f.payroll.ID || h.Line != cases.SecondLine || h.AssigneeID != 0 {
		t.Fatalf("hand-over %+v, %v", h, err)
	}
	d, _ := f.app.Case(f.ctx, f.agent, c.ID)
	last := d.Timeline[len(d.Timeline)-1]
	if last.Kind != cases.HandOverEvent || last.Body != "Retroaktiv lön, behöver lönekonsult" || last.Visibility != cases.InternalOnly {
		t.Fatalf("hand-over event %+v", last)
	}
	page, err := f.app.Queue(f.ctx, f.piaA, app.QueueQuery{Queue: app.QueueMyTeams})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != c.ID {
		t.Fatalf("payroll team's queue: %+v, %v", page.Items, err)
	}
	if a, err = f.app.AssignCase(f.ctx, f.piaA, c.ID, app.Assignment{AssigneeID: f.pia.ID}); err != nil || a.AssigneeID != f.pia.ID {
		t.Fatalf("assign in team: %v", err)
	}
	if a, err = f.app.AssignCase(f.ctx, f.piaA, c.ID, app.Assignment{}); err != nil || a.AssigneeID != 0 {
		t.Fatalf("unassign: %v", err)
	}
	// A unit no team serves needs the team named.
	c2 := f.open(t, f.emp1bA, app.NewCase{})
	_, err = f.app.HandOver(f.ctx, f.agent, c2.ID, app.HandOverInput{Reason: "Pension"})
	wantField(t, err, "team_id")
	h, err = f.app.HandOver(f.ctx, f.agent, c2.ID, app.HandOverInput{Reason: "Pension", TeamID: f.pension.ID})
	if err != nil || h.TeamID != f.pension.ID {
		t.Fatalf("hand-over to a chosen team: %+v, %v", h, err)
	}
	// Reassignment to another team with an assignee from it.
	r, err := f.app.AssignCase(f.ctx, f.agent, c2.ID, app.Assignment{TeamID: f.payroll.ID, AssigneeID: f.pia.ID})
	if err != nil || r.TeamID != f.payroll.ID || r.AssigneeID != f.pia.ID {
		t.Fatalf("reassign: %+v, %v", r, err)
	}
	member, _ := f.app.Case(f.ctx, f.emp1bA, c2.ID)
	for _, e := range member.Timeline {
		if e.Kind == cases.HandOverEvent {
			t.Fatal("the member sees a hand-over reason")
		}
	}
}

func TestUpdateCase(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.emp1A, app.NewCase{})
	order := cases.Order
	_, err := f.app.UpdateCase(f.ctx, f.agent, c.ID, app.CaseChanges{Type: &order})
	wantField(t, err, "service_id")
	svc := f.services["certificates"].ID
	high := cases.High
	tags := []string{"Intyg", "brådskande"}
	yes := true
	subject := "Beställning av tjänstgöringsintyg"
	u, err := f.app.UpdateCase(f.ctx, f.agent, c.ID, app.CaseChanges{Type: &order, ServiceID: &svc, Priority: &high, Tags: &tags,
		Confidential: &yes, Subject: &subject})
	if err != nil || u.Type != cases.Order || u.ServiceID != svc || u.Priority != cases.High || u.Tags[0] != "intyg" || !u.Confidential {
		t.Fatalf("update %+v, %v", u, err)
	}
	d, _ := f.app.Case(f.ctx, f.agent, c.ID)
	var ext, in int
	for _, e := range d.Timeline {
		if e.Kind == cases.UpdateEvent && e.Visibility == cases.External {
			ext = len(e.Changes)
		}
		if e.Kind == cases.UpdateEvent && e.Visibility == cases.InternalOnly {
			in = len(e.Changes)
		}
	}
	if ext != 5 || in != 2 {
		t.Fatalf("update events: %d external changes, %d internal", ext, in)
	}
	page, _ := f.app.SearchCases(f.ctx, f.agent, app.SearchQuery{Text: "tjänstgöringsintyg"})
	if len(page.Items) != 1 {
		t.Fatal("the new subject is not searchable")
	}
	_, err = f.app.UpdateCase(f.ctx, f.emp1A, c.ID, app.CaseChanges{Priority: &high})
	wantKind(t, err, fault.Forbidden)
	bad := cases.Priority("asap")
	_, err = f.app.UpdateCase(f.ctx, f.agent, c.ID, app.CaseChanges{Priority: &bad})
	wantField(t, err, "priority")
}
