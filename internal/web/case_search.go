package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
)

type caseSearchPage struct {
	Rows     []caseRow
	Next     string
	First    string
	Searched bool
	Members  []option
}

// caseSearch searches the registration numbers, subjects and messages of
// the cases the actor may see.
func (s *server) caseSearch(w http.ResponseWriter, r *http.Request, v *visit) error {
	if centreOnly(w, r, v, "/portal/cases") {
		return nil
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := newForm(q)
	var d caseSearchPage
	status := http.StatusOK
	if strings.TrimSpace(q.Get("q")) != "" {
		page, err := s.app.SearchCases(ctx, v.actor, app.SearchQuery{Text: q.Get("q"), OpenOnly: q.Get("open") == "1",
			MemberID: idOf(q.Get("member")), PageRequest: app.PageRequest{Cursor: q.Get("cursor")}})
		if f.take(v.lang, err) {
			status = http.StatusUnprocessableEntity
		} else if err != nil {
			return err
		}
		clocks, err := s.app.CaseClocks(ctx, v.actor, caseIDs(page.Items))
		if err != nil {
			return err
		}
		d = caseSearchPage{Rows: caseRows(v.lang, page.Items, clocks), Next: nextURL(r, page.NextCursor), First: firstURL(r), Searched: true}
	}
	ms, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	d.Members = memberOptions(v, ms, 0, "form.all")
	vw := &view{Title: v.T("case_search.title"), Section: "cases", Form: f, Data: d}
	if isPartial(r) {
		return s.partial(w, r, v, "case_search", "results", vw)
	}
	return s.show(w, r, v, status, "case_search", vw)
}

// caseRepeats is the repeat-contact report: the people and units with
// the most cases on the same service in a period.
func (s *server) caseRepeats(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.actor.Can(app.ViewCaseReports) {
		return fault.Forbiddenf("your role does not allow this")
	}
	ctx := r.Context()
	f := newForm(r.URL.Query())
	rq, ok := repeatQuery(v, f)
	status := http.StatusUnprocessableEntity
	var rep app.RepeatReport
	if ok {
		var err error
		rep, err = s.app.RepeatContactReport(ctx, v.actor, rq)
		if !f.take(v.lang, err) {
			if err != nil {
				return err
			}
			status = http.StatusOK
		}
	}
	ms, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	d := repeatPage{Report: rep, Members: memberOptions(v, ms, 0, "form.all")}
	if !rep.To.IsZero() {
		d.ToDay = rep.To.AddDate(0, 0, -1)
	}
	return s.show(w, r, v, status, "case_repeats", &view{Title: v.T("case_repeats.title"), Section: "cases", Form: f, Data: d})
}

// repeatQuery reads the report's period (the last day inclusive), member
// and threshold; ok is false when a field is junk (its error is on f).
func repeatQuery(v *visit, f *form) (app.RepeatQuery, bool) {
	rq := app.RepeatQuery{MemberID: idOf(f.Get("member"))}
	ok := true
	for _, x := range []struct {
		name string
		to   *time.Time
		days int
	}{{"from", &rq.From, 0}, {"to", &rq.To, 1}} {
		if raw := strings.TrimSpace(f.Get(x.name)); raw != "" {
			day := localDay(v, raw)
			if day.IsZero() {
				f.addError(x.name, v.T("error.date"))
				ok = false
				continue
			}
			*x.to = day.AddDate(0, 0, x.days)
		}
	}
	if raw := strings.TrimSpace(f.Get("min_cases")); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil {
			f.addError("min_cases", v.T("error.number"))
			ok = false
		}
		rq.MinCases = n
	}
	return rq, ok
}

type repeatPage struct {
	Report  app.RepeatReport
	ToDay   time.Time // the last day of the period (To is exclusive)
	Members []option
}

// localDay parses a yyyy-mm-dd date as the start of that day in the
// centre's time zone; junk is the zero time.
func localDay(v *visit, s string) time.Time {
	loc, err := time.LoadLocation(v.centre.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}
	}
	return t
}
