package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/governance"
)

type meetingsPage struct {
	Upcoming, Past []governance.Meeting
	Forums         names
	Surveys        []app.SurveyView
	HasFeed        bool
	FeedURL        string // shown once, right after it was made
}

// meetings lists the actor's upcoming and recent meetings, their surveys
// and the calendar subscription.
func (s *server) meetings(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showMeetings(w, r, v, http.StatusOK, "")
}

func (s *server) showMeetings(w http.ResponseWriter, r *http.Request, v *visit, status int, feedURL string) error {
	ctx := r.Context()
	now := s.app.Now()
	d := meetingsPage{Forums: names{}, FeedURL: feedURL}
	up, err := s.app.ListMeetings(ctx, v.actor, app.MeetingQuery{From: now, PageRequest: app.PageRequest{Limit: 50}})
	if err != nil {
		return err
	}
	past, err := s.app.ListMeetings(ctx, v.actor, app.MeetingQuery{To: now, Newest: true, PageRequest: app.PageRequest{Limit: 30}})
	if err != nil {
		return err
	}
	d.Upcoming, d.Past = up.Items, past.Items
	fs, err := s.app.AllForums(ctx, v.actor)
	if err != nil {
		return err
	}
	for _, f := range fs {
		d.Forums[f.ID] = f.Name
	}
	if d.Surveys, err = s.app.MySurveys(ctx, v.actor); err != nil {
		return err
	}
	if d.HasFeed, err = s.app.HasCalendarFeed(ctx, v.actor); err != nil {
		return err
	}
	return s.show(w, r, v, status, "meetings", govView(v.T("gov.meetings.title"), d, nil))
}

// calendarFeedCreate makes a new subscription address and shows it once.
func (s *server) calendarFeedCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	token, err := s.app.CreateCalendarFeed(r.Context(), v.actor)
	if err != nil {
		return err
	}
	scheme := "https"
	if r.TLS == nil && !s.secure {
		scheme = "http"
	}
	return s.showMeetings(w, r, v, http.StatusCreated, scheme+"://"+r.Host+"/calendar/"+token)
}

// calendarFeed serves a subscription feed to calendar programs, which
// carry no session: the secret in the address is the key.
func (s *server) calendarFeed(w http.ResponseWriter, r *http.Request, v *visit) error {
	b, err := s.app.CalendarFeed(r.Context(), strings.TrimSuffix(r.PathValue("token"), ".ics"))
	if err != nil {
		return err
	}
	sendFile(w, "text/calendar; charset=utf-8", "samverkan.ics", false, b)
	return nil
}

func (s *server) meetingICS(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b, err := s.app.MeetingICS(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	sendFile(w, "text/calendar; charset=utf-8", fmt.Sprintf("meeting-%d.ics", id), true, b)
	return nil
}

// sendFile answers with a file; attachment asks the browser to save it.
func sendFile(w http.ResponseWriter, mediaType, name string, attachment bool, b []byte) {
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Cache-Control", "no-store")
	disp := "inline"
	if attachment {
		disp = "attachment"
	}
	h.Set("Content-Disposition", disp+`; filename="`+name+`"`)
	w.Write(b)
}

type meetingPage struct {
	app.MeetingDetail
	MemberName  string
	Proposals   []governance.Proposal
	Invitees    []option
	Present     map[string]bool
	Members     []option // for an item of a meeting with all members
	Owners      []option
	AgendaItems []option
	Taken       bool
	Statuses    []option
}

// showMeeting renders a meeting; f carries the errors of a failed form,
// anchor names the form they belong to.
func (s *server) showMeeting(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	md, err := s.app.Meeting(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := meetingPage{MeetingDetail: md, Present: map[string]bool{}, Taken: md.Meeting.Taken(s.app.Now())}
	mn, ms, err := s.memberNamesOf(ctx, v.actor)
	if err != nil {
		return err
	}
	d.MemberName = mn.Of(md.Meeting.MemberID)
	if md.Meeting.MemberID == 0 {
		d.Members = memberOptions(v, ms, 0, "")
	}
	if md.CanManage {
		if d.Proposals, err = s.app.AgendaProposals(ctx, v.actor, id); err != nil {
			return err
		}
		people, err := s.app.MeetingInvitees(ctx, v.actor, id)
		if err != nil {
			return err
		}
		d.Owners = []option{{Value: "", Label: v.T("form.choose")}}
		for _, p := range people {
			d.Invitees = append(d.Invitees, option{Value: itoa(p.ID), Label: p.Name})
			d.Owners = append(d.Owners, option{Value: itoa(p.ID), Label: p.Name})
		}
		for _, at := range md.Attendance {
			if at.Status == governance.Present {
				d.Present[itoa(at.PersonID)] = true
			}
		}
		d.AgendaItems = []option{{Value: "", Label: v.T("gov.decisions.no_item")}}
		for _, it := range md.Agenda {
			d.AgendaItems = append(d.AgendaItems, option{Value: itoa(it.ID), Label: it.Title})
		}
	}
	if f == nil {
		f = newForm(url.Values{"minutes": {md.Meeting.Minutes}, "title": {md.Meeting.Title}, "location": {md.Meeting.Location},
			"starts_at": {localInput(v, md.Meeting.StartsAt)}, "ends_at": {localInput(v, md.Meeting.EndsAt)}})
	}
	return s.show(w, r, v, status, "meeting", govView(md.Meeting.Title, d, f))
}

func (s *server) meeting(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showMeeting(w, r, v, http.StatusOK, id, nil)
}

// meetingForm handles a post to a meeting: do runs the change with the
// posted form; field errors re-render the meeting page with them.
func (s *server) meetingForm(w http.ResponseWriter, r *http.Request, v *visit, done string, do func(id int64, f *form) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	err = do(id, f)
	if f.take(v.lang, err) {
		return s.showMeeting(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/meetings/"+itoa(id)+"?done="+done)
}

func (s *server) meetingUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_meeting_saved", func(id int64, f *form) error {
		_, err := s.app.UpdateMeeting(r.Context(), v.actor, governance.Meeting{ID: id, Title: f.Get("title"), Location: f.Get("location"),
			StartsAt: localTime(v, f.Get("starts_at")), EndsAt: localTime(v, f.Get("ends_at"))})
		return err
	})
}

func (s *server) meetingCancel(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_meeting_cancelled", func(id int64, f *form) error {
		_, err := s.app.CancelMeeting(r.Context(), v.actor, id)
		return err
	})
}

