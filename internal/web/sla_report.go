package web

import (
	"net/http"
	"net/url"
	"time"

	"samverkan/internal/app"
)

type slaReportPage struct {
	Members []option
	Sides   []reportSide // the centre's targets, then the members' obligations
}

type reportSide struct {
	ID, Title, Help string
	Rows            []reportLine
}

type reportLine struct {
	app.SLAReportRow
	MemberName string
	Percent    int // share met, rounded down
}

// slaReport shows the service levels of a period per member: the centre's
// targets and the members' obligations in separate tables. The period
// defaults to the current quarter.
func (s *server) slaReport(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	now := time.Now().In(v.location())
	qStart := time.Date(now.Year(), time.Month((int(now.Month())-1)/3*3+1), 1, 0, 0, 0, 0, v.location())
	if q.Get("from") == "" && q.Get("to") == "" {
		q = url.Values{"from": {qStart.Format("2006-01-02")}, "to": {qStart.AddDate(0, 3, -1).Format("2006-01-02")}, "member": q["member"]}
	}
	f := newForm(q)
	from, to := dateIn(q.Get("from"), v.location()), dateIn(q.Get("to"), v.location())
	if q.Get("from") != "" && from.IsZero() {
		f.addError("from", v.T("error.date"))
	}
	if q.Get("to") != "" && to.IsZero() {
		f.addError("to", v.T("error.date"))
	}
	members, err := s.allMembers(r.Context(), v.actor)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	d := slaReportPage{Sides: []reportSide{{ID: "centre-side", Title: v.T("sla.centre_side")},
		{ID: "member-side", Title: v.T("sla.member_side"), Help: v.T("sla.member_side_help")}}}
	if v.actor.IsCentre() {
		d.Members = memberOptions(v, members, 0, "form.all")
	}
	status := http.StatusOK
	if len(f.Errors) == 0 {
		end := to
		if !end.IsZero() {
			end = end.AddDate(0, 0, 1) // the whole last day
		}
		rows, err := s.app.SLAReport(r.Context(), v.actor, idOf(q.Get("member")), from, end)
		if f.take(v.lang, err) {
			status = http.StatusUnprocessableEntity
		} else if err != nil {
			return err
		}
		for _, row := range rows {
			line := reportLine{SLAReportRow: row, MemberName: names[row.MemberID], Percent: 100 * (row.Due - row.Missed) / row.Due}
			side := &d.Sides[0]
			if row.Side == "member" {
				side = &d.Sides[1]
			}
			side.Rows = append(side.Rows, line)
		}
	}
	return s.show(w, r, v, status, "sla_report", &view{Title: v.T("sla.report_title"), Section: "sla", Form: f, Data: d})
}

// dateIn parses a yyyy-mm-dd date as midnight in loc; junk is zero.
func dateIn(s string, loc *time.Location) time.Time {
	d := dateOf(s)
	if d.IsZero() {
		return d
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// location is the centre's time zone.
func (v *visit) location() *time.Location {
	if loc, err := time.LoadLocation(v.centre.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}
