package api

import (
	"fmt"
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/governance"
)

// meetingJSON is a meeting of a forum.
type meetingJSON struct {
	ID                 int64   `json:"id"`
	ForumID            int64   `json:"forum_id"`
	MemberID           *int64  `json:"member_id"`
	Title              string  `json:"title"`
	StartsAt           string  `json:"starts_at"`
	EndsAt             string  `json:"ends_at"`
	Location           string  `json:"location"`
	Status             string  `json:"status"`
	AgendaPublishedAt  *string `json:"agenda_published_at"`
	MinutesPublishedAt *string `json:"minutes_published_at"`
	Sequence           int     `json:"sequence"`
	CreatedAt          string  `json:"created_at"`
	UpdatedAt          string  `json:"updated_at"`
}

func meetingOut(m governance.Meeting, loc *time.Location) meetingJSON {
	return meetingJSON{ID: m.ID, ForumID: m.ForumID, MemberID: idOrNull(m.MemberID), Title: m.Title, StartsAt: stamp(m.StartsAt, loc),
		EndsAt: stamp(m.EndsAt, loc), Location: m.Location, Status: string(m.Status), AgendaPublishedAt: stampOrNull(m.AgendaPublishedAt, loc),
		MinutesPublishedAt: stampOrNull(m.MinutesPublishedAt, loc), Sequence: m.Sequence, CreatedAt: stamp(m.CreatedAt, loc), UpdatedAt: stamp(m.UpdatedAt, loc)}
}

// attendanceJSON is one person's attendance.
type attendanceJSON struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	Status   string `json:"status"`
}

// meetingDetailJSON is a meeting with what the caller may see of it:
// agenda and minutes are null until published (for the members).
type meetingDetailJSON struct {
	meetingJSON
	Agenda          []agendaItemJSON `json:"agenda"`
	Minutes         *string          `json:"minutes"`
	Decisions       []decisionJSON   `json:"decisions"`
	ActionItems     []actionItemJSON `json:"action_items"`
	Attendance      []attendanceJSON `json:"attendance"`
	AgendaDeadline  string           `json:"agenda_deadline"`
	MinutesDeadline string           `json:"minutes_deadline"`
}

func meetingDetailOut(d app.MeetingDetail, loc *time.Location) meetingDetailJSON {
	out := meetingDetailJSON{meetingJSON: meetingOut(d.Meeting, loc), Decisions: []decisionJSON{}, ActionItems: []actionItemJSON{},
		Attendance: []attendanceJSON{}, AgendaDeadline: stamp(d.AgendaDeadline, loc), MinutesDeadline: stamp(d.MinutesDeadline, loc)}
	if d.AgendaVisible {
		out.Agenda = []agendaItemJSON{}
		for _, it := range d.Agenda {
			out.Agenda = append(out.Agenda, agendaItemOut(it, loc))
		}
	}
	if d.MinutesVisible {
		out.Minutes = &d.Meeting.Minutes
	}
	for _, x := range d.Decisions {
		out.Decisions = append(out.Decisions, decisionOut(x, loc))
	}
	for _, x := range d.Actions {
		out.ActionItems = append(out.ActionItems, actionItemOut(x, loc))
	}
	for _, x := range d.Attendance {
		out.Attendance = append(out.Attendance, attendanceJSON{PersonID: x.PersonID, Name: x.Name, Status: string(x.Status)})
	}
	return out
}

// meetingInput is the body of POST and PATCH /meetings.
type meetingInput struct {
	ForumID  opt[int64]      `json:"forum_id"`
	MemberID nullable[int64] `json:"member_id"`
	Title    opt[string]     `json:"title"`
	StartsAt opt[time.Time]  `json:"starts_at"`
	EndsAt   opt[time.Time]  `json:"ends_at"`
	Location opt[string]     `json:"location"`
}

func (in meetingInput) apply(m *governance.Meeting) {
	in.ForumID.to(&m.ForumID)
	in.MemberID.to(&m.MemberID)
	in.Title.to(&m.Title)
	in.StartsAt.to(&m.StartsAt)
	in.EndsAt.to(&m.EndsAt)
	in.Location.to(&m.Location)
}