func (s *server) agendaAdd(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_agenda_item_added", func(id int64, f *form) error {
		_, err := s.app.AddAgendaItem(r.Context(), v.actor, governance.AgendaItem{MeetingID: id, Title: f.Get("title"), Notes: f.Get("notes")})
		return renameField(renameField(err, "title", "item_title"), "notes", "item_notes")
	})
}

func (s *server) proposalAccept(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_agenda_item_added", func(id int64, f *form) error {
		_, err := s.app.AcceptProposal(r.Context(), v.actor, id, governance.Source(f.Get("source")), idOf(f.Get("source_id")))
		return err
	})
}

func (s *server) agendaPublish(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_agenda_published", func(id int64, f *form) error {
		_, err := s.app.PublishAgenda(r.Context(), v.actor, id)
		return err
	})
}

func (s *server) agendaDelete(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	meetingID := idOf(r.PostFormValue("meeting_id"))
	if err := s.app.RemoveAgendaItem(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/meetings/"+itoa(meetingID)+"?done=gov_agenda_item_removed")
}

// attendanceSave records the ticked invitees present and the rest absent.
func (s *server) attendanceSave(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_attendance_saved", func(id int64, f *form) error {
		var in []app.AttendanceInput
		for _, p := range f.Values["invited"] {
			st := governance.Absent
			if f.Has("present", p) {
				st = governance.Present
			}
			in = append(in, app.AttendanceInput{PersonID: idOf(p), Status: st})
		}
		_, err := s.app.RecordAttendance(r.Context(), v.actor, id, in)
		return err
	})
}

// minutesSave saves the minutes, and publishes them with the publish button.
func (s *server) minutesSave(w http.ResponseWriter, r *http.Request, v *visit) error {
	done := "gov_minutes_saved"
	if r.PostFormValue("publish") != "" {
		done = "gov_minutes_published"
	}
	return s.meetingForm(w, r, v, done, func(id int64, f *form) error {
		if _, err := s.app.SaveMinutes(r.Context(), v.actor, id, f.Get("minutes")); err != nil {
			return err
		}
		if f.Get("publish") == "" {
			return nil
		}
		_, err := s.app.PublishMinutes(r.Context(), v.actor, id)
		return err
	})
}

func (s *server) decisionCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_decision_recorded", func(id int64, f *form) error {
		_, err := s.app.RecordDecision(r.Context(), v.actor, governance.Decision{MeetingID: id, AgendaItemID: idOf(f.Get("agenda_item_id")),
			Title: f.Get("decision_title"), Body: f.Get("body")})
		return renameField(renameField(err, "title", "decision_title"), "meeting_id", "decision_title")
	})
}

func (s *server) actionCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.meetingForm(w, r, v, "gov_action_added", func(id int64, f *form) error {
		_, err := s.app.AddActionItem(r.Context(), v.actor, governance.ActionItem{MeetingID: id, Title: f.Get("action_title"),
			OwnerID: idOf(f.Get("owner_id")), DueOn: dateOf(f.Get("due_on"))})
		return renameField(err, "title", "action_title")
	})
}
