package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/sla"
)

type slaTargetJSON struct {
	Amount float64 `json:"amount"`
	Unit   string  `json:"unit"`
}

// policyJSON is a policy as the API shows it: its id and its input.
type policyJSON struct {
	ID int64 `json:"id"`
	policyInput
}

func targetOut(t sla.Target) *slaTargetJSON {
	if !t.Set() {
		return nil
	}
	return &slaTargetJSON{Amount: t.Amount, Unit: string(t.Unit)}
}

func targetIn(t *slaTargetJSON) sla.Target {
	if t == nil {
		return sla.Target{}
	}
	return sla.Target{Amount: t.Amount, Unit: sla.Unit(t.Unit)}
}

func policyOut(p sla.Policy) policyJSON {
	pause := p.PauseOn
	if pause == nil {
		pause = []string{}
	}
	return policyJSON{ID: p.ID, policyInput: policyInput{Name: p.Name, Position: p.Position, MemberID: idOrNull(p.MemberID),
		ServiceID: idOrNull(p.ServiceID), CaseType: textOrNull(p.CaseType), Priority: textOrNull(p.Priority), Channel: textOrNull(p.Channel),
		FirstResponse: targetOut(p.FirstResponse), NextResponse: targetOut(p.NextResponse), Resolution: targetOut(p.Resolution),
		MemberInput: targetOut(p.MemberInput), PayrunInputDays: p.PayrunInputDays, WarnPercent: p.WarnPercent, PauseOn: pause}}
}

// policyInput is the body of POST and PUT: the whole policy.
type policyInput struct {
	Name          string         `json:"name"`
	Position      int            `json:"position"`
	MemberID      *int64         `json:"member_id"`
	ServiceID     *int64         `json:"service_id"`
	CaseType      *string        `json:"case_type"`
	Priority      *string        `json:"priority"`
	Channel       *string        `json:"channel"`
	FirstResponse *slaTargetJSON `json:"first_response"`
	NextResponse  *slaTargetJSON `json:"next_response"`
	Resolution    *slaTargetJSON `json:"resolution"`
	MemberInput   *slaTargetJSON `json:"member_input"`
	// PayrunInputDays is the member's pay-run obligation (0: none).
	PayrunInputDays int      `json:"payrun_input_days"`
	WarnPercent     int      `json:"warn_percent"`
	PauseOn         []string `json:"pause_on"`
}

func (in policyInput) policy(id int64) sla.Policy {
	deref := func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
	text := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return sla.Policy{ID: id, Name: in.Name, Position: in.Position, MemberID: deref(in.MemberID), ServiceID: deref(in.ServiceID),
		CaseType: text(in.CaseType), Priority: text(in.Priority), Channel: text(in.Channel),
		FirstResponse: targetIn(in.FirstResponse), NextResponse: targetIn(in.NextResponse), Resolution: targetIn(in.Resolution),
		MemberInput: targetIn(in.MemberInput), PayrunInputDays: in.PayrunInputDays, WarnPercent: in.WarnPercent, PauseOn: in.PauseOn}
}

func (s *server) listPolicies(w http.ResponseWriter, r *http.Request, by app.Actor) {
	ps, err := s.app.SLAPolicies(r.Context(), by)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	items := make([]policyJSON, len(ps))
	for i, p := range ps {
		items[i] = policyOut(p)
	}
	reply(w, http.StatusOK, map[string]any{"items": items, "next_cursor": nil})
}

func (s *server) getPolicy(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err == nil {
		var p sla.Policy
		if p, err = s.app.SLAPolicy(r.Context(), by, id); err == nil {
			reply(w, http.StatusOK, policyOut(p))
			return
		}
	}
	s.problem(w, r, err)
}

func (s *server) createPolicy(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in policyInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	p, err := s.app.SaveSLAPolicy(r.Context(), by, in.policy(0))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "sla/policies", p.ID, policyOut(p))
}

func (s *server) putPolicy(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var in policyInput
	if err == nil {
		err = decode(r, &in)
	}
	if err == nil {
		if _, err = s.app.SLAPolicy(r.Context(), by, id); err == nil {
			var p sla.Policy
			if p, err = s.app.SaveSLAPolicy(r.Context(), by, in.policy(id)); err == nil {
				reply(w, http.StatusOK, policyOut(p))
				return
			}
		}
	}
	s.problem(w, r, err)
}

