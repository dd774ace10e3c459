package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/governance"
	"samverkan/internal/org"
)

// governanceRoutes registers the pages of the collaboration model:
// forums, meetings, the decision register, action items, escalations,
// compliance, the contact directory, surveys and calendar feeds. The same
// pages serve the centre and the members; app decides what each sees.
// The portal has its own escalation pages for the members' contact persons.
func (s *server) governanceRoutes(mux *http.ServeMux) {
	user, pub := s.user, s.public
	mux.Handle("GET /forums", user(s.forums))
	mux.Handle("GET /forums/new", user(s.forumNew))
	mux.Handle("POST /forums", user(s.forumCreate))
	mux.Handle("GET /forums/{id}", user(s.forum))
	mux.Handle("GET /forums/{id}/edit", user(s.forumEdit))
	mux.Handle("POST /forums/{id}", user(s.forumUpdate))
	mux.Handle("POST /forums/{id}/meetings", user(s.meetingCreate))
	mux.Handle("GET /compliance", user(s.compliance))

	mux.Handle("GET /meetings", user(s.meetings))
	mux.Handle("GET /meetings/{id}", user(s.meeting))
	mux.Handle("GET /meetings/{id}/invite.ics", user(s.meetingICS))
	mux.Handle("POST /meetings/{id}", user(s.meetingUpdate))
	mux.Handle("POST /meetings/{id}/cancel", user(s.meetingCancel))
	mux.Handle("POST /meetings/{id}/agenda", user(s.agendaAdd))
	mux.Handle("POST /meetings/{id}/proposals", user(s.proposalAccept))
	mux.Handle("POST /meetings/{id}/publish-agenda", user(s.agendaPublish))
	mux.Handle("POST /meetings/{id}/attendance", user(s.attendanceSave))
	mux.Handle("POST /meetings/{id}/minutes", user(s.minutesSave))
	mux.Handle("POST /meetings/{id}/decisions", user(s.decisionCreate))
	mux.Handle("POST /meetings/{id}/action-items", user(s.actionCreate))
	mux.Handle("POST /agenda-items/{id}/delete", user(s.agendaDelete))
	mux.Handle("POST /calendar-feed", user(s.calendarFeedCreate))
	mux.Handle("GET /calendar/{token}", pub(s.calendarFeed))

	mux.Handle("GET /decisions", user(s.decisions))
	mux.Handle("GET /action-items", user(s.actionItems))
	mux.Handle("GET /action-items/{id}", user(s.actionItem))
	mux.Handle("POST /action-items/{id}", user(s.actionUpdate))
	mux.Handle("GET /escalations", user(s.escalations))
	mux.Handle("POST /escalations", user(s.escalationCreate))
	mux.Handle("GET /escalations/{id}", user(s.escalation))
	mux.Handle("POST /escalations/{id}/withdraw", user(s.escalationWithdraw))
	mux.Handle("GET /portal/escalations", user(s.portalEscalations))
	mux.Handle("GET /portal/escalations/new", user(s.portalEscalationNew))
	mux.Handle("POST /portal/escalations", user(s.portalEscalate))
	mux.Handle("GET /portal/escalations/{id}", user(s.portalEscalation))
	mux.Handle("POST /portal/escalations/{id}/further", user(s.portalEscalateFurther))

	mux.Handle("GET /contacts", user(s.contactsPage))
	mux.Handle("GET /contacts/export.csv", user(s.contactsExport))
	mux.Handle("POST /contacts", user(s.contactSave))
	mux.Handle("GET /contacts/{id}/edit", user(s.contactEdit))
	mux.Handle("POST /contacts/{id}", user(s.contactSave))
	mux.Handle("POST /contacts/{id}/delete", user(s.contactDelete))
	mux.Handle("POST /contacts/verify", user(s.contactsVerify))
	mux.Handle("GET /surveys/{id}", user(s.survey))
	mux.Handle("POST /surveys/{id}", user(s.surveyAnswer))
}

// GovNav is the collaboration model's own navigation, for the sections
// the actor has.
func (vw *view) GovNav() []navLink {
	var out []navLink
	add := func(href, section, key string) {
		out = append(out, navLink{Href: href, Label: vw.T(key), Current: vw.govSection() == section})
	}
	add("/meetings", "meetings", "gov.nav.meetings")
	add("/forums", "forums", "gov.nav.forums")
	if vw.Can(string(app.ViewGovernance)) {
		add("/compliance", "compliance", "gov.nav.compliance")
	}
	add("/escalations", "escalations", "gov.nav.escalations")
	add("/decisions", "decisions", "gov.nav.decisions")
	add("/action-items", "action-items", "gov.nav.actions")
	add("/contacts", "contacts", "gov.nav.contacts")
	return out
}

