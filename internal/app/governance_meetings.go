package app

import (
	"context"
	"fmt"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// MeetingQuery filters the meeting list.
type MeetingQuery struct {
	ForumID  int64
	From, To time.Time
	Status   governance.MeetingStatus
	Level    org.Level
	Newest   bool
	PageRequest
}

// ListMeetings lists the meetings the actor sees, by start.
func (a *App) ListMeetings(ctx context.Context, by Actor, mq MeetingQuery) (Page[governance.Meeting], error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return Page[governance.Meeting]{}, err
	}
	p, err := mq.storePage()
	if err != nil {
		return Page[governance.Meeting]{}, err
	}
	f := store.MeetingFilter{ForumID: mq.ForumID, From: mq.From, To: mq.To, Status: mq.Status, Level: mq.Level, Newest: mq.Newest, Page: p}
	if !r.centre {
		if !r.participant {
			return Page[governance.Meeting]{}, nil
		}
		f.VisibleTo = r.memberID
		forums, err := q.ListForums(ctx, store.ForumFilter{Covering: r.memberID})
		if err != nil {
			return Page[governance.Meeting]{}, err
		}
		f.ForumIDs = []int64{}
		for _, fo := range forums {
			f.ForumIDs = append(f.ForumIDs, fo.ID)
		}
	}
	ms, err := q.ListMeetings(ctx, f)
	return pageOf(ms, p, func(m governance.Meeting) int64 { return m.ID }), err
}

// MeetingDetail is a meeting with what the actor may see of it.
type MeetingDetail struct {
	Meeting         governance.Meeting
	Forum           governance.Forum
	AgendaVisible   bool
	MinutesVisible  bool
	Agenda          []governance.AgendaItem
	Decisions       []governance.Decision
	Actions         []governance.ActionItem
	Attendance      []store.AttendanceRow
	Escalations     []store.Step // the steps that landed on this meeting
	AgendaDeadline  time.Time
	MinutesDeadline time.Time
	People          map[int64]string // names of owners and attendees
	CanManage       bool
}

// Meeting reads a meeting with its agenda, minutes, decisions and action
// items as far as the actor may see them.
func (a *App) Meeting(ctx context.Context, by Actor, id int64) (MeetingDetail, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return MeetingDetail{}, err
	}
	m, f, err := readMeeting(ctx, q, r, id)
	if err != nil {
		return MeetingDetail{}, err
	}
	d := MeetingDetail{Meeting: m, Forum: f, AgendaVisible: r.seesAgenda(m), MinutesVisible: r.seesMinutes(m),
		People: map[int64]string{}, CanManage: by.Can(ManageGovernance)}
	if !d.MinutesVisible {
		d.Meeting.Minutes = ""
	}
	cal, err := a.CentreCalendar(ctx)
	if err != nil {
		return d, err
	}
	d.AgendaDeadline = governance.AgendaDeadline(cal, m.StartsAt, f.AgendaDays)
	d.MinutesDeadline = governance.MinutesDeadline(cal, m.EndsAt, f.MinutesDays)
	if d.AgendaVisible {
		if d.Agenda, err = q.AgendaItems(ctx, m.ID); err != nil {
			return d, err
		}
	}
	if d.MinutesVisible {
		if d.Decisions, err = q.ListDecisions(ctx, store.DecisionFilter{MeetingID: m.ID}); err != nil {
			return d, err
		}
		if d.Attendance, err = q.Attendance(ctx, m.ID); err != nil {
			return d, err
		}
	}
	if d.Actions, err = q.ListActionItems(ctx, store.ActionFilter{MeetingID: m.ID, Scope: r.scope()}); err != nil {
		return d, err
	}
	if r.centre {
		if d.Escalations, err = q.ListSteps(ctx, store.StepFilter{MeetingID: m.ID}); err != nil {
			return d, err
		}
	}
	for _, at := range d.Attendance {
		d.People[at.PersonID] = at.Name
	}
	for _, it := range d.Actions {
		if _, ok := d.People[it.OwnerID]; !ok {
			if p, err := q.GetPerson(ctx, it.OwnerID); err == nil {
				d.People[p.ID] = p.Name
			}
		}
	}
	return d, nil
}

