package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

func TestOpenPhoneCase(t *testing.T) {
	f := newCaseFixture(t)
	received := ago(20 * time.Minute)
	c := f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Phone, ReceivedAt: received,
		Subject: "Saknar OB-tillägg", Body: "Ringde om OB-tillägg för oktober som saknas.", ServiceID: f.services["payroll"].ID})
	if c.Reference != "2026-000001" || c.Status != cases.New || c.MemberID != f.m1.ID || c.UnitID != f.u1a.ID ||
		c.TeamID != f.firstLine.ID || c.Line != cases.FirstLine || !c.ReceivedAt.Equal(received) || c.FiledByID != 0 {
		t.Fatalf("case %+v", c)
	}
	d, err := f.app.Case(f.ctx, f.agent, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.RequesterName != "Åsa Öberg" || d.TeamName != "Första linjen" || d.ServiceName.SV != "Lönehantering" || d.UnitName != "Grundskolor söder" {
		t.Fatalf("names %+v", d.CaseView)
	}
	if len(d.Timeline) != 1 {
		t.Fatalf("timeline %+v", d.Timeline)
	}
	e := d.Timeline[0]
	if e.Kind != cases.MessageEvent || e.AuthorID != f.fixture.agent.ID || e.Channel != cases.Phone || !e.CreatedAt.Equal(received) ||
		e.Body != "Ringde om OB-tillägg för oktober som saknas." {
		t.Fatalf("opening message %+v", e)
	}
	if !d.Actions.Reply || !d.Actions.HandOver {
		t.Fatalf("actions %+v", d.Actions)
	}
	if n := f.jobs(t, app.JobCaseAcknowledgement); n != 1 {
		t.Fatalf("%d acknowledgements, want 1", n)
	}
	audit, err := f.app.AuditLog(f.ctx, f.sys, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "case", EntityID: c.ID}})
	if err != nil || len(audit.Items) != 1 || audit.Items[0].Action != "create" || audit.Items[0].ActorID != f.fixture.agent.ID {
		t.Fatalf("audit %+v, %v", audit.Items, err)
	}

	// Numbers run on; the prefix decorates new ones; both forms find a case.
	c2 := f.open(t, f.agent, app.NewCase{RequesterEmail: "ERIK@hoganas.example"})
	if c2.Reference != "2026-000002" || c2.RequesterID != f.emp1b.ID || c2.UnitID != f.u1b.ID {
		t.Fatalf("second case %+v", c2)
	}
	if _, err := f.app.UpdateCaseSettings(f.ctx, f.admin, app.CaseSettings{Prefix: "HRSC", ReopenDays: 14, AttachmentMaxBytes: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	c3 := f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID})
	if c3.Reference != "HRSC2026-000003" {
		t.Fatalf("prefixed reference %s", c3.Reference)
	}
	for _, ref := range []string{"HRSC2026-000003", "2026-000003", "hrsc2026-000003"} {
		if d, err := f.app.CaseByReference(f.ctx, f.agent, ref); err != nil || d.ID != c3.ID {
			t.Fatalf("by reference %s: %v, %v", ref, d.ID, err)
		}
	}
	// A new year starts a new series (in the centre's time zone).
	newYear := app.Backfill(f.ctx, time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC))
	c4, err := f.app.OpenCase(newYear, f.agent, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Nyårsfråga", Body: "Gott nytt år"})
	if err != nil || c4.Reference != "HRSC2027-000001" {
		t.Fatalf("new year: %+v, %v", c4.Reference, err)
	}
}

