package web

import (
	"net/http"
	"slices"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

type portalCasesPage struct {
	Tabs     []queueTab // mine / all the actor may see; none for who sees only their own
	Rows     []caseRow
	Next     string
	First    string
	Statuses []option
}

// memberOnly sends centre staff to the console's page instead.
func memberOnly(w http.ResponseWriter, r *http.Request, v *visit, console string) bool {
	if !v.actor.IsCentre() {
		return false
	}
	http.Redirect(w, r, console, http.StatusSeeOther)
	return true
}

// seesMore reports whether a member-side user sees cases beyond their own
// (managers and assistants their units', contacts their member's).
func seesMore(a app.Actor) bool {
	return slices.ContainsFunc(a.Grants, func(g org.Grant) bool {
		return g.Role == org.Contact || g.Role == org.Manager || g.Role == org.Assistant
	})
}

// portalCases lists the member-side user's cases, newest first: their own
// (and their principal's when acting as a substitute), and for managers,
// assistants and contacts the cases they follow for their organisation.
func (s *server) portalCases(w http.ResponseWriter, r *http.Request, v *visit) error {
	if memberOnly(w, r, v, "/cases") {
		return nil
	}
	ctx := r.Context()
	q := r.URL.Query()
	more := seesMore(v.actor)
	if q.Get("queue") != string(app.QueueAll) || !more {
		q.Set("queue", string(app.QueueMine))
	}
	qq := app.QueueQuery{Queue: app.Queue(q.Get("queue")), Sort: store.SortNewest, PageRequest: app.PageRequest{Cursor: q.Get("cursor")}}
	if st := q.Get("status"); st != "" {
		qq.Statuses = []cases.Status{cases.Status(st)}
	}
	f := newForm(q)
	page, err := s.app.Queue(ctx, v.actor, qq)
	if f.take(v.lang, err) {
		page = app.Page[app.CaseView]{}
	} else if err != nil {
		return err
	}
	clocks, err := s.app.CaseClocks(ctx, v.actor, caseIDs(page.Items))
	if err != nil {
		return err
	}
	d := portalCasesPage{Rows: caseRows(v.lang, page.Items, clocks), Next: nextURL(r, page.NextCursor), First: firstURL(r),
		Statuses: withBlank(v, "form.all", enumOptions(v, "case.status", cases.Statuses, false))}
	if more {
		for _, qu := range []app.Queue{app.QueueMine, app.QueueAll} {
			d.Tabs = append(d.Tabs, queueTab{Href: "/portal/cases?queue=" + string(qu), Label: v.T("portal_case.queue." + string(qu)),
				Current: q.Get("queue") == string(qu)})
		}
	}
	vw := &view{Title: v.T("portal_case.title"), Section: "my_cases", Form: f, Data: d}
	if isPartial(r) {
		return s.partial(w, r, v, "portal_cases", "results", vw)
	}
	return s.show(w, r, v, http.StatusOK, "portal_cases", vw)
}

type portalCasePage struct {
	app.CaseDetail
	Clocks []clockView
}

func (s *server) portalCase(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if memberOnly(w, r, v, "/cases/"+itoa(id)) {
		return nil
	}
	return s.showPortalCase(w, r, v, id, http.StatusOK, nil)
}

// showPortalCase shows a case as the member side sees it: never internal
// notes, hand-over reasons or links among the centre's cases.
func (s *server) showPortalCase(w http.ResponseWriter, r *http.Request, v *visit, id int64, status int, f *form) error {
	ctx := r.Context()
	d, err := s.app.Case(ctx, v.actor, id)
	if err != nil {
		return err
	}
	clocks, err := s.app.CaseClocks(ctx, v.actor, []int64{id})
	if err != nil {
		return err
	}
	p := portalCasePage{CaseDetail: d, Clocks: clockViews(v.lang, clocks[id])}
	return s.show(w, r, v, status, "portal_case", &view{Title: d.Reference + " " + d.Subject, Section: "my_cases", Form: f, Data: p})
}

// portalCaseMessage adds the member's message (and files) to a case. On a
// closed case it opens a follow-up case, which the browser goes on to.
func (s *server) portalCaseMessage(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if v.actor.IsCentre() {
		return fault.Forbiddenf("the portal is the member's")
	}
	f, files, err := filesForm(r)
	if err != nil {
		return err
	}
	res, err := s.app.AddMemberMessage(r.Context(), v.actor, id, app.MemberMessage{Body: f.Get("body"), Attachments: files})
	if f.take(v.lang, renameField(err, "attachments", "files")) {
		return s.showPortalCase(w, r, v, id, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	done := "case_message"
	if res.Outcome == cases.FollowUp.String() {
		done = "case_follow_up"
	}
	return seeOther(w, r, "/portal/cases/"+itoa(res.Case.ID)+"?done="+done)
}
