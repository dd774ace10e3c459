package web

import (
	"context"
	"net/http"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// The member web's escalations: the member's own list, a form to escalate
// one of the member's cases, and one item's ladder with a form to take it
// higher. They are for the member-side users app lets escalate (the
// contact persons); centre staff are sent to the console's pages.

// escalationStatuses are the statuses of a step, for the list's filter.
var escalationStatuses = []governance.EscalationStatus{governance.EscalationOpen, governance.EscalationEscalated,
	governance.EscalationDecided, governance.EscalationWithdrawn}

// MayEscalate reports whether the portal offers escalations.
func (vw *view) MayEscalate() bool {
	return vw.SignedIn && !vw.Actor.IsCentre() && vw.Actor.MayEscalate()
}

// portalEscalator refuses what is not a member-side user app lets escalate.
func portalEscalator(v *visit) error {
	if v.actor.IsCentre() || !v.actor.MayEscalate() {
		return fault.Forbiddenf("only the member's contact persons escalate in the portal")
	}
	return nil
}

// escalationRow is a step with the meeting it landed on (zero when none
// is planned yet).
type escalationRow struct {
	store.Step
	Meeting governance.Meeting
}

// escalationRows finds the meetings the steps landed on, one read per
// meeting.
func (s *server) escalationRows(ctx context.Context, v *visit, steps []store.Step) ([]escalationRow, error) {
	meetings := map[int64]governance.Meeting{}
	out := make([]escalationRow, 0, len(steps))
	for _, st := range steps {
		m, seen := meetings[st.MeetingID]
		if st.MeetingID != 0 && !seen {
			md, err := s.app.Meeting(ctx, v.actor, st.MeetingID)
			if err != nil && fault.KindOf(err) != fault.NotFound {
				return nil, err
			}
			m = md.Meeting
			meetings[st.MeetingID] = m
		}
		out = append(out, escalationRow{Step: st, Meeting: m})
	}
	return out, nil
}

// escalationLevels are the levels to escalate to, led by "the next one up".
func escalationLevels(v *visit) []option {
	return withBlank(v, "gov.escalations.next_level", enumOptions(v, "level", org.Levels, false))
}

type portalEscalationsPage struct {
	Rows        []escalationRow
	Next, First string
	Statuses    []option
}

// portalEscalations lists the escalations of the user's member, newest
// first, with where each landed and what was decided.
func (s *server) portalEscalations(w http.ResponseWriter, r *http.Request, v *visit) error {
	if memberOnly(w, r, v, "/escalations") {
		return nil
	}
	if err := portalEscalator(v); err != nil {
		return err
	}
	ctx, q := r.Context(), r.URL.Query()
	f := newForm(q)
	page, err := s.app.ListEscalations(ctx, v.actor, app.EscalationQuery{Status: governance.EscalationStatus(q.Get("status")),
		PageRequest: app.PageRequest{Cursor: q.Get("cursor")}})
	if f.take(v.lang, err) {
		page = app.Page[store.Step]{}
	} else if err != nil {
		return err
	}
	d := portalEscalationsPage{Next: nextURL(r, page.NextCursor), First: firstURL(r),
		Statuses: withBlank(v, "form.all", enumOptions(v, "gov.escalation_status", escalationStatuses, false))}
	if d.Rows, err = s.escalationRows(ctx, v, page.Items); err != nil {
		return err
	}
	vw := &view{Title: v.T("portal_esc.title"), Section: "portal_escalations", Form: f, Data: d}
	return s.show(w, r, v, http.StatusOK, "portal_escalations", vw)
}

type portalEscalationNewPage struct {
	Case   string // the case the reference names, when it names one
	Levels []option
}

// portalEscalationNew is the form to escalate a case; ?case= preselects
// one (the link on a case's page).
func (s *server) portalEscalationNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	if memberOnly(w, r, v, "/escalations") {
		return nil
	}
	if err := portalEscalator(v); err != nil {
		return err
	}
	f := newForm(nil)
	if id := idOf(r.URL.Query().Get("case")); id != 0 {
		c, err := s.app.Case(r.Context(), v.actor, id)
		if err != nil {
			return err
		}
		f.Values.Set("case", c.Reference)
	}
	return s.showPortalEscalationNew(w, r, v, http.StatusOK, f)
}