func TestOpenCaseBadInput(t *testing.T) {
	f := newCaseFixture(t)
	base := app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Phone, Type: cases.Question, Subject: "Fråga", Body: "Text"}
	tests := []struct {
		name  string
		edit  func(*app.NewCase)
		field string
	}{
		{"unknown member", func(n *app.NewCase) { n.MemberID = 9999 }, "member_id"},
		{"requester of another member", func(n *app.NewCase) { n.MemberID = f.m2.ID }, "requester_id"},
		{"unknown unit", func(n *app.NewCase) { n.UnitID = 9999 }, "unit_id"},
		{"unit of another member", func(n *app.NewCase) { n.UnitID = f.u2.ID }, "unit_id"},
		{"unknown requester", func(n *app.NewCase) { n.RequesterID = 9999 }, "requester_id"},
		{"unknown requester e-mail", func(n *app.NewCase) { n.RequesterID, n.RequesterEmail = 0, "nobody@hoganas.example" }, "requester_email"},
		{"bad requester e-mail", func(n *app.NewCase) { n.RequesterID, n.RequesterEmail = 0, "not an address" }, "requester_email"},
		{"no requester", func(n *app.NewCase) { n.RequesterID = 0 }, "requester_id"},
		{"unknown service", func(n *app.NewCase) { n.ServiceID = 9999 }, "service_id"},
		{"order without service", func(n *app.NewCase) { n.Type = cases.Order }, "service_id"},
		{"correction without period", func(n *app.NewCase) {
			n.Type, n.Details = cases.Correction, map[string]string{"employee": "Åsa"}
		}, "details.pay_period"},
		{"in the future", func(n *app.NewCase) { n.ReceivedAt = testNow.Add(time.Hour) }, "received_at"},
		{"unknown team", func(n *app.NewCase) { n.TeamID = 9999 }, "team_id"},
		{"assignee not in team", func(n *app.NewCase) { n.AssigneeID = f.pia.ID }, "assignee_id"},
		{"assignee not staff", func(n *app.NewCase) { n.AssigneeID = f.emp1.ID }, "assignee_id"},
		{"bad channel", func(n *app.NewCase) { n.Channel = "fax" }, "channel"},
		{"no subject", func(n *app.NewCase) { n.Subject = "  " }, "subject"},
	}
	for _, tt := range tests {
		in := base
		tt.edit(&in)
		_, err := f.app.OpenCase(f.ctx, f.agent, in)
		e, ok := fault.As(err)
		if !ok || e.Kind != fault.Invalid {
			t.Errorf("%s: err %v, want invalid", tt.name, err)
			continue
		}
		found := false
		for _, fe := range e.Fields {
			found = found || fe.Field == tt.field
		}
		if !found {
			t.Errorf("%s: fields %+v, want %s", tt.name, e.Fields, tt.field)
		}
	}
	page, err := f.app.Queue(f.ctx, f.admin, app.QueueQuery{Queue: app.QueueAll})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("rejected input saved cases: %d, %v", len(page.Items), err)
	}
	if n := f.jobs(t, app.JobCaseAcknowledgement); n != 0 {
		t.Fatalf("%d jobs after rejected input", n)
	}
	// Nothing is half-saved when the transaction fails late.
	boom := errors.New("boom")
	in := base
	in.Also = func(context.Context, *store.Queries, cases.Case) error { return boom }
	if _, err := f.app.OpenCase(f.ctx, f.agent, in); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	c := f.open(t, f.agent, base)
	if c.Reference != "2026-000001" {
		t.Fatalf("a rolled-back case used up number: %s", c.Reference)
	}
	// Signed-out callers and centre people without a case role are refused.
	_, err = f.app.OpenCase(f.ctx, app.Actor{}, base)
	wantKind(t, err, fault.Unauthenticated)
	_, err = f.app.Queue(f.ctx, app.Actor{PersonID: f.lead.ID, Name: "x"}, app.QueueQuery{})
	wantKind(t, err, fault.Forbidden)
}

func TestOpenCaseFromMemberSide(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.emp1A, app.NewCase{Type: cases.Correction, ReceivedAt: ago(48 * time.Hour), Subject: "Fel lön i oktober",
		Details: map[string]string{"employee": "Åsa Öberg", "pay_period": "2026-10"}})
	if c.RequesterID != f.emp1.ID || c.MemberID != f.m1.ID || c.UnitID != f.u1a.ID || c.Channel != cases.Portal ||
		!c.ReceivedAt.Equal(testNow) || c.Details["pay_period"] != "2026-10" {
		t.Fatalf("portal case %+v", c)
	}
	d, err := f.app.Case(f.ctx, f.emp1A, c.ID)
	if err != nil || d.Timeline[0].AuthorID != f.emp1.ID || !d.Actions.Message || d.Actions.Reply {
		t.Fatalf("portal case detail %+v, %v", d, err)
	}
	forbidden := []app.NewCase{
		{MemberID: f.m2.ID},
		{RequesterID: f.emp1b.ID},
		{RequesterEmail: f.emp2.Email},
		{UnitID: f.u2.ID},
		{TeamID: f.payroll.ID},
		{AssigneeID: f.pia.ID},
	}
	for i, in := range forbidden {
		in.Type, in.Subject, in.Body = cases.Question, "Fråga", "Text"
		_, err := f.app.OpenCase(f.ctx, f.emp1A, in)
		if fault.KindOf(err) != fault.Forbidden {
			t.Errorf("case %d: err %v, want forbidden", i, err)
		}
	}
	_, err = f.app.OpenCase(f.ctx, f.emp1A, app.NewCase{Type: cases.Question, Subject: "s", Body: "b", Channel: cases.Phone})
	wantField(t, err, "channel")
	_, err = f.app.OpenCase(f.ctx, f.emp1A, app.NewCase{Type: cases.Question, Subject: "s", Body: "b", ServiceID: 9999})
	wantField(t, err, "service_id")

	// A substitute files and sees the principal's cases.
	sub := f.subActing(t)
	sc := f.open(t, sub, app.NewCase{Subject: "Semester för Åsa"})
	if sc.RequesterID != f.emp1.ID || sc.FiledByID != f.sub.ID {
		t.Fatalf("substitute's case %+v", sc)
	}
	page, err := f.app.Queue(f.ctx, sub, app.QueueQuery{})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("substitute sees %d cases, %v", len(page.Items), err)
	}
	sd, err := f.app.Case(f.ctx, sub, c.ID)
	if err != nil || sd.Timeline[0].OnBehalfOf != 0 {
		t.Fatalf("substitute reading principal's case: %v", err)
	}
	if sev, _ := f.app.Case(f.ctx, f.emp1A, sc.ID); sev.Timeline[0].AuthorID != f.sub.ID || sev.Timeline[0].OnBehalfOf != f.emp1.ID {
		t.Fatalf("substitute's message %+v", sev.Timeline[0])
	}
}

