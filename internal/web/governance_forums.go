package web

import (
	"net/http"
	"net/url"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
)

type forumsPage struct {
	Items   []governance.Forum
	Members names
	Staff   names
}

func (s *server) forums(w http.ResponseWriter, r *http.Request, v *visit) error {
	ctx := r.Context()
	fs, err := s.app.AllForums(ctx, v.actor)
	if err != nil {
		return err
	}
	d := forumsPage{Items: fs}
	if d.Members, _, err = s.memberNamesOf(ctx, v.actor); err != nil {
		return err
	}
	if v.actor.IsCentre() {
		if _, d.Staff, err = s.staffOptions(ctx, v, "form.choose"); err != nil {
			return err
		}
	}
	return s.show(w, r, v, http.StatusOK, "forums", govView(v.T("gov.forums.title"), d, nil))
}

type forumPage struct {
	Forum      governance.Forum
	MemberName string
	Convenor   string
	Compliance app.ForumCompliance
	Upcoming   []governance.Meeting
	Past       []governance.Meeting
	Decisions  []governance.Decision
	Surveys    app.SurveySummary
	Members    []option // for a meeting with one of all members
	CanManage  bool
}

// showForum renders a forum with its compliance, meetings, decisions and
// the form to schedule a meeting (f carries its errors).
func (s *server) showForum(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	fo, err := s.app.Forum(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := forumPage{Forum: fo, CanManage: v.actor.Can(app.ManageGovernance)}
	mn, ms, err := s.memberNamesOf(ctx, v.actor)
	if err != nil {
		return err
	}
	d.MemberName = mn.Of(fo.MemberID)
	if d.Compliance, err = s.app.ForumComplianceOf(ctx, v.actor, id, 0); err != nil {
		return err
	}
	meetings, err := collect(func(pr app.PageRequest) (app.Page[governance.Meeting], error) {
		return s.app.ListMeetings(ctx, v.actor, app.MeetingQuery{ForumID: id, PageRequest: pr})
	})
	if err != nil {
		return err
	}
	now := s.app.Now()
	for _, m := range meetings {
		if m.StartsAt.After(now) {
			d.Upcoming = append(d.Upcoming, m)
		} else {
			d.Past = append([]governance.Meeting{m}, d.Past...)
		}
	}
	decisions, err := s.app.ListDecisions(ctx, v.actor, app.DecisionQuery{ForumID: id, PageRequest: app.PageRequest{Limit: 20}})
	if err != nil {
		return err
	}
	d.Decisions = decisions.Items
	if v.actor.IsCentre() {
		if p, err := s.app.Person(ctx, v.actor, fo.ConvenorID); err == nil {
			d.Convenor = p.Name
		}
		if d.Surveys, err = s.app.SurveyResults(ctx, v.actor, id); err != nil {
			return err
		}
	}
	if fo.MemberID == 0 {
		d.Members = memberOptions(v, ms, 0, "gov.meetings.all_members")
	}
	if f == nil {
		f = newForm(url.Values{"title": {fo.Name}})
	}
	return s.show(w, r, v, status, "forum", govView(fo.Name, d, f))
}

func (s *server) forum(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showForum(w, r, v, http.StatusOK, id, nil)
}

type forumForm struct {
	ID           int64
	Levels       []option
	Members      []option
	Cadences     []option
	Convenors    []option
	Participants []participantChoice
}

type participantChoice struct {
	ID, Value, Label string
	Checked          bool
}

// showForumForm renders the new (id 0) or edit form.
func (s *server) showForumForm(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	if !v.actor.Can(app.ManageGovernance) {
		return fault.Forbiddenf("your role does not allow this")
	}
	ctx := r.Context()
	_, ms, err := s.memberNamesOf(ctx, v.actor)
	if err != nil {
		return err
	}
	d := forumForm{ID: id, Levels: enumOptions(v, "level", org.Levels, true), Members: memberOptions(v, ms, 0, "gov.forums.all_members"),
		Cadences: enumOptions(v, "gov.cadence", governance.CadenceKinds, true)}
	if d.Convenors, _, err = s.staffOptions(ctx, v, "form.choose"); err != nil {
		return err
	}
	vw := &view{Lang: v.lang}
	for i, p := range participantChoices {
		d.Participants = append(d.Participants, participantChoice{ID: "participant-" + strconv.Itoa(i), Value: p.String(),
			Label: vw.GovParticipant(p), Checked: f.Has("participants", p.String())})
	}
	title := v.T("gov.forums.new")
	if id != 0 {
		title = v.T("gov.forums.edit_title", f.Get("name"))
	}
	return s.show(w, r, v, status, "forum_form", govView(title, d, f))
}

func (s *server) forumNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(url.Values{"agenda_days": {"5"}, "minutes_days": {"5"}, "survey_percent": {"30"},
		"convenor_id": {itoa(v.actor.PersonID)}, "starts_on": {s.app.Now().Format("2006-01-02")}})
	return s.showForumForm(w, r, v, http.StatusOK, 0, f)
}

