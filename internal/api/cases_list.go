package api

import (
	"net/http"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/cases"
)

// caseSorts are the orders of a case list (app.CaseSort).
var caseSorts = []app.CaseSort{"received", "newest", "priority", "updated"}

// listCases lists a queue with filters, or with q the cases whose
// registration number, subject or messages hold the words (newest first).
func (s *server) listCases(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	qq := app.QueueQuery{Queue: enum(q, "queue", app.Queues), MemberID: q.id("member_id"), UnitID: q.id("unit_id"),
		RequesterID: q.id("requester_id"), TeamID: q.id("team_id"), AssigneeID: q.id("assignee_id"), ServiceID: q.id("service_id"),
		Statuses: statuses(q), Priority: enum(q, "priority", cases.Priorities), Type: enum(q, "type", cases.Types),
		Tag: q.str("tag"), ReceivedFrom: q.instant("received_from"), ReceivedBefore: q.instant("received_before"),
		Sort: enum(q, "sort", caseSorts), PageRequest: q.page()}
	text := q.str("q")
	if text != "" {
		searchOnly(q, qq)
	}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	var page app.Page[app.CaseView]
	var err error
	if text != "" {
		page, err = s.app.SearchCases(r.Context(), by, app.SearchQuery{Text: text, OpenOnly: qq.Queue == app.QueueAllOpen,
			MemberID: qq.MemberID, TeamID: qq.TeamID, ServiceID: qq.ServiceID, Statuses: qq.Statuses, Type: qq.Type, PageRequest: qq.PageRequest})
	} else {
		page, err = s.app.Queue(r.Context(), by, qq)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ids := make([]int64, len(page.Items))
	for i, v := range page.Items {
		ids[i] = v.ID
	}
	clocks, err := s.app.CaseClocks(r.Context(), by, ids)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc, centre := s.zone(r.Context()), by.IsCentre()
	reply(w, http.StatusOK, listOf(page, func(v app.CaseView) caseJSON { return caseOut(v.Case, clocks[v.ID], loc, centre) }))
}

// statuses reads status as a comma-separated list, or repeated.
func statuses(q *query) []cases.Status {
	var out []cases.Status
	for _, v := range q.v["status"] {
		for _, s := range strings.Split(v, ",") {
			st := cases.Status(strings.TrimSpace(s))
			if st == "" {
				continue
			}
			if !st.Valid() {
				q.fs.Add("status", "enum", "status must be one or more of new, open, waiting_member, waiting_third_party, resolved, closed")
				return nil
			}
			out = append(out, st)
		}
	}
	return out
}

// searchOnly refuses the filters a full-text search does not take.
func searchOnly(q *query, qq app.QueueQuery) {
	if qq.Queue != "" && qq.Queue != app.QueueAll && qq.Queue != app.QueueAllOpen {
		q.fs.Add("queue", "with_q", "with q, queue is all or all_open")
	}
	for _, name := range []string{"unit_id", "requester_id", "assignee_id", "priority", "tag", "received_from", "received_before", "sort"} {
		if q.str(name) != "" && !q.fs.Has(name) {
			q.fs.Add(name, "with_q", name+" cannot be combined with q")
		}
	}
}
