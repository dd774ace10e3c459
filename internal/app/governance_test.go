package app_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// TestGovernanceFlow is the "done when": an SLA breach on a
// Helsingborg case is escalated to tactical level, appears as a proposal
// on the next Helsingborg tactical meeting's agenda, the meeting records a
// decision and an action item for a member contact, the contact completes
// it, and compliance shows the forum's cadence.
func TestGovernanceFlow(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	quarterly := g.forum(t, "Kvartalsmöte – Helsingborgs stad")
	if quarterly.Level != org.Tactical || quarterly.MemberID != g.hbg.ID {
		t.Fatalf("forum %+v", quarterly)
	}
	// One meeting held in September, the next planned in December.
	g.setNow(local(2026, 9, 3, 9))
	sept := g.meeting(t, quarterly, local(2026, 9, 3, 10))
	g.setNow(local(2026, 9, 3, 13))
	if _, err := g.gov.RecordAttendance(ctx, g.admin, sept.ID, []app.AttendanceInput{{PersonID: g.hbgTactical.ID, Status: governance.Present}}); err != nil {
		t.Fatal(err)
	}
	g.setNow(testNow)
	dec := g.meeting(t, quarterly, local(2026, 12, 3, 10))

	c := g.breach(t)
	ladder, err := g.gov.EscalationsOf(ctx, g.agent, governance.FromSLABreach, c.ID)
	if err != nil || len(ladder) != 1 || ladder[0].Level != "operational" {
		t.Fatalf("the SLA job's escalation: %+v, %v", ladder, err)
	}

	step, err := g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromSLABreach, SourceID: c.ID,
		Reason: "Tredje missen i månaden; kunden vill ha en åtgärdsplan."})
	if err != nil {
		t.Fatal(err)
	}
	if step.Level != "tactical" || step.MeetingID != dec.ID || step.ParentID != ladder[0].ID || step.MemberID != g.hbg.ID {
		t.Fatalf("step %+v; want tactical on meeting %d", step, dec.ID)
	}
	l, err := g.gov.Escalation(ctx, g.admin, step.ID)
	if err != nil || len(l.Steps) != 2 || l.Steps[0].Status != "escalated" || l.Steps[1].Status != "open" || len(l.History) == 0 {
		t.Fatalf("ladder %+v, %v", l, err)
	}

	props, err := g.gov.AgendaProposals(ctx, g.admin, dec.ID)
	if err != nil {
		t.Fatal(err)
	}
	var escalation, breach bool
	for _, p := range props {
		escalation = escalation || (p.Source == governance.FromEscalation && p.SourceID == step.ID)
		breach = breach || (p.Source == governance.FromSLABreach && p.SourceID == c.ID)
	}
	if !escalation || !breach {
		t.Fatalf("proposals %+v lack the escalation or the breach", props)
	}
	item, err := g.gov.AcceptProposal(ctx, g.admin, dec.ID, governance.FromEscalation, step.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.AcceptProposal(ctx, g.admin, dec.ID, governance.FromEscalation, step.ID); fault.KindOf(err) != fault.NotFound {
		t.Fatalf("accepting twice: %v", err)
	}
	// The member does not see a draft agenda; it sees the published one.
	d, err := g.gov.Meeting(ctx, g.hbgTacticalA, dec.ID)
	if err != nil || d.AgendaVisible || len(d.Agenda) != 0 {
		t.Fatalf("draft agenda visible to the member: %+v, %v", d, err)
	}
	if _, err := g.gov.PublishAgenda(ctx, g.admin, dec.ID); err != nil {
		t.Fatal(err)
	}
	d, err = g.gov.Meeting(ctx, g.hbgTacticalA, dec.ID)
	if err != nil || !d.AgendaVisible || len(d.Agenda) != 1 || d.Agenda[0].ID != item.ID {
		t.Fatalf("published agenda: %+v, %v", d.Agenda, err)
	}

	// Minutes before the meeting are refused.
	_, err = g.gov.PublishMinutes(ctx, g.admin, dec.ID)
	wantFieldCode(t, err, "minutes", "meeting_not_held")

	g.setNow(local(2026, 12, 3, 13))
	if _, err := g.gov.RecordAttendance(ctx, g.admin, dec.ID, []app.AttendanceInput{
		{PersonID: g.hbgTactical.ID, Status: governance.Present}, {PersonID: g.fixture.admin.ID, Status: governance.Present}}); err != nil {
		t.Fatal(err)
	}
	decision, err := g.gov.RecordDecision(ctx, g.admin, governance.Decision{MeetingID: dec.ID, AgendaItemID: item.ID,
		Title: "Åtgärdsplan för OB-tillägg", Body: "Centret tar fram en åtgärdsplan; kunden ser över sina underlag."})
	if err != nil {
		t.Fatal(err)
	}
	if decision.EscalationID != step.ID {
		t.Fatalf("the decision does not close the escalation: %+v", decision)
	}
	due := time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)
	action, err := g.gov.AddActionItem(ctx, g.admin, governance.ActionItem{MeetingID: dec.ID, DecisionID: decision.ID,
		Title: "Se över rutinen för OB-underlag", OwnerID: g.hbgTactical.ID, DueOn: due})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.SaveMinutes(ctx, g.admin, dec.ID, "Mötet gick igenom eskaleringen och beslutade om en åtgärdsplan."); err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.PublishMinutes(ctx, g.admin, dec.ID); err != nil {
		t.Fatal(err)
	}
	l, err = g.gov.Escalation(ctx, g.hbgTacticalA, step.ID)
	if err != nil || l.Step.Status != "decided" || l.Step.DecisionID != decision.ID {
		t.Fatalf("escalation after the decision: %+v, %v", l.Step, err)
	}

	// The contact sees and completes the action item.
	mine, err := g.gov.ListActionItems(ctx, g.hbgTacticalA, app.ActionQuery{Mine: true})
	if err != nil || len(mine.Items) != 1 || mine.Items[0].ID != action.ID {
		t.Fatalf("the contact's action items: %+v, %v", mine.Items, err)
	}
	done, err := g.gov.UpdateActionItem(ctx, g.hbgTacticalA, action.ID, app.ActionUpdate{Status: governance.Done, Progress: "Rutinen är uppdaterad."})
	if err != nil || done.Status != governance.Done || done.CompletedAt.IsZero() {
		t.Fatalf("complete: %+v, %v", done, err)
	}
	// The owner marks progress; only the centre changes the due day.
	_, err = g.gov.UpdateActionItem(ctx, g.hbgTacticalA, action.ID, app.ActionUpdate{Status: governance.Done, DueOn: due.AddDate(0, 1, 0)})
	wantKind(t, err, fault.Forbidden)
	decisions, err := g.gov.ListDecisions(ctx, g.hbgTacticalA, app.DecisionQuery{Search: "åtgärdsplan"})
	if err != nil || len(decisions.Items) != 1 {
		t.Fatalf("decision register search: %+v, %v", decisions.Items, err)
	}

	fc, err := g.gov.ForumComplianceOf(ctx, g.admin, quarterly.ID, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if fc.Required != 4 || fc.Held != 2 || !fc.Behind || fc.AgendasDue != 2 || fc.AgendasOnTime != 1 || fc.MinutesDue != 2 || fc.MinutesOnTime != 1 {
		t.Fatalf("compliance %+v", fc.Compliance)
	}
	// Quarterly: the next is due three months after the December meeting.
	if !fc.NextDue.Equal(time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("next due %s", fc.NextDue)
	}
	all, err := g.gov.Compliance(ctx, g.admin, 2026)
	if err != nil || len(all) != len(g.forums) {
		t.Fatalf("overview of %d forums, %v", len(all), err)
	}

	// Every step is audited.
	log, err := g.gov.AuditLog(ctx, g.admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "escalation", EntityID: step.ID}})
	if err != nil || len(log.Items) != 2 {
		t.Fatalf("audit of the step: %+v, %v", log.Items, err)
	}
}

