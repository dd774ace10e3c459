package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"samverkan/internal/api"
	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/sla"
	"samverkan/internal/store/dbtest"
)

// govState is what the governance routes need: a forum of m1 (Höganäs)
// with a meeting held (agenda and minutes out, a decision, an action item
// of the contact, an escalation) and a planned one, and a directory entry.
type govState struct {
	forum        governance.Forum
	past, future governance.Meeting
	decision     governance.Decision
	action       governance.ActionItem
	escalation   int64
	contact      governance.Contact
}

var govStates sync.Map

var sthlm, _ = time.LoadLocation("Europe/Stockholm")

func (f *fixture) gov(t *testing.T) *govState {
	t.Helper()
	if s, ok := govStates.Load(f); ok {
		return s.(*govState)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s := &govState{}
	var err error
	s.forum, err = f.app.CreateForum(f.ctx, f.sys, governance.Forum{Name: "Kvartalsmöte Höganäs", Level: org.Tactical, MemberID: f.m1.ID,
		Cadence: governance.Cadence{Kind: governance.Quarterly}, ConvenorID: f.people["admin"].ID, AgendaDays: 5, MinutesDays: 5,
		Participants: []governance.Participant{{Side: governance.CentreSide, Role: org.Admin}, {Side: governance.MemberSide, Role: org.Contact, Level: org.Strategic}}})
	must(err)
	start := time.Date(2026, 11, 10, 10, 0, 0, 0, sthlm)
	s.past = f.meetingOf(t, s.forum, start)
	item, err := f.app.AddAgendaItem(f.ctx, f.sys, governance.AgendaItem{MeetingID: s.past.ID, Title: "Servicenivåer"})
	must(err)
	_, err = f.app.PublishAgenda(f.ctx, f.sys, s.past.ID)
	must(err)
	s.decision, err = f.app.RecordDecision(f.ctx, f.sys, governance.Decision{MeetingID: s.past.ID, AgendaItemID: item.ID, Title: "Godkänd kvartalsrapport"})
	must(err)
	s.action, err = f.app.AddActionItem(f.ctx, f.sys, governance.ActionItem{MeetingID: s.past.ID, Title: "Skicka underlag",
		OwnerID: f.people["contact"].ID, DueOn: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	must(err)
	_, err = f.app.SaveMinutes(f.ctx, f.sys, s.past.ID, "Mötet godkände kvartalsrapporten.")
	must(err)
	_, err = f.app.PublishMinutes(f.ctx, f.sys, s.past.ID)
	must(err)
	step, err := f.app.Escalate(f.ctx, f.sys, app.EscalationInput{Source: governance.FromMeetingItem, SourceID: item.ID, Reason: "Kräver beslut"})
	must(err)
	s.escalation = step.ID
	s.future = f.meetingOf(t, s.forum, start.AddDate(0, 1, 0))
	s.contact, err = f.app.SaveContact(f.ctx, f.sys, governance.Contact{MemberID: f.m1.ID, Level: org.Strategic, PersonID: f.people["contact"].ID})
	must(err)
	govStates.Store(f, s)
	return s
}

func (f *fixture) meetingOf(t *testing.T, fo governance.Forum, start time.Time) governance.Meeting {
	t.Helper()
	m, err := f.app.ScheduleMeeting(f.ctx, f.sys, governance.Meeting{ForumID: fo.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Expected statuses of the governance routes, in the order of roles.
func govManagers(code int) []int { return []int{code, code, 403, 403, 403, 403, 403, 403, 401, 401} }
func govReaders(code int) []int  { return []int{code, code, code, code, 404, 404, 404, 404, 401, 401} }

// govEditors: read first (members outside the model do not see it), then
// only governance managers change; contactToo lets the member's contact.
func govEditors(code int, contactToo bool) []int {
	c := 403
	if contactToo {
		c = code
	}
	return []int{code, code, 403, c, 404, 404, 404, 404, 401, 401}
}

// govPath makes a request whose path needs the governance state.
func govPath(format string, pick func(*govState) int64, body any) func(*testing.T, *fixture, string) (string, any) {
	return func(t *testing.T, f *fixture, who string) (string, any) {
		if pick == nil {
			return path(format), body
		}
		return path(format, pick(f.gov(t))), body
	}
}

// governanceRoutes are the rows of the route table for the collaboration
// model.
func governanceRoutes(f *fixture) []route {
	contactEditors := func(code int) []int { return []int{code, code, 403, code, 403, 403, 403, 403, 401, 401} }
	freshItem := func(t *testing.T, f *fixture) governance.AgendaItem {
		it, err := f.app.AddAgendaItem(f.ctx, f.sys, governance.AgendaItem{MeetingID: f.gov(t).past.ID, Title: fmt.Sprintf("Punkt %d", f.next())})
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	freshPerson := func(t *testing.T, f *fixture) org.Person {
		p, err := f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Ny Kontakt", Email: fmt.Sprintf("kontakt%d@m1.example", f.next()), MemberID: f.m1.ID})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	return []route{
		{"GET", "/forums", govPath("/forums", nil, nil), everyone(200)},
		{"POST", "/forums", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/forums"), map[string]any{"name": "Användargrupp " + who, "level": "operational", "cadence_kind": "every_weeks", "cadence_n": 8,
				"convenor_id": f.people["admin"].ID, "participants": []string{"centre:team_lead", "member:contact:operational"}}
		}, govManagers(201)},
		{"GET", "/forums/{id}", govPath("/forums/%d", func(s *govState) int64 { return s.forum.ID }, nil), govReaders(200)},
		{"PATCH", "/forums/{id}", govPath("/forums/%d", func(s *govState) int64 { return s.forum.ID }, map[string]any{"mandate": "Uppföljning per kvartal"}), govEditors(200, false)},
		{"GET", "/compliance", govPath("/compliance?year=2026", nil, nil), everyone(200)},
		{"GET", "/meetings", govPath("/meetings?status=held", nil, nil), everyone(200)},
		{"POST", "/meetings", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/meetings"), map[string]any{"forum_id": f.gov(t).forum.ID, "starts_at": "2027-01-14T10:00:00+01:00", "ends_at": "2027-01-14T12:00:00+01:00"}
		}, govManagers(201)},
		{"GET", "/meetings/{id}", govPath("/meetings/%d", func(s *govState) int64 { return s.past.ID }, nil), govReaders(200)},
		{"PATCH", "/meetings/{id}", govPath("/meetings/%d", func(s *govState) int64 { return s.future.ID }, map[string]any{"location": "Rådhuset"}), govEditors(200, false)},
		{"POST", "/meetings/{id}/cancel", func(t *testing.T, f *fixture, who string) (string, any) {
			m := f.meetingOf(t, f.gov(t).forum, time.Date(2027, 2, 1, 10, 0, 0, 0, sthlm))
			return path("/meetings/%d/cancel", m.ID), nil
		}, govManagers(200)},
		{"GET", "/meetings/{id}/ics", govPath("/meetings/%d/ics", func(s *govState) int64 { return s.future.ID }, nil), govReaders(200)},
		{"GET", "/meetings/{id}/proposals", govPath("/meetings/%d/proposals", func(s *govState) int64 { return s.future.ID }, nil), govManagers(200)},
		{"POST", "/meetings/{id}/agenda-items", govPath("/meetings/%d/agenda-items", func(s *govState) int64 { return s.future.ID },
			map[string]any{"title": "Beställningar"}), govManagers(201)},
		{"POST", "/meetings/{id}/publish-agenda", govPath("/meetings/%d/publish-agenda", func(s *govState) int64 { return s.future.ID }, nil), govManagers(200)},
		{"PUT", "/meetings/{id}/minutes", govPath("/meetings/%d/minutes", func(s *govState) int64 { return s.past.ID },
			map[string]any{"minutes": "Mötet godkände kvartalsrapporten."}), govManagers(200)},
		{"POST", "/meetings/{id}/publish-minutes", govPath("/meetings/%d/publish-minutes", func(s *govState) int64 { return s.past.ID }, nil), govManagers(200)},
		{"PUT", "/meetings/{id}/attendance", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/meetings/%d/attendance", f.gov(t).past.ID), map[string]any{"attendance": []map[string]any{
				{"person_id": f.people["contact"].ID, "status": "present"}, {"person_id": f.people["admin"].ID, "status": "present"}}}
		}, govManagers(200)},
		{"DELETE", "/agenda-items/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/agenda-items/%d", freshItem(t, f).ID), nil
		}, govManagers(204)},
		{"GET", "/decisions", govPath("/decisions?q=kvartal", nil, nil), everyone(200)},
		{"POST", "/decisions", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/decisions"), map[string]any{"meeting_id": f.gov(t).past.ID, "title": "Nytt beslut"}
		}, govManagers(201)},
		{"GET", "/decisions/{id}", govPath("/decisions/%d", func(s *govState) int64 { return s.decision.ID }, nil), govReaders(200)},
		{"GET", "/action-items", govPath("/action-items?mine=true", nil, nil), everyone(200)},
		{"POST", "/action-items", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/action-items"), map[string]any{"meeting_id": f.gov(t).past.ID, "title": "Ta fram statistik",
				"owner_id": f.people["agent"].ID, "due_on": "2026-12-15"}
		}, govManagers(201)},
		{"GET", "/action-items/{id}", govPath("/action-items/%d", func(s *govState) int64 { return s.action.ID }, nil), govReaders(200)},
		{"PATCH", "/action-items/{id}", govPath("/action-items/%d", func(s *govState) int64 { return s.action.ID },
			map[string]any{"status": "in_progress", "progress": "Påbörjat"}), []int{200, 200, 403, 200, 404, 404, 404, 404, 401, 401}},
		{"GET", "/escalations", govPath("/escalations", nil, nil), everyone(200)},
		{"POST", "/escalations", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/escalations"), map[string]any{"source": "meeting_item", "source_id": freshItem(t, f).ID, "reason": "Behöver lyftas"}
		}, []int{201, 201, 201, 201, 403, 403, 403, 403, 401, 401}},
		{"GET", "/escalations/{id}", govPath("/escalations/%d", func(s *govState) int64 { return s.escalation }, nil), govReaders(200)},
		{"GET", "/contacts", govPath("/contacts", nil, nil), everyone(200)},
		{"GET", "/contacts/export", govPath("/contacts/export", nil, nil), everyone(200)},
		{"POST", "/contacts", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/contacts"), map[string]any{"member_id": f.m1.ID, "level": "operational", "person_id": freshPerson(t, f).ID}
		}, contactEditors(201)},
		{"PATCH", "/contacts/{id}", govPath("/contacts/%d", func(s *govState) int64 { return s.contact.ID }, map[string]any{"title": "HR-direktör"}), contactEditors(200)},
		{"DELETE", "/contacts/{id}", func(t *testing.T, f *fixture, who string) (string, any) {
			c, err := f.app.SaveContact(f.ctx, f.sys, governance.Contact{MemberID: f.m1.ID, Level: org.Tactical, PersonID: freshPerson(t, f).ID})
			if err != nil {
				t.Fatal(err)
			}
			return path("/contacts/%d", c.ID), nil
		}, contactEditors(204)},
		{"POST", "/contacts/verify", func(t *testing.T, f *fixture, who string) (string, any) {
			return path("/contacts/verify"), map[string]any{"member_id": f.m1.ID}
		}, contactEditors(200)},
	}
}

