package web

import (
	"net/http"
	"net/url"

	"samverkan/internal/app"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

type decisionsPage struct {
	listPage[governance.Decision]
	Forums names
}

// decisions is the searchable decision register.
func (s *server) decisions(w http.ResponseWriter, r *http.Request, v *visit) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, err := s.app.ListDecisions(ctx, v.actor, app.DecisionQuery{Search: q.Get("q"), ForumID: idOf(q.Get("forum")),
		PageRequest: app.PageRequest{Cursor: q.Get("cursor")}})
	if err != nil {
		return err
	}
	d := decisionsPage{listPage: listPage[governance.Decision]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r)}, Forums: names{}}
	fs, err := s.app.AllForums(ctx, v.actor)
	if err != nil {
		return err
	}
	for _, f := range fs {
		d.Forums[f.ID] = f.Name
	}
	vw := govView(v.T("gov.decisions.title"), d, newForm(q))
	if isPartial(r) {
		return s.partial(w, r, v, "decisions", "results", vw)
	}
	return s.show(w, r, v, http.StatusOK, "decisions", vw)
}

type actionsPage struct {
	Mine   []governance.ActionItem
	Open   []governance.ActionItem
	Forums names
	People names
	Today  string
}

// actionItems lists the actor's own action items, and for centre staff
// every open one.
func (s *server) actionItems(w http.ResponseWriter, r *http.Request, v *visit) error {
	ctx := r.Context()
	mine, err := collect(func(pr app.PageRequest) (app.Page[governance.ActionItem], error) {
		return s.app.ListActionItems(ctx, v.actor, app.ActionQuery{Mine: true, PageRequest: pr})
	})
	if err != nil {
		return err
	}
	d := actionsPage{Mine: mine, Forums: names{}, People: names{}, Today: s.app.Now().Format("2006-01-02")}
	if v.actor.Can(app.ViewGovernance) {
		if d.Open, err = collect(func(pr app.PageRequest) (app.Page[governance.ActionItem], error) {
			return s.app.ListActionItems(ctx, v.actor, app.ActionQuery{OpenOnly: true, PageRequest: pr})
		}); err != nil {
			return err
		}
		_, d.People, err = s.staffOptions(ctx, v, "form.choose")
		if err != nil {
			return err
		}
		for _, it := range d.Open {
			if d.People.Of(it.OwnerID) == "" {
				if p, err := s.app.Person(ctx, v.actor, it.OwnerID); err == nil {
					d.People[p.ID] = p.Name
				}
			}
		}
	}
	fs, err := s.app.AllForums(ctx, v.actor)
	if err != nil {
		return err
	}
	for _, f := range fs {
		d.Forums[f.ID] = f.Name
	}
	return s.show(w, r, v, http.StatusOK, "action_items", govView(v.T("gov.actions.title"), d, nil))
}

type actionPage struct {
	Item     governance.ActionItem
	Owner    string
	Meeting  string
	CanMark  bool
	Statuses []option
}

