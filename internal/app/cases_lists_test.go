package app_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

func TestAttachments(t *testing.T) {
	f := newCaseFixture(t)
	if _, err := f.app.UpdateCaseSettings(f.ctx, f.admin, app.CaseSettings{ReopenDays: 14, AttachmentMaxBytes: 1024}); err != nil {
		t.Fatal(err)
	}
	c := f.open(t, f.emp1A, app.NewCase{})
	_, err := f.app.AddAttachment(f.ctx, f.emp1A, c.ID, "", []app.NewAttachment{{Filename: "stor.pdf", Data: bytes.Repeat([]byte("x"), 1025)}})
	wantKind(t, err, fault.TooLarge)
	_, err = f.app.OpenCase(f.ctx, f.emp1A, app.NewCase{Type: cases.Question, Subject: "s", Body: "b",
		Attachments: []app.NewAttachment{{Filename: "stor.pdf", Data: bytes.Repeat([]byte("x"), 2000)}}})
	wantKind(t, err, fault.TooLarge)
	_, err = f.app.AddAttachment(f.ctx, f.emp1A, c.ID, "", []app.NewAttachment{{Filename: "tom.txt"}})
	wantField(t, err, "attachments")

	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 32)...)
	files := []app.NewAttachment{
		{Filename: `C:\Users\åsa\..\"lönespec".html`, Data: png},                       // lies about being HTML
		{Filename: "sida.pdf", Data: []byte("<html><script>alert(1)</script></html>")}, // HTML posing as PDF
		{Filename: "intyg.pdf", Data: []byte("%PDF-1.7\n")},
	}
	ev, err := f.app.AddAttachment(f.ctx, f.emp1A, c.ID, cases.InternalOnly, files)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Visibility != cases.External || len(ev.Attachments) != 3 {
		t.Fatalf("member's attachment event %+v", ev)
	}
	want := []struct{ name, ct string }{
		{"_lönespec_.html", "image/png"},
		{"sida.pdf", "text/plain; charset=utf-8"},
		{"intyg.pdf", "application/pdf"},
	}
	for i, w := range want {
		a := ev.Attachments[i]
		if a.Filename != w.name || a.ContentType != w.ct || a.Size != int64(len(files[i].Data)) || len(a.SHA256) != 64 {
			t.Errorf("attachment %d: %+v, want %s %s", i, a, w.name, w.ct)
		}
		got, err := f.app.Attachment(f.ctx, f.agent, a.ID)
		if err != nil || !bytes.Equal(got.Data, files[i].Data) {
			t.Errorf("attachment %d read back: %v", i, err)
		}
	}
	// Files with a reply, and an internal file from staff.
	ev, err = f.app.AddAttachment(f.ctx, f.agent, c.ID, cases.InternalOnly, []app.NewAttachment{{Filename: "anteckning.txt", Data: []byte("intern")}})
	if err != nil || ev.Visibility != cases.InternalOnly {
		t.Fatalf("staff's internal file: %+v, %v", ev, err)
	}
	_, err = f.app.Attachment(f.ctx, f.emp1A, ev.Attachments[0].ID)
	wantKind(t, err, fault.NotFound)
	_, err = f.app.Attachment(f.ctx, f.emp1A, 99999)
	wantKind(t, err, fault.NotFound)
}