func wantFieldCode(t *testing.T, err error, field, code string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	for _, f := range e.Fields {
		if f.Field == field && f.Code == code {
			return
		}
	}
	t.Fatalf("err = %v, want field %s with code %s", err, field, code)
}

func TestGovernanceBadInput(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	quarterly := g.forum(t, "Kvartalsmöte – Helsingborgs stad")

	// A meeting outside its forum's scope.
	_, err := g.gov.ScheduleMeeting(ctx, g.admin, governance.Meeting{ForumID: quarterly.ID, MemberID: g.m2.ID,
		StartsAt: local(2026, 12, 3, 10), EndsAt: local(2026, 12, 3, 12)})
	wantFieldCode(t, err, "member_id", "meeting_scope")
	ms, _ := g.gov.ListMeetings(ctx, g.admin, app.MeetingQuery{ForumID: quarterly.ID})
	if len(ms.Items) != 0 {
		t.Fatalf("a refused meeting was saved: %+v", ms.Items)
	}

	m := g.meeting(t, quarterly, local(2026, 12, 3, 10))
	// An action item without owner.
	_, err = g.gov.AddActionItem(ctx, g.admin, governance.ActionItem{MeetingID: m.ID, Title: "Ta fram underlag", DueOn: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)})
	wantFieldCode(t, err, "owner_id", "action_owner")
	// An owner at another member.
	_, err = g.gov.AddActionItem(ctx, g.admin, governance.ActionItem{MeetingID: m.ID, Title: "Ta fram underlag", OwnerID: g.emp2.ID,
		DueOn: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)})
	wantFieldCode(t, err, "owner_id", "action_owner_scope")
	// Minutes and decisions for a meeting not yet held.
	_, err = g.gov.SaveMinutes(ctx, g.admin, m.ID, "Minnesanteckningar")
	wantFieldCode(t, err, "minutes", "meeting_not_held")
	_, err = g.gov.RecordDecision(ctx, g.admin, governance.Decision{MeetingID: m.ID, Title: "Beslut"})
	wantFieldCode(t, err, "meeting_id", "meeting_not_held")
	// A member user editing another member's contacts.
	_, err = g.gov.SaveContact(ctx, g.hbgTacticalA, governance.Contact{MemberID: g.m1.ID, Level: org.Tactical, PersonID: g.contact1.ID})
	wantKind(t, err, fault.Forbidden)
	if e, _ := fault.As(err); !strings.Contains(e.Message, "your own organisation") {
		t.Fatalf("unclear reason: %v", err)
	}
	theirs, err := g.gov.SaveContact(ctx, g.contact1A, governance.Contact{Level: org.Tactical, PersonID: g.contact1.ID, Title: "Lönechef"})
	if err != nil || theirs.MemberID != g.m1.ID || theirs.VerifiedAt.IsZero() {
		t.Fatalf("own contact: %+v, %v", theirs, err)
	}
	theirs.Title = "Kapad"
	_, err = g.gov.SaveContact(ctx, g.hbgTacticalA, theirs)
	wantKind(t, err, fault.NotFound)
	wantKind(t, g.gov.RemoveContact(ctx, g.hbgTacticalA, theirs.ID), fault.NotFound)
	// A contact must be a person of the member; an employee may not edit.
	_, err = g.gov.SaveContact(ctx, g.hbgTacticalA, governance.Contact{Level: org.Strategic, PersonID: g.emp2.ID})
	wantFieldCode(t, err, "person_id", "contact_member")
	_, err = g.gov.SaveContact(ctx, g.actor(t, g.hbgEmp), governance.Contact{Level: org.Strategic, PersonID: g.hbgStrat.ID})
	wantKind(t, err, fault.Forbidden)
	// Escalating above the top, and without a reason.
	c := g.breach(t)
	_, err = g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromSLABreach, SourceID: c.ID, Level: org.Strategic, Reason: "  "})
	wantFieldCode(t, err, "reason", "escalation_reason")
	if _, err = g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromSLABreach, SourceID: c.ID, Level: org.Strategic, Reason: "Allvarligt"}); err != nil {
		t.Fatal(err)
	}
	_, err = g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromSLABreach, SourceID: c.ID, Reason: "Igen"})
	wantFieldCode(t, err, "level", "escalation_top")
	// A case without a breach is no SLA breach.
	other, err := g.gov.OpenCase(ctx, g.agent, app.NewCase{RequesterID: g.hbgEmp.ID, Channel: "phone", Type: "question", Subject: "Fråga", Body: "Hej", TeamID: g.payroll.ID})
	if err != nil {
		t.Fatal(err)
	}
	_, err = g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromSLABreach, SourceID: other.ID, Reason: "Varför?"})
	wantFieldCode(t, err, "source_id", "escalation_no_breach")
	// Forums: a convenor outside the centre.
	_, err = g.gov.CreateForum(ctx, g.admin, governance.Forum{Name: "Nytt råd", Level: org.Tactical, Cadence: governance.Cadence{Kind: governance.Monthly},
		ConvenorID: g.hbgTactical.ID})
	wantFieldCode(t, err, "convenor_id", "convenor_centre")
	_, err = g.gov.CreateForum(ctx, g.agent, governance.Forum{Name: "Nytt råd", Level: org.Tactical, Cadence: governance.Cadence{Kind: governance.Monthly},
		ConvenorID: g.fixture.admin.ID})
	wantKind(t, err, fault.Forbidden)
}