func TestAcknowledgementJobs(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.emp1A, app.NewCase{})
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, AutoSubmitted: true, Channel: cases.Email})
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, NoAcknowledgement: true})
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Internal})
	f.open(t, f.agent, app.NewCase{RequesterID: f.fixture.agent.ID, MemberID: f.m1.ID, Channel: cases.Internal})
	if _, err := f.app.OpenCase(app.Backfill(f.ctx, ago(time.Hour)), f.agent, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Phone,
		Type: cases.Question, Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	if n := f.jobs(t, app.JobCaseAcknowledgement); n != 1 {
		t.Fatalf("%d acknowledgements, want 1", n)
	}
	d, _ := f.app.Case(f.ctx, f.agent, c.ID)
	j, err := f.db.Read().ClaimJob(f.ctx, "test", []string{app.JobCaseAcknowledgement}, testNow.Add(time.Hour), testNow.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var p app.CaseMailPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p.CaseID != c.ID || p.EventID != d.Timeline[0].ID {
		t.Fatalf("payload %s (%v), want case %d event %d", j.Payload, err, c.ID, d.Timeline[0].ID)
	}
	// An automatic mail's case gets no notice of resolution either.
	auto := f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, AutoSubmitted: true, Channel: cases.Email})
	if _, err := f.app.ChangeCaseStatus(f.ctx, f.agent, auto.ID, cases.Resolved); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ChangeCaseStatus(f.ctx, f.agent, c.ID, cases.Resolved); err != nil {
		t.Fatal(err)
	}
	if n := f.jobs(t, app.JobCaseResolved); n != 1 {
		t.Fatalf("%d resolution notices, want 1", n)
	}
}

func TestOpenCasesConcurrently(t *testing.T) {
	f := newCaseFixture(t)
	boom := errors.New("boom")
	const n = 40
	type result struct {
		c   cases.Case
		err error
	}
	results := make(chan result, n)
	for i := range n {
		go func() {
			in := app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Phone, Type: cases.Question, Subject: "Samtidigt", Body: "Text"}
			if i%5 == 0 {
				in.Also = func(context.Context, *store.Queries, cases.Case) error { return boom }
			}
			if i%7 == 0 {
				in.Also = func(context.Context, *store.Queries, cases.Case) error { panic("hook") }
			}
			c, err := f.app.OpenCase(f.ctx, f.agent, in)
			results <- result{c, err}
		}()
	}
	seqs := map[int64]bool{}
	failed := 0
	for range n {
		r := <-results
		if r.err != nil {
			failed++
			continue
		}
		if seqs[r.c.Seq] || r.c.ID == 0 {
			t.Fatalf("duplicate or empty case %+v", r.c)
		}
		seqs[r.c.Seq] = true
	}
	wantFailed := 0
	for i := range n {
		if i%5 == 0 || i%7 == 0 {
			wantFailed++
		}
	}
	if failed != wantFailed {
		t.Fatalf("%d failed, want %d", failed, wantFailed)
	}
	for s := int64(1); s <= int64(n-wantFailed); s++ {
		if !seqs[s] {
			t.Fatalf("numbers have a gap at %d: %v", s, seqs)
		}
	}
	page, err := f.app.Queue(f.ctx, f.admin, app.QueueQuery{Queue: app.QueueAll, PageRequest: app.PageRequest{Limit: 100}})
	if err != nil || len(page.Items) != n-wantFailed {
		t.Fatalf("%d cases stored, want %d (%v)", len(page.Items), n-wantFailed, err)
	}
}