func (s *server) deletePolicy(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.DeleteSLAPolicy(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type previewJSON struct {
	ReceivedAt    string      `json:"received_at"`
	FirstResponse *string     `json:"first_response"`
	NextResponse  *string     `json:"next_response"`
	Resolution    *string     `json:"resolution"`
	MemberInput   *string     `json:"member_input"`
	PayrunInput   *payrunJSON `json:"payrun_input"`
}

// previewPolicy answers when a policy's targets fall due for a case
// received at received_at, on the centre's or a member's calendar.
func (s *server) previewPolicy(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	q := queryOf(r)
	at, member := q.instant("received_at"), q.id("member_id")
	if err := q.fs.Err(); err != nil {
		s.problem(w, r, err)
		return
	}
	p, err := s.app.SLAPolicy(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	pv, err := s.app.PreviewSLAPolicy(r.Context(), by, p, member, at)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := pv.ReceivedAt.Location()
	at3339 := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		v := t.In(loc).Format(time.RFC3339)
		return &v
	}
	reply(w, http.StatusOK, previewJSON{ReceivedAt: pv.ReceivedAt.Format(time.RFC3339), FirstResponse: at3339(pv.FirstResponse),
		NextResponse: at3339(pv.NextResponse), Resolution: at3339(pv.Resolution), MemberInput: at3339(pv.MemberInput),
		PayrunInput: payrunOut(pv.PayrunInput, loc)})
}

type reportRowJSON struct {
	MemberID int64  `json:"member_id"`
	Measure  string `json:"measure"`
	Side     string `json:"side"`
	Due      int    `json:"due"`
	Missed   int    `json:"missed"`
}

// slaReport counts targets and misses per member for cases received in
// [from, to); the members' obligations are rows of side "member".
func (s *server) slaReport(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	from, to, member := q.instant("from"), q.instant("to"), q.id("member_id")
	if err := q.fs.Err(); err != nil {
		s.problem(w, r, err)
		return
	}
	rows, err := s.app.SLAReport(r.Context(), by, member, from, to)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	items := make([]reportRowJSON, len(rows))
	for i, row := range rows {
		items[i] = reportRowJSON{MemberID: row.MemberID, Measure: row.Measure, Side: row.Side, Due: row.Due, Missed: row.Missed}
	}
	reply(w, http.StatusOK, map[string]any{"items": items})
}

type closedDayJSON struct {
	ID    int64   `json:"id"`
	Date  string  `json:"date"`
	Name  string  `json:"name"`
	Open  *string `json:"open"`
	Close *string `json:"close"`
}

func closedDayOut(d app.ClosedDay) closedDayJSON {
	return closedDayJSON{ID: d.ID, Date: d.Day.Format("2006-01-02"), Name: d.Name, Open: textOrNull(d.Open), Close: textOrNull(d.Close)}
}

func (s *server) listClosedDays(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	year := int(q.id("year"))
	if year == 0 && q.str("year") == "" {
		q.fs.Add("year", "required", "year is required")
	}
	if err := q.fs.Err(); err != nil {
		s.problem(w, r, err)
		return
	}
	days, err := s.app.ClosedDays(r.Context(), by, 0, year)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	items := make([]closedDayJSON, len(days))
	for i, d := range days {
		items[i] = closedDayOut(d)
	}
	reply(w, http.StatusOK, map[string]any{"items": items})
}

type closedDayInput struct {
	Date  string  `json:"date"`
	Name  string  `json:"name"`
	Open  *string `json:"open"`
	Close *string `json:"close"`
}

func (s *server) createClosedDay(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in closedDayInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	day, err := time.Parse("2006-01-02", in.Date)
	if err != nil {
		s.problem(w, r, fault.Field("date", "date", "date must be YYYY-MM-DD"))
		return
	}
	d := app.ClosedDay{Day: day, Name: in.Name}
	if in.Open != nil {
		d.Open = *in.Open
	}
	if in.Close != nil {
		d.Close = *in.Close
	}
	if d, err = s.app.AddClosedDay(r.Context(), by, d); err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "calendar/closed-days", d.ID, closedDayOut(d))
}

func (s *server) deleteClosedDay(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.RemoveClosedDay(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