func (s *server) forumEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fo, err := s.app.Forum(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	vals := url.Values{"name": {fo.Name}, "level": {string(fo.Level)}, "member_id": {itoa(fo.MemberID)}, "mandate": {fo.Mandate},
		"cadence_kind": {string(fo.Cadence.Kind)}, "cadence_n": {strconv.Itoa(fo.Cadence.N)}, "convenor_id": {itoa(fo.ConvenorID)},
		"agenda_days": {strconv.Itoa(fo.AgendaDays)}, "minutes_days": {strconv.Itoa(fo.MinutesDays)},
		"survey_percent": {strconv.Itoa(fo.SurveyPercent)}, "starts_on": {fo.StartsOn.Format("2006-01-02")}}
	if fo.Active {
		vals.Set("active", "1")
	}
	for _, p := range fo.Participants {
		vals.Add("participants", p.String())
	}
	return s.showForumForm(w, r, v, http.StatusOK, id, newForm(vals))
}

// forumFrom reads the form; a participant that does not parse is the
// form's error.
func forumFrom(f *form) (governance.Forum, error) {
	fo := governance.Forum{Name: f.Get("name"), Level: org.Level(f.Get("level")), MemberID: idOf(f.Get("member_id")), Mandate: f.Get("mandate"),
		Cadence:    governance.Cadence{Kind: governance.CadenceKind(f.Get("cadence_kind")), N: atoi(f.Get("cadence_n"))},
		ConvenorID: idOf(f.Get("convenor_id")), AgendaDays: atoi(f.Get("agenda_days")), MinutesDays: atoi(f.Get("minutes_days")),
		SurveyPercent: atoi(f.Get("survey_percent")), StartsOn: dateOf(f.Get("starts_on")), Active: f.Get("active") != ""}
	for _, s := range f.Values["participants"] {
		p, err := governance.ParseParticipant(s)
		if err != nil {
			return fo, err
		}
		fo.Participants = append(fo.Participants, p)
	}
	return fo, nil
}

func (s *server) forumCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	fo, err := forumFrom(f)
	if err == nil {
		fo, err = s.app.CreateForum(r.Context(), v.actor, fo)
	}
	if f.take(v.lang, err) {
		return s.showForumForm(w, r, v, http.StatusUnprocessableEntity, 0, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/forums/"+itoa(fo.ID)+"?done=created")
}

func (s *server) forumUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	fo, err := forumFrom(f)
	fo.ID = id
	if err == nil {
		_, err = s.app.UpdateForum(r.Context(), v.actor, fo)
	}
	if f.take(v.lang, err) {
		return s.showForumForm(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/forums/"+itoa(id)+"?done=saved")
}

// meetingCreate schedules a meeting of the forum from its page.
func (s *server) meetingCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	m, err := s.app.ScheduleMeeting(r.Context(), v.actor, governance.Meeting{ForumID: id, MemberID: idOf(f.Get("member_id")), Title: f.Get("title"),
		StartsAt: localTime(v, f.Get("starts_at")), EndsAt: localTime(v, f.Get("ends_at")), Location: f.Get("location")})
	if f.take(v.lang, err) {
		return s.showForum(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/meetings/"+itoa(m.ID)+"?done=gov_scheduled")
}

type compliancePage struct {
	Year    int
	Years   []int
	Items   []app.ForumCompliance
	Members names
	Behind  int
	Late    int
}

// compliance is the overview of how every forum keeps its cadence.
func (s *server) compliance(w http.ResponseWriter, r *http.Request, v *visit) error {
	if err := s.requireGovernance(v); err != nil {
		return err
	}
	ctx := r.Context()
	now := s.app.Now()
	d := compliancePage{Year: yearOf(r.URL.Query(), now)}
	for y := now.Year() + 1; y >= now.Year()-3; y-- {
		d.Years = append(d.Years, y)
	}
	var err error
	if d.Items, err = s.app.Compliance(ctx, v.actor, d.Year); err != nil {
		return err
	}
	for _, c := range d.Items {
		if c.Behind {
			d.Behind++
		}
		d.Late += c.Late()
	}
	if d.Members, _, err = s.memberNamesOf(ctx, v.actor); err != nil {
		return err
	}
	return s.show(w, r, v, http.StatusOK, "compliance", govView(v.T("gov.compliance.title"), d, newForm(url.Values{"year": {strconv.Itoa(d.Year)}})))
}

// requireGovernance refuses centre pages to those without the right.
func (s *server) requireGovernance(v *visit) error {
	if !v.actor.Can(app.ViewGovernance) {
		return fault.Forbiddenf("your role does not allow this")
	}
	return nil
}
