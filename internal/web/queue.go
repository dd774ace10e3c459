package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/store"
)

// queueTab is one of the console's queues as a link.
type queueTab struct {
	Href, Label string
	Current     bool
}

type queuePage struct {
	Tabs    []queueTab
	Rows    []caseRow
	Next    string
	First   string
	Choices caseChoices
	Ages    []option
	Sorts   []option
}

// consoleQueues are the queues of the console, in the order of its tabs.
var consoleQueues = []app.Queue{app.QueueMine, app.QueueMyTeams, app.QueueUnassigned, app.QueueAllOpen, app.QueueWaiting, app.QueueAll}

// queue is the centre's case list: one queue, filtered and sorted, a page
// at a time, each case with its most pressing service-level clock.
func (s *server) queue(w http.ResponseWriter, r *http.Request, v *visit) error {
	if centreOnly(w, r, v, "/portal/cases") {
		return nil
	}
	ctx := r.Context()
	q := r.URL.Query()
	if q.Get("queue") == "" {
		q.Set("queue", string(app.QueueMyTeams))
		if len(v.actor.TeamIDs) == 0 {
			q.Set("queue", string(app.QueueAllOpen))
		}
	}
	f := newForm(q)
	page, err := s.app.Queue(ctx, v.actor, queueQuery(q, s.app.Now()))
	status := http.StatusOK
	if f.take(v.lang, err) {
		status, page = http.StatusUnprocessableEntity, app.Page[app.CaseView]{}
	} else if err != nil {
		return err
	}
	clocks, err := s.app.CaseClocks(ctx, v.actor, caseIDs(page.Items))
	if err != nil {
		return err
	}
	d := queuePage{Rows: caseRows(v.lang, page.Items, clocks), Next: nextURL(r, page.NextCursor), First: firstURL(r),
		Ages: ageOptions(v), Sorts: sortOptions(v)}
	if d.Choices, err = s.centreChoices(ctx, v, idOf(q.Get("member")), false); err != nil {
		return err
	}
	for _, qu := range consoleQueues {
		d.Tabs = append(d.Tabs, queueTab{Href: "/cases?queue=" + url.QueryEscape(string(qu)), Label: v.T("queue." + string(qu)),
			Current: q.Get("queue") == string(qu)})
	}
	vw := &view{Title: v.T("queue.title"), Section: "cases", Form: f, Data: d}
	if isPartial(r) {
		return s.partial(w, r, v, "queue", "results", vw)
	}
	return s.show(w, r, v, status, "queue", vw)
}

// queueQuery reads a queue's filters from the query string; junk in a
// number reads as no filter, an unknown word is left for app to refuse.
func queueQuery(q url.Values, now time.Time) app.QueueQuery {
	qq := app.QueueQuery{Queue: app.Queue(q.Get("queue")), MemberID: idOf(q.Get("member")), UnitID: idOf(q.Get("unit")),
		RequesterID: idOf(q.Get("requester")),
		TeamID:      idOf(q.Get("team")), ServiceID: idOf(q.Get("service")), Priority: cases.Priority(q.Get("priority")),
		Type: cases.Type(q.Get("type")), Tag: q.Get("tag"), Sort: store.CaseSort(q.Get("sort")),
		PageRequest: app.PageRequest{Cursor: q.Get("cursor"), Limit: atoi(q.Get("limit"))}}
	if st := q.Get("status"); st != "" {
		qq.Statuses = []cases.Status{cases.Status(st)}
	}
	if days, err := strconv.Atoi(q.Get("age")); err == nil && days > 0 && days <= 3660 {
		qq.ReceivedBefore = now.AddDate(0, 0, -days)
	}
	return qq
}
