package api_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
)

// events reads a case's timeline as who.
func (f *fixture) events(t *testing.T, who string, caseID int64) []map[string]any {
	t.Helper()
	return decodeAs[page](t, f.do(t, who, "GET", path("/cases/%d/events", caseID), nil).want(t, 200)).Items
}

func kinds(evs []map[string]any) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e["kind"].(string))
	}
	return out
}

// TestCaseMessages: centre staff reply and note; the member side writes
// its own messages, never notes, and never sees the notes.
func TestCaseMessages(t *testing.T) {
	f := newFixture(t)
	c := f.openCase(t, "employee")
	reply := decodeAs[map[string]any](t, f.do(t, "agent", "POST", path("/cases/%d/messages", c.ID),
		map[string]any{"body": "Vi har rättat skatten.", "visibility": "external"}).want(t, 201))
	if reply["kind"] != "reply" || reply["visibility"] != "external" || num(reply, "author_id") != f.people["agent"].ID || num(reply, "case_id") != c.ID {
		t.Errorf("reply %v", reply)
	}
	note := decodeAs[map[string]any](t, f.do(t, "agent", "POST", path("/cases/%d/messages", c.ID),
		map[string]any{"body": "Kolla med Skatteverket.", "visibility": "internal"}).want(t, 201))
	if note["kind"] != "note" || note["visibility"] != "internal" {
		t.Errorf("note %v", note)
	}
	f.do(t, "employee", "POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "Hemligt", "visibility": "internal"}).want(t, 403)
	f.do(t, "employee", "POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "Klart", "status": "resolved"}).want(t, 403)
	f.do(t, "agent", "POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "x", "visibility": "secret"}).want(t, 422)
	f.do(t, "agent", "POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "  "}).want(t, 422)
	mine := decodeAs[map[string]any](t, f.do(t, "employee", "POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "Tack!"}).want(t, 201))
	if mine["kind"] != "message" || mine["channel"] != "portal" {
		t.Errorf("member's message %v", mine)
	}

	centre, member := f.events(t, "agent", c.ID), f.events(t, "employee", c.ID)
	if got, want := kinds(centre), []string{"message", "reply", "status", "note", "message"}; !slices.Equal(got, want) {
		t.Errorf("centre timeline %v, want %v", got, want)
	}
	for _, e := range member {
		if e["visibility"] != "external" {
			t.Errorf("member side sees %v", e)
		}
	}
	if len(member) != len(centre)-1 {
		t.Errorf("member timeline %v", kinds(member))
	}
	if status := decodeAs[map[string]any](t, f.do(t, "agent", "GET", path("/cases/%d", c.ID), nil).want(t, 200))["status"]; status != "open" {
		t.Errorf("a reply to a new case leaves it %v", status)
	}
}

// TestPatchCase: only the fields sent change, several kinds at once; a bad
// field or a forbidden move changes nothing.
func TestPatchCase(t *testing.T) {
	f := newFixture(t)
	s := f.caseSetup(t)
	c := f.openCase(t, "employee")
	url := path("/cases/%d", c.ID)
	got := decodeAs[map[string]any](t, f.do(t, "lead", "PATCH", url, map[string]any{"priority": "urgent", "type": "order",
		"service_id": s.services[0].ID, "team_id": f.team.ID, "assignee_id": f.people["agent"].ID, "tags": []string{"Skatt", "skatt"},
		"status": "waiting_third_party"}).want(t, 200))
	if got["priority"] != "urgent" || got["type"] != "order" || num(got, "team_id") != f.team.ID || num(got, "assignee_id") != f.people["agent"].ID ||
		got["status"] != "waiting_third_party" || got["subject"] != c.Subject || !slices.Equal(got["tags"].([]any), []any{"skatt"}) {
		t.Errorf("patched %v", got)
	}
	before := f.do(t, "lead", "GET", url, nil).want(t, 200).body
	bad := []struct {
		body  map[string]any
		code  int
		field string
	}{
		{map[string]any{"priority": "high", "team_id": 999999}, 422, "team_id"},
		{map[string]any{"priority": "high", "assignee_id": f.people["employee"].ID}, 422, "assignee_id"},
		{map[string]any{"priority": "high", "service_id": nil}, 422, "service_id"}, // an order needs its service
		{map[string]any{"priority": "high", "unit_id": f.u2.ID}, 422, "unit_id"},
		{map[string]any{"priority": "high", "status": "done"}, 422, "status"},
		{map[string]any{"priority": "high", "status": "new"}, 409, ""},
		{map[string]any{"priority": "high", "subject": ""}, 422, "subject"},
		{map[string]any{"priority": "high", "team_id": nil}, 422, "team_id"},
		{map[string]any{"priority": "high", "reference": "2026-000001"}, 422, "reference"},
	}
	for _, b := range bad {
		res := f.do(t, "lead", "PATCH", url, b.body).want(t, b.code)
		if b.field != "" {
			if p := decodeAs[problem](t, res); len(p.Errors) == 0 || p.Errors[0].Field != b.field {
				t.Errorf("%v: errors %+v, want %s", b.body, p.Errors, b.field)
			}
		}
	}
	if after := f.do(t, "lead", "GET", url, nil).want(t, 200).body; string(after) != string(before) {
		t.Errorf("a refused change changed the case:\nbefore %s\nafter  %s", before, after)
	}
	// Another team: unassigned there; null unassigns.
	got = decodeAs[map[string]any](t, f.do(t, "lead", "PATCH", url, map[string]any{"team_id": s.firstLine.ID}).want(t, 200))
	if num(got, "team_id") != s.firstLine.ID || got["assignee_id"] != nil || got["priority"] != "urgent" {
		t.Errorf("moved %v", got)
	}
	f.do(t, "lead", "PATCH", url, map[string]any{"status": "closed"}).want(t, 200)
	f.do(t, "lead", "PATCH", url, map[string]any{"status": "open"}).want(t, 409)
	f.do(t, "employee", "PATCH", url, map[string]any{"priority": "low"}).want(t, 403)
	f.do(t, "lead", "PATCH", path("/cases/999999"), map[string]any{"priority": "low"}).want(t, 404)
}

// TestCaseWorkRefusedFirst: a member-side caller may not change, hand
// over or merge a case whatever the body says: their own case is
// forbidden and another member's not found, before the body is read, and
// nothing changes.
func TestCaseWorkRefusedFirst(t *testing.T) {
	f := newFixture(t)
	f.caseSetup(t)
	m2Case := f.openCase(t, "other")
	bodies := []any{
		map[string]any{"priority": "low"},                    // valid
		map[string]any{"priority": 5},                        // wrong type
		map[string]any{"colour": "red"},                      // unknown field
		map[string]any{"status": "done", "subject": ""},      // invalid values
		map[string]any{"team_id": 999999, "into_id": 999999}, // unknown objects
		"not json",
		"[]",
		nil, // no body, no Content-Type
	}
	for _, who := range memberSide {
		own := f.openCase(t, who)
		for _, c := range []struct {
			id   int64
			want int
		}{{own.ID, 403}, {m2Case.ID, 404}} {
			before := f.do(t, "admin", "GET", path("/cases/%d", c.id), nil).want(t, 200).body
			for _, op := range [][2]string{{"PATCH", path("/cases/%d", c.id)}, {"POST", path("/cases/%d/handover", c.id)},
				{"POST", path("/cases/%d/merge", c.id)}} {
				for _, body := range bodies {
					if res := f.do(t, who, op[0], op[1], body); res.status != c.want {
						t.Errorf("%s %s as %s with %v: %d, want %d: %s", op[0], op[1], who, body, res.status, c.want, res.body)
					}
				}
			}
			if after := f.do(t, "admin", "GET", path("/cases/%d", c.id), nil).want(t, 200).body; string(after) != string(before) {
				t.Errorf("a refused change changed case %d:\nbefore %s\nafter  %s", c.id, before, after)
			}
		}
	}
	// Centre staff still learn what is wrong with the body.
	own := f.openCase(t, "employee")
	f.do(t, "lead", "PATCH", path("/cases/%d", own.ID), map[string]any{"priority": 5}).want(t, 422)
}

// TestCaseAttachments: files go up as multipart/form-data, come down as
// attachments of their sniffed type, and the limit answers 413.
func TestCaseAttachments(t *testing.T) {
	f := newFixture(t)
	c := f.openCase(t, "employee")
	up := upload{names: []string{`..\lön "okt".html`, "scan.pdf"}, files: [][]byte{[]byte("<html><script>alert(1)</script></html>"), []byte("%PDF-1.7\n%âãÏÓ\n")}}
	ev := decodeAs[map[string]any](t, f.send(t, "employee", up.request("POST", path("/cases/%d/attachments", c.ID))).want(t, 201))
	atts := ev["attachments"].([]any)
	if ev["kind"] != "attachment" || len(atts) != 2 {
		t.Fatalf("event %v", ev)
	}
	html, pdf := atts[0].(map[string]any), atts[1].(map[string]any)
	if html["content_type"] != "text/plain; charset=utf-8" || pdf["content_type"] != "application/pdf" || strings.ContainsAny(html["filename"].(string), `"\/`) {
		t.Errorf("attachments %v", atts)
	}
	// Downloads come as their sniffed type, which the document allows.
	for _, a := range []map[string]any{html, pdf} {
		res := f.do(t, "employee", "GET", a["url"].(string), nil)
		h := res.header
		if res.status != 200 || h.Get("Content-Type") != a["content_type"] || h.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || int64(len(res.body)) != num(a, "size") {
			t.Errorf("download %v: %d %v", a["filename"], res.status, h)
		}
	}
	f.do(t, "other", "GET", path("/attachments/%d", num(pdf, "id")), nil).want(t, 404)

	// An internal file stays with the centre.
	note := upload{names: []string{"intern.bin"}, files: [][]byte{binary}, fields: map[string]string{"visibility": "internal"}}
	internal := decodeAs[map[string]any](t, f.send(t, "agent", note.request("POST", path("/cases/%d/attachments", c.ID))).want(t, 201))
	id := num(internal["attachments"].([]any)[0].(map[string]any), "id")
	f.do(t, "agent", "GET", path("/attachments/%d", id), nil).want(t, 200)
	f.do(t, "employee", "GET", path("/attachments/%d", id), nil).want(t, 404)

	if _, err := f.app.UpdateCaseSettings(f.ctx, f.sys, app.CaseSettings{ReopenDays: cases.DefaultReopenDays, AttachmentMaxBytes: 1024}); err != nil {
		t.Fatal(err)
	}
	big := uploadOf("stor.bin", append(binary, make([]byte, 2000)...))
	f.send(t, "employee", big.request("POST", path("/cases/%d/attachments", c.ID))).want(t, 413)
	f.send(t, "employee", upload{}.request("POST", path("/cases/%d/attachments", c.ID))).want(t, 422)
	f.do(t, "employee", "POST", path("/cases/%d/attachments", c.ID), map[string]any{"file": "x"}).want(t, 415)
	if n := len(f.events(t, "agent", c.ID)); n != 3 {
		t.Errorf("timeline has %d entries, want 3 (message and two attachment entries)", n)
	}
}

// TestListCases: queues, filters, search and cursor paging.
func TestListCases(t *testing.T) {
	f := newFixture(t)
	var ids []int64
	for range 5 {
		ids = append(ids, f.openCase(t, "employee").ID)
	}
	other := f.openCase(t, "other")
	f.do(t, "agent", "PATCH", path("/cases/%d", ids[0]), map[string]any{"priority": "urgent", "assignee_id": f.people["agent"].ID}).want(t, 200)
	f.do(t, "agent", "PATCH", path("/cases/%d", ids[4]), map[string]any{"priority": "high"}).want(t, 200)
	f.do(t, "agent", "POST", path("/cases/%d/messages", ids[1]), map[string]any{"body": "Semesterlönen är rättad.", "status": "waiting_member"}).want(t, 201)
	f.do(t, "agent", "POST", path("/cases/%d/messages", ids[2]), map[string]any{"body": "Pensionsavgiften kontrolleras", "visibility": "internal"}).want(t, 201)

	list := func(who, query string) []int64 {
		t.Helper()
		var out []int64
		for _, it := range decodeAs[page](t, f.do(t, who, "GET", path("/cases"+query), nil).want(t, 200)).Items {
			out = append(out, num(it, "id"))
		}
		return out
	}
	for _, tc := range []struct {
		who, query string
		want       []int64
	}{
		{"agent", "", append(slices.Clone(ids), other.ID)},
		{"agent", "?queue=mine", ids[:1]},
		{"agent", "?queue=my_teams&sort=priority", []int64{ids[0], ids[4], ids[1], ids[2], ids[3]}}, // waiting cases are open
		{"agent", "?queue=waiting", ids[1:2]},
		{"agent", "?status=new,waiting_member&member_id=" + itoa(f.m1.ID), ids[1:]},
		{"agent", "?status=new&status=open&priority=urgent", ids[:1]},
		{"agent", "?member_id=" + itoa(f.m2.ID), []int64{other.ID}},
		{"agent", "?unit_id=" + itoa(f.u1.ID) + "&assignee_id=" + itoa(f.people["agent"].ID), ids[:1]},
		{"agent", "?q=pensionsavgiften", ids[2:3]},
		{"agent", "?q=semesterlönen&queue=all_open", ids[1:2]},
		{"employee", "?q=pensionsavgiften", nil},
		{"employee", "?sort=received", ids},
		{"other", "", []int64{other.ID}},
		{"contact", "?member_id=" + itoa(f.m2.ID), nil},
	} {
		if got := list(tc.who, tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("%s GET /cases%s: %v, want %v", tc.who, tc.query, got, tc.want)
		}
	}

	// Paging: two at a time, the cursor continues exactly after the last.
	var seen []int64
	for cursor, n := "", 0; n < 10; n++ {
		q := "?limit=2&sort=received&member_id=" + itoa(f.m1.ID)
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		p := decodeAs[page](t, f.do(t, "agent", "GET", path("/cases"+q), nil).want(t, 200))
		for _, it := range p.Items {
			seen = append(seen, num(it, "id"))
		}
		if p.NextCursor == nil {
			break
		}
		cursor = *p.NextCursor
	}
	if !slices.Equal(seen, ids) {
		t.Errorf("paged %v, want %v", seen, ids)
	}

	for _, q := range []string{"?status=done", "?queue=everything", "?priority=asap", "?sort=random", "?limit=0", "?cursor=xyz",
		"?member_id=abc", "?received_from=yesterday", "?q=lön&unit_id=1", "?q=lön&queue=mine", "?queue=my_teams"} {
		who := "agent"
		if q == "?queue=my_teams" {
			who = "employee" // a centre queue
		}
		f.do(t, who, "GET", path("/cases"+q), nil).want(t, 422)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