// TestGovernanceFlowAPI is the "done when" through the API: an SLA
// breach on a Helsingborg case escalated to tactical level is proposed for
// the next Helsingborg tactical meeting, which records a decision and an
// action item for a member contact; the contact completes it and the
// compliance report shows the forum's cadence.
func TestGovernanceFlowAPI(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	a := app.New(dbtest.Open(t), app.WithClock(clock))
	h := api.New(a, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f := &fixture{app: a, h: h, ctx: ctx, sys: app.SystemActor("test"), people: map[string]org.Person{}, tokens: map[string]string{}}
	f.spec = loadSpec(t, h)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	hbg, err := a.CreateMember(ctx, f.sys, org.Member{Name: "Helsingborgs stad", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	add := func(key, name string, member int64, g org.Grant) {
		p, err := a.CreatePerson(ctx, f.sys, org.Person{Name: name, Email: key + "@test.example", MemberID: member, Grants: []org.Grant{g}})
		must(err)
		f.people[key] = p
		f.tokens[key] = f.token(t, key)
	}
	add("admin", "Anna Admin", 0, org.Grant{Role: org.Admin})
	add("agent", "Alf Agent", 0, org.Grant{Role: org.Agent})
	add("tactical", "Tilda Taktisk", hbg.ID, org.Grant{Role: org.Contact, Level: org.Tactical})
	add("employee", "Hugo Anställd", hbg.ID, org.Grant{Role: org.Employee})

	// The forum, through the API; a meeting in December.
	forum := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/forums"), map[string]any{"name": "Kvartalsmöte – Helsingborgs stad",
		"level": "tactical", "member_id": hbg.ID, "cadence_kind": "quarterly", "convenor_id": f.people["admin"].ID, "starts_on": "2026-01-01",
		"participants": []string{"centre:admin", "member:contact:tactical"}}).want(t, 201))
	meeting := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/meetings"), map[string]any{"forum_id": num(forum, "id"),
		"starts_at": "2026-12-03T10:00:00+01:00", "ends_at": "2026-12-03T12:00:00+01:00", "location": "Stadshuset"}).want(t, 201))
	mid := num(meeting, "id")

	// A case that missed its resolution target: the SLA job escalates it
	// to the operational level; the agent takes it to tactical.
	_, err = a.SaveSLAPolicy(ctx, f.sys, sla.Policy{Name: "Lön", Position: 1, Resolution: sla.Target{Amount: 1, Unit: sla.BusinessDays}, WarnPercent: 80})
	must(err)
	team, err := a.CreateTeam(ctx, f.sys, org.Team{Name: "Löneteam 1"})
	must(err)
	c, err := a.OpenCase(ctx, f.sys, app.NewCase{RequesterID: f.people["employee"].ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Fel OB-tillägg", Body: "OB saknas", TeamID: team.ID, ReceivedAt: now.AddDate(0, 0, -7)})
	must(err)
	_, err = a.RecomputeAllSLA(ctx, nil)
	must(err)
	step := decodeAs[map[string]any](t, f.do(t, "agent", "POST", path("/escalations"), map[string]any{"source": "sla_breach", "source_id": c.ID,
		"reason": "Tredje missen i månaden"}).want(t, 201))
	if step["level"] != "tactical" || num(step, "meeting_id") != mid || step["parent_id"] == nil {
		t.Fatalf("step %v", step)
	}
	ladder := decodeAs[map[string]any](t, f.do(t, "tactical", "GET", path("/escalations/%d", num(step, "id")), nil).want(t, 200))
	if l, _ := ladder["ladder"].([]any); len(l) != 2 {
		t.Fatalf("ladder %v", ladder)
	}
	props := decodeAs[page](t, f.do(t, "admin", "GET", path("/meetings/%d/proposals", mid), nil).want(t, 200))
	found := false
	for _, p := range props.Items {
		found = found || (p["source"] == "escalation" && num(p, "source_id") == num(step, "id"))
	}
	if !found {
		t.Fatalf("proposals %v", props.Items)
	}
	item := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/meetings/%d/agenda-items", mid),
		map[string]any{"source": "escalation", "source_id": num(step, "id")}).want(t, 201))
	f.do(t, "admin", "POST", path("/meetings/%d/publish-agenda", mid), nil).want(t, 200)
	f.do(t, "admin", "POST", path("/meetings/%d/publish-minutes", mid), nil).want(t, 422)
	ics := f.do(t, "tactical", "GET", path("/meetings/%d/ics", mid), nil).want(t, 200)
	if !strings.Contains(string(ics.body), "BEGIN:VEVENT\r\n") {
		t.Fatalf("ics %s", ics.body)
	}

	mu.Lock()
	now = time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC)
	mu.Unlock()
	decision := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/decisions"), map[string]any{"meeting_id": mid,
		"agenda_item_id": num(item, "id"), "title": "Åtgärdsplan för OB-tillägg"}).want(t, 201))
	if num(decision, "escalation_id") != num(step, "id") {
		t.Fatalf("decision %v", decision)
	}
	action := decodeAs[map[string]any](t, f.do(t, "admin", "POST", path("/action-items"), map[string]any{"meeting_id": mid,
		"decision_id": num(decision, "id"), "title": "Se över rutinen", "owner_id": f.people["tactical"].ID, "due_on": "2026-12-18"}).want(t, 201))
	f.do(t, "admin", "POST", path("/action-items"), map[string]any{"meeting_id": mid, "title": "Utan ägare", "due_on": "2026-12-18"}).want(t, 422)
	f.do(t, "admin", "PUT", path("/meetings/%d/minutes", mid), map[string]any{"minutes": "Beslut om åtgärdsplan."}).want(t, 200)
	f.do(t, "admin", "POST", path("/meetings/%d/publish-minutes", mid), nil).want(t, 200)

	mine := decodeAs[page](t, f.do(t, "tactical", "GET", path("/action-items?mine=true&open=true"), nil).want(t, 200))
	if len(mine.Items) != 1 || num(mine.Items[0], "id") != num(action, "id") {
		t.Fatalf("the contact's items %v", mine.Items)
	}
	done := decodeAs[map[string]any](t, f.do(t, "tactical", "PATCH", path("/action-items/%d", num(action, "id")),
		map[string]any{"status": "done", "progress": "Klart"}).want(t, 200))
	if done["status"] != "done" || done["completed_at"] == nil {
		t.Fatalf("done %v", done)
	}
	f.do(t, "employee", "GET", path("/action-items/%d", num(action, "id")), nil).want(t, 404)
	closed := decodeAs[map[string]any](t, f.do(t, "tactical", "GET", path("/escalations/%d", num(step, "id")), nil).want(t, 200))
	if closed["status"] != "decided" {
		t.Fatalf("escalation %v", closed)
	}
	comp := decodeAs[struct {
		Items []map[string]any `json:"items"`
	}](t, f.do(t, "tactical", "GET", path("/compliance?year=2026"), nil).want(t, 200))
	if len(comp.Items) != 1 || num(comp.Items[0], "required") != 4 || num(comp.Items[0], "held") != 1 || comp.Items[0]["next_due"] != "2027-03-03" {
		t.Fatalf("compliance %v", comp.Items)
	}
}