// ScheduleMeeting plans a meeting of a forum. A forum of one member meets
// only that member; the title defaults to the forum's name.
func (a *App) ScheduleMeeting(ctx context.Context, by Actor, m governance.Meeting) (governance.Meeting, error) {
	if err := by.require(ManageGovernance); err != nil {
		return m, err
	}
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		f, err := q.GetForum(ctx, m.ForumID)
		if err != nil {
			if m.ForumID == 0 {
				return fault.Field("forum_id", "required", "the forum is required")
			}
			return notFound(err, "forum")
		}
		if !f.Active {
			return fault.Field("forum_id", "forum_inactive", "the forum is no longer active")
		}
		if m.MemberID == 0 {
			m.MemberID = f.MemberID
		}
		if m.Title == "" {
			m.Title = f.Name
		}
		m.ID, m.Status, m.AgendaPublishedAt, m.Minutes, m.MinutesPublishedAt, m.Sequence = 0, governance.Planned, time.Time{}, "", time.Time{}, 0
		if m, err = m.Normalise(); err != nil {
			return err
		}
		if err := m.InScope(f); err != nil {
			return err
		}
		if m.MemberID != 0 {
			if _, err := q.GetMember(ctx, m.MemberID); err != nil {
				return fault.Field("member_id", "member_unknown", "there is no member with this id")
			}
		}
		if m, err = q.CreateMeeting(ctx, m, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, m.MemberID, "meeting", m.ID, "schedule", nil, m)
	})
	return m, err
}

// UpdateMeeting moves or renames a planned meeting; calendar programs
// see the change through its sequence number.
func (a *App) UpdateMeeting(ctx context.Context, by Actor, m governance.Meeting) (governance.Meeting, error) {
	var out governance.Meeting
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		before, f, err := a.managedMeeting(ctx, q, by, m.ID)
		if err != nil {
			return err
		}
		if before.Status == governance.Cancelled {
			return fault.Conflictf("the meeting is cancelled")
		}
		next := before
		next.Title, next.StartsAt, next.EndsAt, next.Location, next.MemberID = m.Title, m.StartsAt, m.EndsAt, m.Location, m.MemberID
		if next.MemberID == 0 {
			next.MemberID = f.MemberID
		}
		if next, err = next.Normalise(); err != nil {
			return err
		}
		if err := next.InScope(f); err != nil {
			return err
		}
		next.Sequence++
		if out, err = q.UpdateMeeting(ctx, next, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, out.MemberID, "meeting", out.ID, "update", before, out)
	})
	return out, err
}

// CancelMeeting calls a planned meeting off.
func (a *App) CancelMeeting(ctx context.Context, by Actor, id int64) (governance.Meeting, error) {
	return a.changeMeeting(ctx, by, id, "cancel", func(q *store.Queries, m *governance.Meeting, f governance.Forum) error {
		if m.Status != governance.Planned {
			return fault.Conflictf("only a planned meeting can be cancelled")
		}
		m.Status = governance.Cancelled
		m.Sequence++
		return nil
	})
}

// changeMeeting applies change to a meeting in one transaction with audit.
func (a *App) changeMeeting(ctx context.Context, by Actor, id int64, action string,
	change func(q *store.Queries, m *governance.Meeting, f governance.Forum) error) (governance.Meeting, error) {
	var out governance.Meeting
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		before, f, err := a.managedMeeting(ctx, q, by, id)
		if err != nil {
			return err
		}
		m := before
		if err := change(q, &m, f); err != nil {
			return err
		}
		if out, err = q.UpdateMeeting(ctx, m, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, m.MemberID, "meeting", m.ID, action, before, out)
	})
	return out, err
}

// PublishAgenda sends the agenda out. Action items of earlier meetings
// that are not done and escalations that landed on the meeting join it
// first: they stay on every agenda until they are settled.
func (a *App) PublishAgenda(ctx context.Context, by Actor, id int64) (governance.Meeting, error) {
	return a.changeMeeting(ctx, by, id, "publish_agenda", func(q *store.Queries, m *governance.Meeting, f governance.Forum) error {
		if m.Status == governance.Cancelled {
			return fault.Conflictf("the meeting is cancelled")
		}
		props, err := a.proposals(ctx, q, *m, f)
		if err != nil {
			return err
		}
		for _, p := range props {
			if p.Source != governance.FromActionItem && p.Source != governance.FromEscalation {
				continue
			}
			if _, err := a.acceptProposal(ctx, q, *m, p); err != nil {
				return err
			}
		}
		if m.AgendaPublishedAt.IsZero() {
			m.AgendaPublishedAt = a.now()
		}
		m.Sequence++
		return a.notifyInvitees(ctx, q, *m, f, "governance_agenda", fmt.Sprintf("Agenda published: %s", m.Title))
	})
}