func TestSearchCases(t *testing.T) {
	f := newCaseFixture(t)
	c1 := f.open(t, f.emp1A, app.NewCase{Subject: "Semesterersättning för Åsa", Body: "Min semesterersättning blev fel efter löneväxling."})
	c2 := f.open(t, f.emp2A, app.NewCase{Subject: "Ändrat kontonummer", Body: "Jag har bytt bank till Sparbanken Öresund."})
	c3 := f.open(t, f.emp1bA, app.NewCase{Subject: "Fråga om skatt", Body: "Jämkning för år 2027."})
	if _, err := f.app.ReplyToCase(f.ctx, f.agent, c3.ID, app.Reply{Body: "Skicka beslutet om jämkning från Skatteverket."}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		by   app.Actor
		text string
		want []int64
	}{
		{f.agent, "semesterers", []int64{c1.ID}},
		{f.agent, "ÅSA", []int64{c1.ID}},
		{f.agent, "asa", nil}, // å is not a
		{f.agent, "löneväx", []int64{c1.ID}},
		{f.agent, "loneväxling", nil},
		{f.agent, "öresund bank", []int64{c2.ID}},
		{f.agent, "ändrat", []int64{c2.ID}},
		{f.agent, "skatteverket", []int64{c3.ID}},
		{f.agent, "jämkning", []int64{c3.ID}},
		{f.agent, c3.Reference, []int64{c3.ID}},
		{f.agent, fmt.Sprintf("%06d", c2.Seq), []int64{c2.ID}},
		{f.agent, "fel", []int64{c1.ID}},
		{f.emp1A, "semesterers", []int64{c1.ID}},
		{f.emp1A, "öresund", nil},    // another member's case
		{f.emp1A, c2.Reference, nil}, // likewise by number
		{f.contact1A, "jämkning", []int64{c3.ID}},
		{f.emp2A, "jämkning", nil},
	}
	for _, tt := range tests {
		page, err := f.app.SearchCases(f.ctx, tt.by, app.SearchQuery{Text: tt.text})
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		var got []int64
		for _, v := range page.Items {
			got = append(got, v.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s searching %q: %v, want %v", tt.by.Name, tt.text, got, tt.want)
		}
	}
	_, err := f.app.SearchCases(f.ctx, f.agent, app.SearchQuery{Text: " -- "})
	wantField(t, err, "q")
	// Paging newest first.
	for i := range 5 {
		f.open(t, f.emp1A, app.NewCase{Subject: fmt.Sprintf("Reseräkning %d", i)})
	}
	var seen []int64
	cursor := ""
	for range 10 {
		page, err := f.app.SearchCases(f.ctx, f.agent, app.SearchQuery{Text: "reseräkning", PageRequest: app.PageRequest{Limit: 2, Cursor: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page.Items {
			seen = append(seen, v.ID)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 5 || !slices.IsSortedFunc(seen, func(a, b int64) int { return int(b - a) }) {
		t.Fatalf("search pages: %v", seen)
	}
}

func TestQueues(t *testing.T) {
	f := newCaseFixture(t)
	var ids []int64
	prios := []cases.Priority{cases.Low, cases.Urgent, cases.Normal, cases.High, cases.Urgent, cases.Normal, cases.Low}
	for i, p := range prios {
		c := f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, Priority: p, ReceivedAt: ago(time.Duration(10-i) * time.Hour),
			ServiceID: f.services["absence"].ID, Type: cases.Question})
		ids = append(ids, c.ID)
	}
	other := f.open(t, f.agent, app.NewCase{RequesterID: f.emp2.ID, TeamID: f.payroll.ID, ReceivedAt: ago(20 * time.Hour)})
	if _, err := f.app.AssignCase(f.ctx, f.agent, ids[1], app.Assignment{AssigneeID: f.fixture.agent.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ChangeCaseStatus(f.ctx, f.agent, ids[2], cases.WaitingThirdParty); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ChangeCaseStatus(f.ctx, f.agent, ids[3], cases.Resolved); err != nil {
		t.Fatal(err)
	}
	list := func(by app.Actor, qq app.QueueQuery) []int64 {
		t.Helper()
		var out []int64
		for range 20 {
			page, err := f.app.Queue(f.ctx, by, qq)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range page.Items {
				out = append(out, v.ID)
			}
			if qq.Cursor = page.NextCursor; qq.Cursor == "" {
				return out
			}
		}
		t.Fatal("paging does not end")
		return nil
	}
	two := app.PageRequest{Limit: 2}
	tests := []struct {
		name string
		by   app.Actor
		qq   app.QueueQuery
		want []int64
	}{
		{"all open, oldest first", f.agent, app.QueueQuery{Queue: app.QueueAllOpen, PageRequest: two},
			[]int64{other.ID, ids[0], ids[1], ids[2], ids[4], ids[5], ids[6]}},
		{"priority", f.agent, app.QueueQuery{Queue: app.QueueAllOpen, Sort: store.SortPriority, PageRequest: two},
			[]int64{ids[1], ids[4], other.ID, ids[2], ids[5], ids[0], ids[6]}},
		{"newest", f.agent, app.QueueQuery{Queue: app.QueueAll, Sort: store.SortNewest, PageRequest: two},
			[]int64{ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0], other.ID}},
		{"updated", f.agent, app.QueueQuery{Queue: app.QueueAll, Sort: store.SortUpdated, MemberID: f.m2.ID}, []int64{other.ID}},
		{"mine", f.agent, app.QueueQuery{Queue: app.QueueMine}, []int64{ids[1]}},
		{"my teams", f.agent, app.QueueQuery{Queue: app.QueueMyTeams}, []int64{ids[0], ids[1], ids[2], ids[4], ids[5], ids[6]}},
		{"my teams of payroll", f.piaA, app.QueueQuery{Queue: app.QueueMyTeams}, []int64{other.ID}},
		{"unassigned of a team", f.agent, app.QueueQuery{Queue: app.QueueUnassigned, TeamID: f.firstLine.ID},
			[]int64{ids[0], ids[2], ids[4], ids[5], ids[6]}},
		{"waiting", f.agent, app.QueueQuery{Queue: app.QueueWaiting}, []int64{ids[2]}},
		{"status filter", f.agent, app.QueueQuery{Queue: app.QueueAll, Statuses: []cases.Status{cases.Resolved}}, []int64{ids[3]}},
		{"priority filter", f.agent, app.QueueQuery{Priority: cases.Urgent}, []int64{ids[1], ids[4]}},
		{"service and member", f.agent, app.QueueQuery{ServiceID: f.services["absence"].ID, MemberID: f.m1.ID, Type: cases.Question},
			[]int64{ids[0], ids[1], ids[2], ids[4], ids[5], ids[6]}},
		{"unit and below", f.agent, app.QueueQuery{UnitID: f.u1.ID}, []int64{ids[0], ids[1], ids[2], ids[4], ids[5], ids[6]}},
		{"age", f.agent, app.QueueQuery{ReceivedBefore: ago(8 * time.Hour)}, []int64{other.ID, ids[0], ids[1]}},
		{"age from", f.agent, app.QueueQuery{ReceivedFrom: ago(5 * time.Hour)}, []int64{ids[5], ids[6]}},
		{"member: newest first", f.emp1A, app.QueueQuery{PageRequest: two}, []int64{ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{"member: mine", f.mgr1A, app.QueueQuery{Queue: app.QueueMine}, nil},
		{"member: waiting", f.emp1A, app.QueueQuery{Queue: app.QueueWaiting}, []int64{ids[2]}},
	}
	for _, tt := range tests {
		if got := list(tt.by, tt.qq); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	bad := []struct {
		qq    app.QueueQuery
		field string
	}{
		{app.QueueQuery{Queue: "everything"}, "queue"},
		{app.QueueQuery{Sort: "random"}, "sort"},
		{app.QueueQuery{PageRequest: app.PageRequest{Cursor: "nonsense"}}, "cursor"},
		{app.QueueQuery{PageRequest: app.PageRequest{Limit: 1000}}, "limit"},
		{app.QueueQuery{Statuses: []cases.Status{"gone"}}, "status"},
	}
	for _, b := range bad {
		_, err := f.app.Queue(f.ctx, f.agent, b.qq)
		wantField(t, err, b.field)
	}
	// A cursor of one sort is not taken for another.
	page, _ := f.app.Queue(f.ctx, f.agent, app.QueueQuery{PageRequest: two})
	_, err := f.app.Queue(f.ctx, f.agent, app.QueueQuery{Sort: store.SortPriority, PageRequest: app.PageRequest{Cursor: page.NextCursor}})
	wantField(t, err, "cursor")
	_, err = f.app.Queue(f.ctx, f.emp1A, app.QueueQuery{Queue: app.QueueUnassigned})
	wantField(t, err, "queue")
}

func TestRepeatContacts(t *testing.T) {
	f := newCaseFixture(t)
	absence, pay := f.services["absence"].ID, f.services["payroll"].ID
	for i, days := range []int{2, 10, 30, 60, 120} {
		at := app.Backfill(f.ctx, testNow.AddDate(0, 0, -days))
		if _, err := f.app.OpenCase(at, f.agent, app.NewCase{RequesterID: f.emp1.ID, Channel: cases.Phone, Type: cases.Question,
			ServiceID: absence, Subject: fmt.Sprintf("Sjuklön %d", i), Body: "Fråga om sjuklön"}); err != nil {
			t.Fatal(err)
		}
	}
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID, ServiceID: pay})
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1b.ID, ServiceID: absence})
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1b.ID, ServiceID: absence})
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp2.ID, ServiceID: absence})
	r, err := f.app.RepeatContacts(f.ctx, f.agent, f.emp1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Cases != 5 || len(r.ByService) != 2 || r.ByService[0].ServiceID != absence || r.ByService[0].Cases != 4 ||
		r.ByService[0].ServiceName.SV != "Frånvaro och sjuklön" || r.ByService[1].Cases != 1 {
		t.Fatalf("repeat contacts %+v", r)
	}
	rep, err := f.app.RepeatContactReport(f.ctx, f.leadA, app.RepeatQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.People) != 2 || rep.People[0].ID != f.emp1.ID || rep.People[0].Cases != 4 || rep.People[0].Name != "Åsa Öberg" ||
		rep.People[1].ID != f.emp1b.ID || rep.People[1].Cases != 2 || rep.People[0].First.IsZero() {
		t.Fatalf("people %+v", rep.People)
	}
	if len(rep.Units) != 2 || rep.Units[0].ID != f.u1a.ID || rep.Units[0].Cases != 4 || rep.Units[0].MemberName != "Höganäs kommun" {
		t.Fatalf("units %+v", rep.Units)
	}
	rep, err = f.app.RepeatContactReport(f.ctx, f.leadA, app.RepeatQuery{MinCases: 3, MemberID: f.m1.ID})
	if err != nil || len(rep.People) != 1 || len(rep.Units) != 1 {
		t.Fatalf("min 3: %+v, %v", rep, err)
	}
	_, err = f.app.RepeatContactReport(f.ctx, f.agent, app.RepeatQuery{})
	wantKind(t, err, fault.Forbidden)
	_, err = f.app.RepeatContactReport(f.ctx, f.leadA, app.RepeatQuery{From: testNow, To: testNow.AddDate(0, 0, -1)})
	wantField(t, err, "to")
	_, err = f.app.RepeatContacts(f.ctx, f.emp1A, f.emp1.ID)
	wantKind(t, err, fault.Forbidden)
}

func TestFindPeople(t *testing.T) {
	f := newCaseFixture(t)
	tests := []struct {
		by     app.Actor
		text   string
		member int64
		want   []int64
	}{
		{f.agent, "åsa", 0, []int64{f.emp1.ID}},
		{f.agent, "Åsa Ö", 0, []int64{f.emp1.ID}},
		{f.agent, "öberg", 0, []int64{f.emp1.ID}},
		{f.agent, "sören", 0, []int64{f.emp1b.ID}},
		{f.agent, "erik@hog", 0, []int64{f.emp1b.ID}},
		{f.agent, "042-33 71", 0, []int64{f.emp1.ID}},
		{f.agent, "0423371", 0, []int64{f.emp1.ID}},
		{f.agent, "eva", f.m1.ID, nil},
		{f.agent, "eva", 0, []int64{f.emp2.ID}},
		{f.agent, "agent", 0, nil}, // centre staff are not requesters
		{f.emp1A, "eva", 0, nil},   // another member's person
		{f.emp1A, "erik", 0, []int64{f.emp1b.ID}},
		{f.agent, "", 0, nil},
	}
	for _, tt := range tests {
		ps, err := f.app.FindPeople(f.ctx, tt.by, tt.text, tt.member, 10)
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		var got []int64
		for _, p := range ps {
			got = append(got, p.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.text, got, tt.want)
		}
	}
	ps, _ := f.app.FindPeople(f.ctx, f.agent, "åsa", 0, 10)
	if len(ps) == 1 && (ps[0].MemberName != "Höganäs kommun" || ps[0].UnitName != "Grundskolor söder") {
		t.Fatalf("match %+v", ps[0])
	}
	// A renamed person is found by the new name.
	p, _ := f.app.Person(f.ctx, f.sys, f.emp1b.ID)
	p.Name = "Erik Ängström"
	if _, err := f.app.UpdatePerson(f.ctx, f.sys, p); err != nil {
		t.Fatal(err)
	}
	if ps, _ := f.app.FindPeople(f.ctx, f.agent, "ängs", 0, 10); len(ps) != 1 {
		t.Fatalf("renamed person not found: %+v", ps)
	}
	if ps, _ := f.app.FindPeople(f.ctx, f.agent, "sören", 0, 10); len(ps) != 0 {
		t.Fatalf("old name still found: %+v", ps)
	}
}
