package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/cases"
)

// casePage is a case in the console: its facts, clocks, timeline, the
// requester's repeat contacts and the forms of what the actor may do.
type casePage struct {
	app.CaseDetail
	Clocks    []clockView
	Repeat    app.RepeatContacts
	Choices   caseChoices
	Next      []option // the statuses the case may move to
	InMyTeam  bool     // the actor may take the case (it is in one of their teams)
	MergedIDs map[int64]string
}

func (s *server) casePage(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if centreOnly(w, r, v, "/portal/cases/"+itoa(id)) {
		return nil
	}
	return s.showCase(w, r, v, id, http.StatusOK, nil)
}

// showCase renders a case; f, when set, is a submitted form that failed
// and its errors and values are shown in their places.
func (s *server) showCase(w http.ResponseWriter, r *http.Request, v *visit, id int64, status int, f *form) error {
	ctx := r.Context()
	d, err := s.app.Case(ctx, v.actor, id)
	if err != nil {
		return err
	}
	clocks, err := s.app.CaseClocks(ctx, v.actor, []int64{id})
	if err != nil {
		return err
	}
	p := casePage{CaseDetail: d, Clocks: clockViews(v.lang, clocks[id]), InMyTeam: slices.Contains(v.actor.TeamIDs, d.TeamID),
		MergedIDs: map[int64]string{}}
	for _, m := range d.Merged {
		p.MergedIDs[m.ID] = m.Reference
	}
	if d.RequesterID != 0 && v.actor.Can(app.WorkCases) {
		if p.Repeat, err = s.app.RepeatContacts(ctx, v.actor, d.RequesterID); err != nil {
			return err
		}
	}
	if d.Actions.Assign || d.Actions.Update {
		if p.Choices, err = s.centreChoices(ctx, v, d.MemberID, d.Actions.Assign); err != nil {
			return err
		}
	}
	for _, st := range d.Actions.NextStatuses {
		p.Next = append(p.Next, option{Value: string(st), Label: v.T("case.status." + string(st))})
	}
	return s.show(w, r, v, status, "case", &view{Title: d.Reference + " " + d.Subject, Section: "cases",
		Form: caseForm(d.Case, f), Data: p})
}

// caseForm is the case's own values in its forms, overlaid with what a
// failed submission sent.
func caseForm(c cases.Case, failed *form) *form {
	vals := url.Values{"subject": {c.Subject}, "type": {string(c.Type)}, "service_id": {itoa(c.ServiceID)},
		"priority": {string(c.Priority)}, "tags": {strings.Join(c.Tags, " ")}, "team_id": {itoa(c.TeamID)},
		"assignee_id": {itoa(c.AssigneeID)}, "unit_id": {itoa(c.UnitID)}, "line": {string(cases.SecondLine)}}
	if c.Confidential {
		vals.Set("confidential", "1")
	}
	f := newForm(vals)
	if failed == nil {
		return f
	}
	if failed.Get("form") == "update" {
		vals.Del("confidential")
	}
	for k, vs := range failed.Values {
		vals[k] = vs
	}
	f.Errors, f.Summary = failed.Errors, failed.Summary
	return f
}

// DetailLabel names a type-specific field of a case.
func (vw *view) DetailLabel(key string) string { return vw.T("case.detail." + key) }

// DetailValue shows a type-specific value; a document's kind is
// translated.
func (vw *view) DetailValue(key, value string) string {
	if key == "document" && slices.Contains(cases.Documents, value) {
		return vw.T("case.document." + value)
	}
	return value
}