func (s *server) showPortalEscalationNew(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	d := portalEscalationNewPage{Levels: escalationLevels(v)}
	if ref := f.Get("case"); ref != "" && f.Errors["case"] == "" {
		if c, err := s.app.CaseByReference(r.Context(), v.actor, ref); err == nil {
			d.Case = c.Reference + " " + c.Subject
		}
	}
	return s.show(w, r, v, status, "portal_escalation_new", &view{Title: v.T("portal_esc.new"), Section: "portal_escalations", Form: f, Data: d})
}

// portalEscalate escalates one of the member's cases, found by its
// registration number.
func (s *server) portalEscalate(w http.ResponseWriter, r *http.Request, v *visit) error {
	if err := portalEscalator(v); err != nil {
		return err
	}
	ctx := r.Context()
	f := newForm(postForm(r))
	id, err := s.caseIDOf(ctx, v.actor, f.Get("case"), "case")
	if err != nil {
		if !f.take(v.lang, err) {
			return err
		}
		// Say what is wrong with the reason too, not only with the case.
		if _, rerr := governance.CheckReason(f.Get("reason")); rerr != nil {
			f.take(v.lang, rerr)
		}
		return s.showPortalEscalationNew(w, r, v, http.StatusUnprocessableEntity, f)
	}
	_, err = s.app.Escalate(ctx, v.actor, app.EscalationInput{Source: governance.FromCase, SourceID: id,
		Level: org.Level(f.Get("level")), Reason: f.Get("reason")})
	if f.take(v.lang, renameField(err, "source_id", "case")) {
		return s.showPortalEscalationNew(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/portal/escalations?done=gov_escalated")
}

type portalEscalationPage struct {
	Step    store.Step
	Steps   []escalationRow // the item's ladder, lowest first
	Further bool            // the item may go higher
	Levels  []option
}

// portalEscalation shows one step with the item's ladder as the member
// sees it.
func (s *server) portalEscalation(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if memberOnly(w, r, v, "/escalations/"+itoa(id)) {
		return nil
	}
	if err := portalEscalator(v); err != nil {
		return err
	}
	return s.showPortalEscalation(w, r, v, http.StatusOK, id, nil)
}

func (s *server) showPortalEscalation(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	l, err := s.app.Escalation(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := portalEscalationPage{Step: l.Step, Levels: escalationLevels(v)}
	if d.Steps, err = s.escalationRows(ctx, v, l.Steps); err != nil {
		return err
	}
	d.Further = len(l.Steps) > 0 && l.Steps[len(l.Steps)-1].Level != string(org.Strategic)
	subject := l.Step.Subject
	if subject == "" {
		subject = v.T("gov.source." + l.Step.Source)
	}
	vw := &view{Title: v.T("gov.escalations.step_title", subject), Section: "portal_escalations", Form: f, Data: d}
	return s.show(w, r, v, status, "portal_escalation", vw)
}

// portalEscalateFurther takes the step's item up the ladder again.
func (s *server) portalEscalateFurther(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := portalEscalator(v); err != nil {
		return err
	}
	ctx := r.Context()
	l, err := s.app.Escalation(ctx, v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	_, err = s.app.Escalate(ctx, v.actor, app.EscalationInput{Source: governance.Source(l.Step.Source), SourceID: l.Step.SourceID,
		MemberID: l.Step.MemberID, Level: org.Level(f.Get("level")), Reason: f.Get("reason")})
	if f.take(v.lang, err) {
		return s.showPortalEscalation(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/portal/escalations?done=gov_escalated")
}