// TestGovernanceMemberIsolation: member users see only their own
// member's forums, meetings, escalations and contacts.
func TestGovernanceMemberIsolation(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	hbgQ := g.forum(t, "Kvartalsmöte – Helsingborgs stad")
	hogQ := g.forum(t, "Kvartalsmöte – Höganäs kommun")
	owners := g.forum(t, "Ägarråd")
	hbgMeeting := g.meeting(t, hbgQ, local(2026, 12, 3, 10))
	hogMeeting := g.meeting(t, hogQ, local(2026, 12, 4, 10))
	ownersMeeting := g.meeting(t, owners, local(2026, 12, 8, 10))
	for _, id := range []int64{hbgMeeting.ID, hogMeeting.ID, ownersMeeting.ID} {
		if _, err := g.gov.PublishAgenda(ctx, g.admin, id); err != nil {
			t.Fatal(err)
		}
	}
	c := g.breach(t)
	if _, err := g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromSLABreach, SourceID: c.ID, Reason: "Upprepat"}); err != nil {
		t.Fatal(err)
	}

	kim := g.contact1A // Höganäs, tactical
	forums, err := g.gov.ListForums(ctx, kim, app.ForumQuery{PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range forums.Items {
		if f.MemberID != 0 && f.MemberID != g.m1.ID {
			t.Errorf("Höganäs sees forum %s", f.Name)
		}
	}
	if !slices.ContainsFunc(forums.Items, func(f governance.Forum) bool { return f.ID == owners.ID }) {
		t.Error("Höganäs does not see the owner council")
	}
	_, err = g.gov.Forum(ctx, kim, hbgQ.ID)
	wantKind(t, err, fault.NotFound)
	_, err = g.gov.Meeting(ctx, kim, hbgMeeting.ID)
	wantKind(t, err, fault.NotFound)
	_, err = g.gov.MeetingICS(ctx, kim, hbgMeeting.ID)
	wantKind(t, err, fault.NotFound)
	if _, err := g.gov.Meeting(ctx, kim, ownersMeeting.ID); err != nil {
		t.Fatalf("the owner council's meeting: %v", err)
	}
	meetings, err := g.gov.ListMeetings(ctx, kim, app.MeetingQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range meetings.Items {
		if m.ID == hbgMeeting.ID {
			t.Error("Höganäs lists Helsingborg's meeting")
		}
	}
	steps, err := g.gov.ListEscalations(ctx, kim, app.EscalationQuery{})
	if err != nil || len(steps.Items) != 0 {
		t.Fatalf("Höganäs sees escalations %+v, %v", steps.Items, err)
	}
	hbgSteps, err := g.gov.ListEscalations(ctx, g.hbgTacticalA, app.EscalationQuery{})
	if err != nil || len(hbgSteps.Items) != 2 {
		t.Fatalf("Helsingborg sees %d escalations, %v", len(hbgSteps.Items), err)
	}
	_, err = g.gov.Escalation(ctx, kim, hbgSteps.Items[0].ID)
	wantKind(t, err, fault.NotFound)
	// An employee is no participant: no forums, no meetings.
	emp, err := g.gov.ListForums(ctx, g.emp1A, app.ForumQuery{})
	if err != nil || len(emp.Items) != 0 {
		t.Fatalf("employee sees forums %d, %v", len(emp.Items), err)
	}
	// Contacts: each member its own.
	if _, err := g.gov.SaveContact(ctx, g.hbgTacticalA, governance.Contact{Level: org.Tactical, PersonID: g.hbgTactical.ID, DeputyID: g.hbgStrat.ID}); err != nil {
		t.Fatal(err)
	}
	list, err := g.gov.ListContacts(ctx, kim, app.ContactQuery{MemberID: g.hbg.ID})
	if err != nil || len(list) != 0 {
		t.Fatalf("Höganäs sees Helsingborg's contacts: %+v, %v", list, err)
	}
	all, err := g.gov.ListContacts(ctx, g.agent, app.ContactQuery{})
	if err != nil || len(all) != 1 || all[0].DeputyName != "Sten Strategisk" || all[0].Stale {
		t.Fatalf("centre directory %+v, %v", all, err)
	}
}

func TestGovernanceICS(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	hbgQ := g.forum(t, "Kvartalsmöte – Helsingborgs stad")
	m := g.meeting(t, hbgQ, local(2026, 12, 3, 10))
	if _, err := g.gov.AddAgendaItem(ctx, g.admin, governance.AgendaItem{MeetingID: m.ID, Title: "Servicenivåer, kvartal 4; uppföljning"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.gov.PublishAgenda(ctx, g.admin, m.ID); err != nil {
		t.Fatal(err)
	}
	b, err := g.gov.MeetingICS(ctx, g.hbgTacticalA, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, b)
	}
	ev := cal.Events()
	if len(ev) != 1 {
		t.Fatalf("%d events", len(ev))
	}
	start, err := ev[0].DateTimeStart(time.UTC)
	if err != nil || !start.Equal(m.StartsAt) {
		t.Fatalf("start %s, %v", start, err)
	}
	var attendees []string
	for _, p := range ev[0].Props.Values(ical.PropAttendee) {
		attendees = append(attendees, p.Value)
	}
	if !slices.Contains(attendees, "mailto:tilda@helsingborg.example") || slices.Contains(attendees, "mailto:sten@helsingborg.example") {
		t.Fatalf("attendees %v", attendees)
	}
	if d, _ := ev[0].Props.Text(ical.PropDescription); !strings.Contains(d, "Servicenivåer, kvartal 4; uppföljning") {
		t.Fatalf("description %q", d)
	}

	token, err := g.gov.CreateCalendarFeed(ctx, g.hbgTacticalA)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := g.gov.CalendarFeed(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	fcal, err := ical.NewDecoder(bytes.NewReader(feed)).Decode()
	if err != nil || len(fcal.Events()) != 1 {
		t.Fatalf("feed: %v\n%s", err, feed)
	}
	// Höganäs's contact's feed holds no Helsingborg meeting.
	kimToken, _ := g.gov.CreateCalendarFeed(ctx, g.contact1A)
	kimFeed, err := g.gov.CalendarFeed(ctx, kimToken)
	if err != nil || bytes.Contains(kimFeed, []byte("Helsingborg")) {
		t.Fatalf("Höganäs's feed: %v\n%s", err, kimFeed)
	}
	// A new feed address retires the old one.
	if _, err := g.gov.CreateCalendarFeed(ctx, g.hbgTacticalA); err != nil {
		t.Fatal(err)
	}
	_, err = g.gov.CalendarFeed(ctx, token)
	wantKind(t, err, fault.NotFound)
	_, err = g.gov.CalendarFeed(ctx, "cal_nonsense")
	wantKind(t, err, fault.NotFound)
}

func TestContactVerificationAndSurveys(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	if _, err := g.gov.SaveContact(ctx, g.admin, governance.Contact{MemberID: g.hbg.ID, Level: org.Tactical, PersonID: g.hbgTactical.ID}); err != nil {
		t.Fatal(err)
	}
	list, _ := g.gov.ListContacts(ctx, g.admin, app.ContactQuery{StaleOnly: true})
	if len(list) != 1 {
		t.Fatalf("an entry the centre made is not confirmed by the member: %+v", list)
	}
	asked, err := g.gov.RequestContactVerification(ctx)
	if err != nil || asked < 1 {
		t.Fatalf("asked %d, %v", asked, err)
	}
	again, err := g.gov.RequestContactVerification(ctx)
	if err != nil || again != 0 {
		t.Fatalf("asked again the same month: %d, %v", again, err)
	}
	n, err := g.gov.VerifyContacts(ctx, g.hbgTacticalA, 0)
	if err != nil || n != 1 {
		t.Fatalf("verify: %d, %v", n, err)
	}
	list, _ = g.gov.ListContacts(ctx, g.admin, app.ContactQuery{StaleOnly: true})
	if len(list) != 0 {
		t.Fatalf("still stale: %+v", list)
	}
	csv, err := g.gov.ContactsCSV(ctx, g.admin, app.ContactQuery{})
	if err != nil || !strings.Contains(string(csv), "Helsingborgs stad,tactical,Tilda Taktisk") {
		t.Fatalf("csv %q, %v", csv, err)
	}

	// A survey after the meeting goes to a share of those present.
	hbgQ := g.forum(t, "Kvartalsmöte – Helsingborgs stad")
	m := g.meeting(t, hbgQ, local(2026, 11, 20, 10))
	if _, err := g.gov.RecordAttendance(ctx, g.admin, m.ID, []app.AttendanceInput{{PersonID: g.hbgTactical.ID, Status: governance.Present},
		{PersonID: g.hbgStrat.ID, Status: governance.Absent}, {PersonID: g.fixture.admin.ID, Status: governance.Present}}); err != nil {
		t.Fatal(err)
	}
	surveys, err := g.gov.MySurveys(ctx, g.hbgTacticalA)
	if err != nil || len(surveys) != 1 {
		t.Fatalf("surveys %+v, %v", surveys, err)
	}
	if jobs, _ := g.gov.CountJobs(ctx, app.JobSurveyInvitation); jobs != 1 {
		t.Fatalf("%d survey mail jobs", jobs)
	}
	wantKind(t, g.gov.AnswerSurvey(ctx, g.hbgStratA, surveys[0].ID, 4, ""), fault.NotFound)
	wantFieldCode(t, g.gov.AnswerSurvey(ctx, g.hbgTacticalA, surveys[0].ID, 6, ""), "score", "survey_score")
	if err := g.gov.AnswerSurvey(ctx, g.hbgTacticalA, surveys[0].ID, 4, "Bra möte"); err != nil {
		t.Fatal(err)
	}
	wantKind(t, g.gov.AnswerSurvey(ctx, g.hbgTacticalA, surveys[0].ID, 5, ""), fault.Conflict)
	res, err := g.gov.SurveyResults(ctx, g.admin, hbgQ.ID)
	if err != nil || res.Answered != 1 || res.Average != 4 || len(res.Meetings) != 1 || res.Meetings[0].Comments[0] != "Bra möte" {
		t.Fatalf("results %+v, %v", res, err)
	}
}

// TestProposalsIncludePendingOrders: orders not yet settled are proposed
// for the member's next meeting, and an order can be escalated.
func TestProposalsIncludePendingOrders(t *testing.T) {
	g := newGovFixture(t)
	ctx := g.ctx
	orderer, err := g.gov.CreatePerson(ctx, g.caseFixture.sys, org.Person{Name: "Olle Beställare", Email: "olle@helsingborg.example",
		MemberID: g.hbg.ID, Grants: []org.Grant{{Role: org.Orderer}}})
	if err != nil {
		t.Fatal(err)
	}
	o, err := g.gov.PlaceOrder(ctx, g.actor(t, orderer), app.NewOrder{Kind: "special", Title: "Extra lönekörning i december", Description: "En extra körning för retroaktiv lön."})
	if err != nil {
		t.Fatal(err)
	}
	m := g.meeting(t, g.forum(t, "Kvartalsmöte – Helsingborgs stad"), local(2026, 12, 3, 10))
	other := g.meeting(t, g.forum(t, "Kvartalsmöte – Höganäs kommun"), local(2026, 12, 4, 10))
	props, err := g.gov.AgendaProposals(ctx, g.admin, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(props, func(p governance.Proposal) bool {
		return p.Source == governance.FromOrder && p.SourceID == o.ID && strings.Contains(p.Title, "Extra lönekörning")
	}) {
		t.Fatalf("proposals %+v lack the order", props)
	}
	props, _ = g.gov.AgendaProposals(ctx, g.admin, other.ID)
	if slices.ContainsFunc(props, func(p governance.Proposal) bool { return p.Source == governance.FromOrder }) {
		t.Fatalf("Höganäs's meeting is proposed Helsingborg's order: %+v", props)
	}
	step, err := g.gov.Escalate(ctx, g.agent, app.EscalationInput{Source: governance.FromOrder, SourceID: o.ID, Level: org.Tactical, Reason: "Kunden vill prioritera"})
	if err != nil || step.MemberID != g.hbg.ID || step.MeetingID != m.ID || !strings.Contains(step.Subject, "Extra lönekörning") {
		t.Fatalf("order escalation %+v, %v", step, err)
	}
}