// SaveMinutes stores the minutes as a draft; a meeting that has not
// taken place has none.
func (a *App) SaveMinutes(ctx context.Context, by Actor, id int64, text string) (governance.Meeting, error) {
	return a.changeMeeting(ctx, by, id, "save_minutes", func(q *store.Queries, m *governance.Meeting, f governance.Forum) error {
		if err := a.checkTaken(*m, "minutes"); err != nil {
			return err
		}
		m.Minutes = text
		_, err := m.Normalise()
		return err
	})
}

// PublishMinutes sends the minutes out and marks the meeting held.
func (a *App) PublishMinutes(ctx context.Context, by Actor, id int64) (governance.Meeting, error) {
	return a.changeMeeting(ctx, by, id, "publish_minutes", func(q *store.Queries, m *governance.Meeting, f governance.Forum) error {
		if err := a.checkTaken(*m, "minutes"); err != nil {
			return err
		}
		if m.Minutes == "" {
			return fault.Field("minutes", "minutes_empty", "write the minutes before publishing them")
		}
		if err := a.markHeld(ctx, q, m, f); err != nil {
			return err
		}
		if m.MinutesPublishedAt.IsZero() {
			m.MinutesPublishedAt = a.now()
		}
		return a.notifyInvitees(ctx, q, *m, f, "governance_minutes", fmt.Sprintf("Minutes published: %s", m.Title))
	})
}

// AttendanceInput is one person's attendance.
type AttendanceInput struct {
	PersonID int64
	Status   governance.Attendance
}

// RecordAttendance records who was at a meeting and marks it held.
func (a *App) RecordAttendance(ctx context.Context, by Actor, id int64, in []AttendanceInput) (governance.Meeting, error) {
	return a.changeMeeting(ctx, by, id, "attendance", func(q *store.Queries, m *governance.Meeting, f governance.Forum) error {
		if err := a.checkTaken(*m, "attendance"); err != nil {
			return err
		}
		var rows []store.AttendanceRow
		seen := map[int64]bool{}
		for _, at := range in {
			if at.Status != governance.Present && at.Status != governance.Absent && at.Status != governance.Excused {
				return fault.Field("attendance", "attendance_status", "attendance is present, absent or excused")
			}
			p, err := q.GetPerson(ctx, at.PersonID)
			if err != nil || !(p.IsCentre() || inMeetingScope(*m, f, p.MemberID)) {
				return fault.Field("attendance", "attendance_scope", "everyone at the meeting belongs to the centre or to a member of the forum")
			}
			if !seen[p.ID] {
				seen[p.ID] = true
				rows = append(rows, store.AttendanceRow{PersonID: p.ID, Status: at.Status})
			}
		}
		if err := q.SetAttendance(ctx, m.ID, rows); err != nil {
			return err
		}
		return a.markHeld(ctx, q, m, f)
	})
}

// checkTaken refuses minutes and attendance of a meeting that has not
// taken place.
func (a *App) checkTaken(m governance.Meeting, field string) error {
	switch {
	case m.Status == governance.Cancelled:
		return fault.Field(field, "meeting_cancelled", "the meeting was cancelled")
	case !m.Taken(a.now()):
		return fault.Field(field, "meeting_not_held", "the meeting has not taken place yet")
	}
	return nil
}

// markHeld marks a meeting held the first time and asks a share of its
// participants for their view.
func (a *App) markHeld(ctx context.Context, q *store.Queries, m *governance.Meeting, f governance.Forum) error {
	if m.Status == governance.Held {
		return nil
	}
	m.Status = governance.Held
	return a.sendSurvey(ctx, q, *m, f)
}

// inMeetingScope reports whether a member's people belong at the meeting.
func inMeetingScope(m governance.Meeting, f governance.Forum, memberID int64) bool {
	if memberID == 0 {
		return false
	}
	ms := meetingMembers(m, f)
	return ms == nil || ms[0] == memberID
}
