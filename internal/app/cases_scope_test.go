package app_test

import (
	"slices"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

func TestCaseScoping(t *testing.T) {
	f := newCaseFixture(t)
	c1 := f.open(t, f.emp1A, app.NewCase{Subject: "Åsas fråga"})                        // u1a
	c2 := f.open(t, f.emp1bA, app.NewCase{Subject: "Eriks fråga"})                      // u1b
	c3 := f.open(t, f.emp2A, app.NewCase{Subject: "Evas fråga"})                        // another member
	c5 := f.open(t, f.emp1A, app.NewCase{Subject: "Åsas känsliga", Confidential: true}) // first line, confidential
	c6 := f.open(t, f.admin, app.NewCase{RequesterID: f.emp1b.ID, UnitID: f.u1a.ID, Subject: "Rehabärende",
		Confidential: true, TeamID: f.payroll.ID})
	all := []int64{c1.ID, c2.ID, c3.ID, c5.ID, c6.ID}
	tests := []struct {
		name string
		by   app.Actor
		sees []int64
	}{
		{"employee: own cases, confidential too", f.emp1A, []int64{c1.ID, c5.ID}},
		{"other employee: own only", f.emp1bA, []int64{c2.ID, c6.ID}},
		{"manager of u1: the unit and below, not confidential", f.mgr1A, []int64{c1.ID}},
		{"assistant without grant unit: own unit", f.asst1A, []int64{c2.ID}},
		{"contact person: the member's non-confidential", f.contact1A, []int64{c1.ID, c2.ID}},
		{"another member's employee", f.emp2A, []int64{c3.ID}},
		{"agent of first line: confidential of own team", f.agent, []int64{c1.ID, c2.ID, c3.ID, c5.ID}},
		{"payroll agent: confidential of own team", f.piaA, []int64{c1.ID, c2.ID, c3.ID, c6.ID}},
		{"team lead: all", f.leadA, all},
		{"admin: all", f.admin, all},
	}
	for _, tt := range tests {
		page, err := f.app.Queue(f.ctx, tt.by, app.QueueQuery{Queue: app.QueueAll})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []int64
		for _, v := range page.Items {
			got = append(got, v.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.sees) {
			t.Errorf("%s: queue %v, want %v", tt.name, got, tt.sees)
		}
		for _, id := range all {
			_, err := f.app.Case(f.ctx, tt.by, id)
			if slices.Contains(tt.sees, id) != (err == nil) {
				t.Errorf("%s: case %d: %v", tt.name, id, err)
			}
			if err != nil && fault.KindOf(err) != fault.NotFound {
				t.Errorf("%s: case %d: %v, want not found", tt.name, id, err)
			}
		}
	}
	// Member-side users do not change cases.
	_, err := f.app.ChangeCaseStatus(f.ctx, f.emp1A, c1.ID, cases.Resolved)
	wantKind(t, err, fault.Forbidden)
	_, err = f.app.AssignCase(f.ctx, f.contact1A, c1.ID, app.Assignment{AssigneeID: f.pia.ID})
	wantKind(t, err, fault.Forbidden)
	_, err = f.app.ReplyToCase(f.ctx, f.emp1A, c1.ID, app.Reply{Body: "note", Visibility: cases.InternalOnly})
	wantKind(t, err, fault.Forbidden)
	// Another member's case by id is not found, to message as to read.
	_, err = f.app.AddMemberMessage(f.ctx, f.emp2A, c1.ID, app.MemberMessage{Body: "Hej"})
	wantKind(t, err, fault.NotFound)
	_, err = f.app.AddAttachment(f.ctx, f.emp2A, c1.ID, "", []app.NewAttachment{{Filename: "a.txt", Data: []byte("x")}})
	wantKind(t, err, fault.NotFound)
	// An agent outside the team cannot work on a confidential case.
	_, err = f.app.ReplyToCase(f.ctx, f.agent, c6.ID, app.Reply{Body: "Hej"})
	wantKind(t, err, fault.NotFound)
}

func TestMemberSideNeverSeesInternal(t *testing.T) {
	f := newCaseFixture(t)
	c := f.open(t, f.emp1A, app.NewCase{Subject: "Fråga om semester"})
	if _, err := f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: "Hon verkar ha fel semesterår.", Visibility: cases.InternalOnly,
		Attachments: []app.NewAttachment{{Filename: "utdrag.txt", Data: []byte("internt underlag")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ReplyToCase(f.ctx, f.agent, c.ID, app.Reply{Body: "Hej Åsa! Vi tittar på det.",
		Attachments: []app.NewAttachment{{Filename: "svar.txt", Data: []byte("till dig")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.HandOver(f.ctx, f.agent, c.ID, app.HandOverInput{Reason: "Behöver lönekonsult"}); err != nil {
		t.Fatal(err)
	}
	if err := f.app.LinkCases(f.ctx, f.agent, c.ID, f.open(t, f.agent, app.NewCase{RequesterID: f.emp1b.ID}).ID); err != nil {
		t.Fatal(err)
	}
	staff, err := f.app.Case(f.ctx, f.agent, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	member, err := f.app.Case(f.ctx, f.emp1A, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(es []cases.Event) (out []cases.EventKind) {
		for _, e := range es {
			out = append(out, e.Kind)
		}
		return out
	}
	wantStaff := []cases.EventKind{cases.MessageEvent, cases.NoteEvent, cases.ReplyEvent, cases.StatusEvent, cases.HandOverEvent, cases.LinkEvent}
	wantMember := []cases.EventKind{cases.MessageEvent, cases.ReplyEvent, cases.StatusEvent}
	if !slices.Equal(kinds(staff.Timeline), wantStaff) {
		t.Fatalf("staff timeline %v", kinds(staff.Timeline))
	}
	if !slices.Equal(kinds(member.Timeline), wantMember) {
		t.Fatalf("member timeline %v", kinds(member.Timeline))
	}
	if len(member.Links) != 0 || len(staff.Links) != 1 {
		t.Fatalf("links: member %d, staff %d", len(member.Links), len(staff.Links))
	}
	internal := staff.Timeline[1].Attachments[0]
	external := staff.Timeline[2].Attachments[0]
	if _, err := f.app.Attachment(f.ctx, f.emp1A, internal.ID); fault.KindOf(err) != fault.NotFound {
		t.Fatalf("member fetched an internal attachment: %v", err)
	}
	if a, err := f.app.Attachment(f.ctx, f.emp1A, external.ID); err != nil || string(a.Data) != "till dig" {
		t.Fatalf("member's attachment: %v", err)
	}
	if _, err := f.app.Attachment(f.ctx, f.emp2A, external.ID); fault.KindOf(err) != fault.NotFound {
		t.Fatalf("another member fetched an attachment: %v", err)
	}
	if _, err := f.app.Attachment(f.ctx, f.contact1A, internal.ID); fault.KindOf(err) != fault.NotFound {
		t.Fatalf("contact person fetched an internal attachment: %v", err)
	}
	// Member-side search never matches notes.
	for _, by := range []app.Actor{f.emp1A, f.contact1A} {
		page, err := f.app.SearchCases(f.ctx, by, app.SearchQuery{Text: "semesterår"})
		if err != nil || len(page.Items) != 0 {
			t.Fatalf("member search matched a note: %d, %v", len(page.Items), err)
		}
	}
	page, err := f.app.SearchCases(f.ctx, f.agent, app.SearchQuery{Text: "semesterår"})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("staff search of a note: %d, %v", len(page.Items), err)
	}
}