func (s *server) listMeetings(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	mq := app.MeetingQuery{ForumID: q.id("forum_id"), From: q.instant("from"), To: q.instant("to"),
		Status: enum(q, "status", governance.MeetingStatuses), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListMeetings(r.Context(), by, mq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(m governance.Meeting) meetingJSON { return meetingOut(m, loc) }))
}

func (s *server) getMeeting(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var d app.MeetingDetail
	if err == nil {
		d, err = s.app.Meeting(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, meetingDetailOut(d, s.zone(r.Context())))
}

func (s *server) createMeeting(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in meetingInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	var m governance.Meeting
	in.apply(&m)
	m, err := s.app.ScheduleMeeting(r.Context(), by, m)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "meetings", m.ID, meetingOut(m, s.zone(r.Context())))
}

func (s *server) patchMeeting(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var in meetingInput
	if err == nil {
		err = decode(r, &in)
	}
	var d app.MeetingDetail
	if err == nil {
		d, err = s.app.Meeting(r.Context(), by, id)
	}
	m := d.Meeting
	if err == nil {
		in.apply(&m)
		m, err = s.app.UpdateMeeting(r.Context(), by, m)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, meetingOut(m, s.zone(r.Context())))
}

// meetingStep answers one of the meeting's steps (cancel, publish, …).
func (s *server) meetingStep(step func(r *http.Request, by app.Actor, id int64) (governance.Meeting, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, by app.Actor) {
		id, err := pathID(r, "id")
		var m governance.Meeting
		if err == nil {
			m, err = step(r, by, id)
		}
		if err != nil {
			s.problem(w, r, err)
			return
		}
		reply(w, http.StatusOK, meetingOut(m, s.zone(r.Context())))
	}
}

func (s *server) cancelMeeting(r *http.Request, by app.Actor, id int64) (governance.Meeting, error) {
	return s.app.CancelMeeting(r.Context(), by, id)
}

func (s *server) publishAgenda(r *http.Request, by app.Actor, id int64) (governance.Meeting, error) {
	return s.app.PublishAgenda(r.Context(), by, id)
}

func (s *server) publishMinutes(r *http.Request, by app.Actor, id int64) (governance.Meeting, error) {
	return s.app.PublishMinutes(r.Context(), by, id)
}

func (s *server) putMinutes(r *http.Request, by app.Actor, id int64) (governance.Meeting, error) {
	var in struct {
		Minutes string `json:"minutes"`
	}
	if err := decode(r, &in); err != nil {
		return governance.Meeting{}, err
	}
	return s.app.SaveMinutes(r.Context(), by, id, in.Minutes)
}

func (s *server) putAttendance(r *http.Request, by app.Actor, id int64) (governance.Meeting, error) {
	var in struct {
		Attendance []struct {
			PersonID int64  `json:"person_id"`
			Status   string `json:"status"`
		} `json:"attendance"`
	}
	if err := decode(r, &in); err != nil {
		return governance.Meeting{}, err
	}
	att := make([]app.AttendanceInput, len(in.Attendance))
	for i, a := range in.Attendance {
		att[i] = app.AttendanceInput{PersonID: a.PersonID, Status: governance.Attendance(a.Status)}
	}
	return s.app.RecordAttendance(r.Context(), by, id, att)
}

func (s *server) meetingICS(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var b []byte
	if err == nil {
		b, err = s.app.MeetingICS(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeFile(w, "text/calendar; charset=utf-8", fmt.Sprintf("meeting-%d.ics", id), b)
}

// proposalJSON is something proposed for a meeting's agenda.
type proposalJSON struct {
	Source   string  `json:"source"`
	SourceID int64   `json:"source_id"`
	MemberID *int64  `json:"member_id"`
	Title    string  `json:"title"`
	Detail   string  `json:"detail"`
	At       *string `json:"at"`
	Overdue  bool    `json:"overdue"`
}

func (s *server) listProposals(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var ps []governance.Proposal
	if err == nil {
		ps, err = s.app.AgendaProposals(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	out := struct {
		Items []proposalJSON `json:"items"`
	}{Items: make([]proposalJSON, 0, len(ps))}
	for _, p := range ps {
		out.Items = append(out.Items, proposalJSON{Source: string(p.Source), SourceID: p.SourceID, MemberID: idOrNull(p.MemberID),
			Title: p.Title, Detail: p.Detail, At: stampOrNull(p.At, loc), Overdue: p.Overdue})
	}
	reply(w, http.StatusOK, out)
}