// govSection is the sub-section of a governance page: the first part of
// its path.
func (vw *view) govSection() string {
	p := strings.TrimPrefix(vw.Path, "/")
	if i := strings.IndexAny(p, "/?"); i >= 0 {
		p = p[:i]
	}
	return p
}

// govView is a view in the governance section.
func govView(title string, data any, f *form) *view {
	return &view{Title: title, Section: "governance", Data: data, Form: f}
}

// GovLevel translates a collaboration level.
func (vw *view) GovLevel(l org.Level) string { return vw.Enum("level", l) }

// GovCadence describes a forum's cadence in the page's language.
func (vw *view) GovCadence(c governance.Cadence) string {
	switch c.Kind {
	case governance.PerYear:
		return vw.T("gov.cadence.per_year_n", c.N)
	case governance.EveryWeeks:
		return vw.T("gov.cadence.every_weeks_n", c.N)
	}
	return vw.T("gov.cadence." + string(c.Kind))
}

// GovParticipant describes a participant role: "Centre: Team lead".
func (vw *view) GovParticipant(p governance.Participant) string {
	return vw.T("gov.side."+string(p.Side)) + ": " + grantLabel(vw.Lang, org.Grant{Role: p.Role, Level: p.Level})
}

// GovDay formats a date kept as midnight UTC.
func (vw *view) GovDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// participantChoices are the roles a forum may invite, as checkboxes.
var participantChoices = []governance.Participant{
	{Side: governance.CentreSide, Role: org.Admin}, {Side: governance.CentreSide, Role: org.TeamLead}, {Side: governance.CentreSide, Role: org.Agent},
	{Side: governance.MemberSide, Role: org.Contact, Level: org.Strategic}, {Side: governance.MemberSide, Role: org.Contact, Level: org.Tactical},
	{Side: governance.MemberSide, Role: org.Contact, Level: org.Operational}, {Side: governance.MemberSide, Role: org.Manager},
	{Side: governance.MemberSide, Role: org.Assistant}, {Side: governance.MemberSide, Role: org.Orderer},
}

// staffOptions are the centre's active staff as options.
func (s *server) staffOptions(ctx context.Context, v *visit, blankKey string) ([]option, names, error) {
	staff, err := collect(func(pr app.PageRequest) (app.Page[org.Person], error) {
		return s.app.ListPeople(ctx, v.actor, app.PersonQuery{CentreOnly: true, PageRequest: pr})
	})
	if err != nil {
		return nil, nil, err
	}
	out := []option{{Value: "", Label: v.T(blankKey)}}
	n := names{}
	for _, p := range staff {
		n[p.ID] = p.Name
		if p.Active {
			out = append(out, option{Value: itoa(p.ID), Label: p.Name})
		}
	}
	return out, n, nil
}

// memberNamesOf names every member the actor sees.
func (s *server) memberNamesOf(ctx context.Context, a app.Actor) (names, []org.Member, error) {
	ms, err := s.allMembers(ctx, a)
	return memberNames(ms), ms, err
}

// localTime parses a datetime-local value in the centre's zone.
func localTime(v *visit, s string) time.Time {
	loc, err := time.LoadLocation(v.centre.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// localInput formats an instant for a datetime-local input.
func localInput(v *visit, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	loc, err := time.LoadLocation(v.centre.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02T15:04")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// yearOf reads ?year=, this year when absent or odd.
func yearOf(q url.Values, now time.Time) int {
	if y := atoi(q.Get("year")); y >= 2000 && y <= 2200 {
		return y
	}
	return now.Year()
}

// SeesGovernance reports whether the navigation offers the collaboration
// model: centre staff who follow it, and members' contact persons and
// managers (others reach their action items and surveys by their links).
func (vw *view) SeesGovernance() bool {
	if !vw.SignedIn {
		return false
	}
	if vw.Actor.IsCentre() {
		return vw.Actor.Can(app.ViewGovernance)
	}
	return vw.Actor.Has(org.Contact) || vw.Actor.Has(org.Manager)
}