func (s *server) showAction(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	it, err := s.app.ActionItem(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := actionPage{Item: it, CanMark: it.OwnerID == v.actor.PersonID || v.actor.Can(app.ManageGovernance),
		Statuses: enumOptions(v, "gov.action_status", governance.ActionStatuses, false)}
	if p, err := s.app.Person(ctx, v.actor, it.OwnerID); err == nil {
		d.Owner = p.Name
	}
	if md, err := s.app.Meeting(ctx, v.actor, it.MeetingID); err == nil {
		d.Meeting = md.Meeting.Title
	}
	if f == nil {
		f = newForm(url.Values{"status": {string(it.Status)}, "progress": {it.Progress}})
	}
	return s.show(w, r, v, status, "action_item", govView(it.Title, d, f))
}

func (s *server) actionItem(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showAction(w, r, v, http.StatusOK, id, nil)
}

// actionUpdate marks progress on an action item.
func (s *server) actionUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	_, err = s.app.UpdateActionItem(r.Context(), v.actor, id, app.ActionUpdate{Status: governance.ActionStatus(f.Get("status")), Progress: f.Get("progress")})
	if f.take(v.lang, err) {
		return s.showAction(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/action-items/"+itoa(id)+"?done=saved")
}

type escalationsPage struct {
	listPage[store.Step]
	Members  names
	Sources  []option
	Levels   []option
	Statuses []option
	CanRaise bool
}

func (s *server) showEscalations(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, err := s.app.ListEscalations(ctx, v.actor, app.EscalationQuery{Status: governance.EscalationStatus(q.Get("status")),
		Level: org.Level(q.Get("level")), PageRequest: app.PageRequest{Cursor: q.Get("cursor")}})
	if err != nil {
		return err
	}
	d := escalationsPage{listPage: listPage[store.Step]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r)},
		Sources: enumOptions(v, "gov.source", governance.EscalationSources, true), Levels: enumOptions(v, "level", org.Levels, false),
		CanRaise: v.actor.Can(app.Escalate)}
	d.Levels = append([]option{{Value: "", Label: v.T("gov.escalations.next_level")}}, d.Levels...)
	d.Statuses = append([]option{{Value: "", Label: v.T("form.all")}}, enumOptions(v, "gov.escalation_status",
		[]governance.EscalationStatus{governance.EscalationOpen, governance.EscalationEscalated, governance.EscalationDecided, governance.EscalationWithdrawn}, false)...)
	if d.Members, _, err = s.memberNamesOf(ctx, v.actor); err != nil {
		return err
	}
	if f == nil {
		f = newForm(q)
	}
	return s.show(w, r, v, status, "escalations", govView(v.T("gov.escalations.title"), d, f))
}

func (s *server) escalations(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showEscalations(w, r, v, http.StatusOK, nil)
}

// escalationCreate raises an item up the ladder: from the escalations
// page, a meeting's agenda, a step's page, or a case's.
func (s *server) escalationCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	st, err := s.app.Escalate(r.Context(), v.actor, app.EscalationInput{Source: governance.Source(f.Get("source")), SourceID: idOf(f.Get("source_id")),
		Level: org.Level(f.Get("level")), Reason: f.Get("reason"), MemberID: idOf(f.Get("member_id"))})
	if f.take(v.lang, err) {
		if back := idOf(f.Get("from_step")); back != 0 {
			return s.showEscalation(w, r, v, http.StatusUnprocessableEntity, back, f)
		}
		return s.showEscalations(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/escalations/"+itoa(st.ID)+"?done=gov_escalated")
}

type escalationPage struct {
	app.Ladder
	MemberName string
	Meetings   names
	Levels     []option
	CanRaise   bool
}

func (s *server) showEscalation(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	l, err := s.app.Escalation(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := escalationPage{Ladder: l, Meetings: names{}, CanRaise: v.actor.Can(app.Escalate)}
	mn, _, err := s.memberNamesOf(ctx, v.actor)
	if err != nil {
		return err
	}
	d.MemberName = mn.Of(l.Step.MemberID)
	for _, st := range l.Steps {
		if st.MeetingID != 0 {
			if md, err := s.app.Meeting(ctx, v.actor, st.MeetingID); err == nil {
				d.Meetings[st.MeetingID] = md.Meeting.Title
			}
		}
	}
	d.Levels = append([]option{{Value: "", Label: v.T("gov.escalations.next_level")}}, enumOptions(v, "level", org.Levels, false)...)
	if f == nil {
		f = newForm(nil)
	}
	return s.show(w, r, v, status, "escalation", govView(v.T("gov.escalations.step_title", l.Step.Subject), d, f))
}

func (s *server) escalation(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showEscalation(w, r, v, http.StatusOK, id, nil)
}

func (s *server) escalationWithdraw(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.app.WithdrawEscalation(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/escalations/"+itoa(id)+"?done=gov_withdrawn")
}
