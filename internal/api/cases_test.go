package api_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/org"
	"samverkan/internal/sla"
)

// caseState is what the case routes need: a first-line team for new cases
// nobody routes, a rule sending the cases of u1 (and below) to the team
// Lön Nord, and the standard service-level policy.
type caseState struct {
	firstLine org.Team
	services  []cases.Service
}

var caseStates sync.Map

func (f *fixture) caseSetup(t testing.TB) *caseState {
	t.Helper()
	if s, ok := caseStates.Load(f); ok {
		return s.(*caseState)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s := &caseState{}
	var err error
	s.firstLine, err = f.app.CreateTeam(f.ctx, f.sys, org.Team{Name: app.FirstLineTeamName})
	must(err)
	_, err = f.app.UpdateCaseSettings(f.ctx, f.sys, app.CaseSettings{FirstLineTeamID: s.firstLine.ID, ReopenDays: cases.DefaultReopenDays,
		AttachmentMaxBytes: app.DefaultAttachmentMax})
	must(err)
	_, err = f.app.CreateRoutingRule(f.ctx, f.sys, cases.Rule{Name: "Höganäs skola", UnitID: f.u1.ID, TeamID: f.team.ID})
	must(err)
	s.services, err = f.app.Services(f.ctx, f.sys)
	must(err)
	if len(s.services) == 0 {
		t.Fatal("no services")
	}
	if tb, ok := t.(*testing.T); ok {
		f.policy(tb)
	}
	caseStates.Store(f, s)
	return s
}

// openCase files a case as the system for the member-side person under
// key, or for the employee when key is not a member-side caller.
func (f *fixture) openCase(t testing.TB, key string) cases.Case {
	t.Helper()
	f.caseSetup(t)
	p, ok := f.people[key]
	if !ok || p.MemberID == 0 {
		p = f.people["employee"]
	}
	c, err := f.app.OpenCase(f.ctx, f.sys, app.NewCase{RequesterID: p.ID, Channel: cases.Email, Type: cases.Question,
		Subject: "Fråga om semesterersättning", Body: "Hej! Varför blev semesterersättningen lägre i oktober?"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// attach adds a file to a case as the system, visible to the member side.
func (f *fixture) attach(t testing.TB, caseID int64, name string, data []byte) cases.Attachment {
	t.Helper()
	ev, err := f.app.AddAttachment(f.ctx, f.sys, caseID, cases.External, []app.NewAttachment{{Filename: name, Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	return ev.Attachments[0]
}

// binary is a file http.DetectContentType does not recognise.
var binary = []byte{0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x10, 0x11}

// upload is a multipart/form-data body: files in parts named file and
// form fields.
type upload struct {
	names  []string
	files  [][]byte
	fields map[string]string
}

func uploadOf(name string, data []byte) upload {
	return upload{names: []string{name}, files: [][]byte{data}}
}

func (u upload) request(method, target string) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range u.fields {
		mw.WriteField(k, v)
	}
	for i, data := range u.files {
		fw, _ := mw.CreateFormFile("file", u.names[i])
		fw.Write(data)
	}
	mw.Close()
	r := httptest.NewRequest(method, target, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

// newCaseBody is what who sends to file a case: member-side callers for
// themselves, centre staff for the employee.
func (f *fixture) newCaseBody(who string) map[string]any {
	body := map[string]any{"subject": "Saknar OB-tillägg", "body": "OB-tillägget för helgen saknas på lönespecifikationen.", "type": "question"}
	if p, ok := f.people[who]; !ok || p.MemberID == 0 {
		body["requester_id"] = f.people["employee"].ID
		body["channel"] = "phone"
	}
	return body
}

// caseRoutes are the case routes of the route table.
func caseRoutes(f *fixture) []route {
	onCase := func(format string, body any) func(*testing.T, *fixture, string) (string, any) {
		return func(t *testing.T, f *fixture, who string) (string, any) {
			return path(format, f.openCase(t, who).ID), body
		}
	}
	onTwo := func(format string, link bool) func(*testing.T, *fixture, string) (string, any) {
		return func(t *testing.T, f *fixture, who string) (string, any) {
			a, b := f.openCase(t, who), f.openCase(t, who)
			if link {
				if err := f.app.LinkCases(f.ctx, f.sys, a.ID, b.ID); err != nil {
					t.Fatal(err)
				}
			}
			return path(format, a.ID, b.ID), nil
		}
	}
	return []route{
		{"POST", "/cases", func(t *testing.T, f *fixture, who string) (string, any) {
			f.caseSetup(t)
			return path("/cases"), f.newCaseBody(who)
		}, everyone(201)},
		{"GET", "/cases", fixed(path("/cases?limit=5"), nil), everyone(200)},
		{"GET", "/cases/{id}", onCase("/cases/%d", nil), everyone(200)},
		{"PATCH", "/cases/{id}", onCase("/cases/%d", map[string]any{"priority": "high", "status": "open"}), centreOnly(200)},
		{"GET", "/cases/{id}/events", onCase("/cases/%d/events", nil), everyone(200)},
		{"POST", "/cases/{id}/messages", onCase("/cases/%d/messages", map[string]any{"body": "Tack, jag återkommer."}), everyone(201)},
		{"POST", "/cases/{id}/attachments", onCase("/cases/%d/attachments", uploadOf("lonespec.bin", binary)), everyone(201)},
		{"GET", "/attachments/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/attachments/%d", f.attach(t, f.openCase(t, who).ID, "underlag.bin", binary).ID), nil
		}, everyone(200)},
		{"POST", "/cases/{id}/handover", onCase("/cases/%d/handover", map[string]any{"team_id": f.team.ID, "reason": "Kräver lönekonsult"}), centreOnly(200)},
		{"PUT", "/cases/{id}/links/{other_id}", onTwo("/cases/%d/links/%d", false), centreOnly(204)},
		{"DELETE", "/cases/{id}/links/{other_id}", onTwo("/cases/%d/links/%d", true), centreOnly(204)},
		{"POST", "/cases/{id}/merge", func(t *testing.T, f *fixture, who string) (string, any) {
			a, b := f.openCase(t, who), f.openCase(t, who)
			return path("/cases/%d/merge", a.ID), map[string]any{"into_id": b.ID}
		}, centreOnly(200)},
	}
}

var referenceRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{6}$`)

// TestCreateCase: a case filed through the API is numbered, routed and
// answered as the full case object; member-side callers file for
// themselves.
func TestCreateCase(t *testing.T) {
	f := newFixture(t)
	s := f.caseSetup(t)
	res := f.do(t, "agent", "POST", path("/cases"), map[string]any{"member_id": f.m1.ID, "unit_id": f.u1b.ID,
		"requester_email": "EMPLOYEE@test.example", "subject": " Fel skattetabell ", "body": "Skatten drogs med fel tabell i november.",
		"channel": "email", "type": "correction", "priority": "high", "service_id": s.services[0].ID, "tags": []string{"Skatt"},
		"details": map[string]string{"employee": "Eva Anställd", "pay_period": "2026-11"}, "received_at": "2026-11-20T08:15:00+01:00"}).want(t, 201)
	c := decodeAs[map[string]any](t, res)
	if !referenceRE.MatchString(c["reference"].(string)) || c["status"] != "new" || num(c, "team_id") != f.team.ID {
		t.Errorf("case %v: want a reference, status new and the team of u1", c)
	}
	if num(c, "requester_id") != f.people["employee"].ID || c["subject"] != "Fel skattetabell" || c["priority"] != "high" ||
		c["received_at"] != "2026-11-20T08:15:00+01:00" || c["created_at"] != "2026-11-23T10:00:00+01:00" {
		t.Errorf("case %v", c)
	}
	if got := res.header.Get("Location"); got != path("/cases/%d", num(c, "id")) {
		t.Errorf("Location %q", got)
	}
	sla := c["sla"].(map[string]any)
	for _, k := range []string{"first_response", "next_response", "resolution"} {
		clock := sla[k].(map[string]any)
		if _, ok := clock["due_at"]; !ok || clock["paused"] != false {
			t.Errorf("sla.%s = %v", k, clock)
		}
	}

	// A member-side caller files for themselves through the portal; a
	// case with no routing rule goes to the first line.
	mine := decodeAs[map[string]any](t, f.do(t, "orderer", "POST", path("/cases"), map[string]any{"subject": "Intyg",
		"body": "Jag behöver ett tjänstgöringsintyg.", "type": "document_request", "details": map[string]string{"document": "service_certificate"}}).want(t, 201))
	if num(mine, "requester_id") != f.people["orderer"].ID || mine["channel"] != "portal" || num(mine, "team_id") != s.firstLine.ID ||
		num(mine, "member_id") != f.m1.ID {
		t.Errorf("member's own case %v", mine)
	}
	if tags := mine["tags"].([]any); len(tags) != 0 {
		t.Errorf("member side sees tags %v", tags)
	}
}

// TestCreateCaseBadInput: unknown member, unit, person or service → 422
// naming the field; a member-side caller filing for another member → 403;
// nothing is saved.
func TestCreateCaseBadInput(t *testing.T) {
	f := newFixture(t)
	s := f.caseSetup(t)
	emp := f.people["employee"].ID
	base := func(extra map[string]any) map[string]any {
		b := map[string]any{"subject": "Fråga", "body": "Hej", "type": "question", "channel": "phone", "requester_id": emp}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	for name, tc := range map[string]struct {
		who   string
		body  any
		code  int
		field string
	}{
		"unknown member":    {"agent", base(map[string]any{"member_id": 999999}), 422, "member_id"},
		"unknown unit":      {"agent", base(map[string]any{"unit_id": 999999}), 422, "unit_id"},
		"other's unit":      {"agent", base(map[string]any{"unit_id": f.u2.ID}), 422, "unit_id"},
		"unknown person":    {"agent", base(map[string]any{"requester_id": 999999}), 422, "requester_id"},
		"unknown e-mail":    {"agent", base(map[string]any{"requester_id": nil, "requester_email": "nobody@test.example"}), 422, "requester_email"},
		"unknown service":   {"agent", base(map[string]any{"service_id": 999999}), 422, "service_id"},
		"no subject":        {"agent", base(map[string]any{"subject": " "}), 422, "subject"},
		"bad type":          {"agent", base(map[string]any{"type": "wish"}), 422, "type"},
		"bad channel":       {"agent", base(map[string]any{"channel": "fax"}), 422, "channel"},
		"bad received_at":   {"agent", base(map[string]any{"received_at": "igår"}), 422, "received_at"},
		"future received":   {"agent", base(map[string]any{"received_at": "2027-01-01T00:00:00Z"}), 422, "received_at"},
		"id not a number":   {"agent", base(map[string]any{"service_id": "lön"}), 422, "service_id"},
		"unknown field":     {"agent", base(map[string]any{"colour": "red"}), 422, "colour"},
		"missing detail":    {"agent", base(map[string]any{"type": "correction"}), 422, "details.employee"},
		"other member":      {"employee", map[string]any{"member_id": f.m2.ID, "subject": "Fråga", "body": "Hej", "type": "question"}, 403, ""},
		"other member unit": {"employee", map[string]any{"unit_id": f.u2.ID, "subject": "Fråga", "body": "Hej", "type": "question"}, 403, ""},
		"for another":       {"employee", map[string]any{"requester_id": f.people["other"].ID, "subject": "Fråga", "body": "Hej", "type": "question"}, 403, ""},
		"choose the team":   {"employee", map[string]any{"team_id": s.firstLine.ID, "subject": "Fråga", "body": "Hej", "type": "question"}, 403, ""},
		"not json":          {"agent", "{", 400, ""},
	} {
		t.Run(name, func(t *testing.T) {
			res := f.do(t, tc.who, "POST", path("/cases"), tc.body)
			if res.status != tc.code {
				t.Fatalf("status %d, want %d: %s", res.status, tc.code, res.body)
			}
			if tc.field != "" {
				p := decodeAs[problem](t, res)
				if len(p.Errors) == 0 || p.Errors[0].Field != tc.field {
					t.Errorf("errors %+v, want field %s", p.Errors, tc.field)
				}
			}
		})
	}
	if l := decodeAs[page](t, f.do(t, "admin", "GET", path("/cases?queue=all"), nil).want(t, 200)); len(l.Items) != 0 {
		t.Errorf("bad input saved cases: %v", l.Items)
	}
}

// TestCaseSLA: the case object carries its clocks in the centre's zone;
// a reply meets the first response.
func TestCaseSLA(t *testing.T) {
	f := newFixture(t)
	days := func(n float64) sla.Target { return sla.Target{Amount: n, Unit: sla.BusinessDays} }
	p, err := f.app.SaveSLAPolicy(f.ctx, f.sys, sla.Policy{Name: "Frågor", Position: 1, FirstResponse: days(2), Resolution: days(5),
		PauseOn: []string{"waiting_member"}, MemberInput: days(2)})
	if err != nil {
		t.Fatal(err)
	}
	policy := p.ID
	c := f.openCase(t, "employee")
	// A change makes the clocks run (every change recomputes them).
	f.do(t, "agent", "PATCH", path("/cases/%d", c.ID), map[string]any{"priority": "high"}).want(t, 200)
	got := decodeAs[map[string]any](t, f.do(t, "employee", "GET", path("/cases/%d", c.ID), nil).want(t, 200))
	clocks := got["sla"].(map[string]any)
	first, resolution := clocks["first_response"].(map[string]any), clocks["resolution"].(map[string]any)
	if num(clocks, "policy_id") != policy || first["due_at"] != "2026-11-25T10:00:00+01:00" || first["state"] != "running" ||
		first["met_at"] != nil || resolution["due_at"] != "2026-11-30T10:00:00+01:00" {
		t.Errorf("sla %v", clocks)
	}
	f.do(t, "agent", "POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "Vi tittar på det.", "status": "waiting_member"}).want(t, 201)
	clocks = decodeAs[map[string]any](t, f.do(t, "agent", "GET", path("/cases/%d", c.ID), nil).want(t, 200))["sla"].(map[string]any)
	first, resolution = clocks["first_response"].(map[string]any), clocks["resolution"].(map[string]any)
	input := clocks["member_input"].(map[string]any)
	if first["met_at"] != "2026-11-23T10:00:00+01:00" || first["state"] != "met" || resolution["paused"] != true || resolution["due_at"] != nil ||
		input["due_at"] != "2026-11-25T10:00:00+01:00" {
		t.Errorf("after a reply asking the member: %v", clocks)
	}
}
