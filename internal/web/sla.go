package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/sla"
)

// The service-level pages: policies in evaluation order, a policy's form
// with a preview of when its targets fall due, and the two-sided report.

type slaPage struct {
	Policies []policyRow
}

type policyRow struct {
	sla.Policy
	Match string
}

func (s *server) slaPolicies(w http.ResponseWriter, r *http.Request, v *visit) error {
	ps, err := s.app.SLAPolicies(r.Context(), v.actor)
	if err != nil {
		return err
	}
	names, err := s.memberNameMap(r, v)
	if err != nil {
		return err
	}
	services, err := s.serviceNames(r.Context(), v)
	if err != nil {
		return err
	}
	d := slaPage{}
	for _, p := range ps {
		d.Policies = append(d.Policies, policyRow{Policy: p, Match: matchText(v, p, names, services)})
	}
	return s.show(w, r, v, http.StatusOK, "sla", &view{Title: v.T("sla.title"), Section: "sla", Data: d})
}

// matchText describes which cases a policy applies to.
func matchText(v *visit, p sla.Policy, members map[int64]string, services serviceNames) string {
	var parts []string
	if p.MemberID != 0 {
		parts = append(parts, members[p.MemberID])
	}
	if p.ServiceID != 0 {
		parts = append(parts, services[p.ServiceID])
	}
	if p.CaseType != "" {
		parts = append(parts, v.T("case.type."+p.CaseType))
	}
	if p.Priority != "" {
		parts = append(parts, v.T("case.priority."+p.Priority))
	}
	if p.Channel != "" {
		parts = append(parts, v.T("case.channel."+p.Channel))
	}
	if len(parts) == 0 {
		return v.T("sla.match_all")
	}
	return strings.Join(parts, ", ")
}

type policyForm struct {
	ID       int64
	Members  []option
	Services []option
	Types    []option
	Prios    []option
	Channels []option
	Units    []option
	Targets  []string
	Preview  *app.Preview
	Previewf *form
	PMembers []option
}

func (s *server) slaPolicyNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.actor.Can(app.ManageSLA) {
		return fault.Forbiddenf("only administrators change service levels")
	}
	f := newForm(url.Values{"warn_percent": {"80"}, "pause_on": {sla.WaitingMember, sla.WaitingThirdParty}, "payrun_input_days": {"0"}})
	for _, t := range policyTargets {
		f.Values.Set(t+"_unit", string(sla.BusinessHours))
	}
	return s.showPolicy(w, r, v, http.StatusOK, 0, f)
}

func (s *server) slaPolicy(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.app.SLAPolicy(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	return s.showPolicy(w, r, v, http.StatusOK, id, newForm(policyValues(p)))
}

var policyTargets = []string{"first_response", "next_response", "resolution", "member_input"}

func policyValues(p sla.Policy) url.Values {
	vals := url.Values{"name": {p.Name}, "position": {strconv.Itoa(p.Position)}, "member_id": {itoa(p.MemberID)},
		"service_id": {itoa(p.ServiceID)}, "case_type": {p.CaseType}, "priority": {p.Priority}, "channel": {p.Channel},
		"warn_percent": {strconv.Itoa(p.WarnPercent)}, "pause_on": p.PauseOn, "payrun_input_days": {strconv.Itoa(p.PayrunInputDays)}}
	for i, t := range []sla.Target{p.FirstResponse, p.NextResponse, p.Resolution, p.MemberInput} {
		unit := string(t.Unit)
		if unit == "" {
			unit = string(sla.BusinessHours)
		}
		vals.Set(policyTargets[i]+"_unit", unit)
		if t.Set() {
			vals.Set(policyTargets[i], strconv.FormatFloat(t.Amount, 'f', -1, 64))
		}
	}
	return vals
}

// showPolicy renders the policy form, and for a saved policy the preview
// asked for in the query (received_at, member).
func (s *server) showPolicy(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	members, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	services, err := s.app.Services(ctx, v.actor)
	if err != nil {
		return err
	}
	d := policyForm{ID: id, Members: memberOptions(v, members, 0, "sla.any"), Targets: policyTargets,
		Types:    append([]option{{Label: v.T("sla.any")}}, enumOptions(v, "case.type", cases.Types, false)...),
		Prios:    append([]option{{Label: v.T("sla.any")}}, enumOptions(v, "case.priority", cases.Priorities, false)...),
		Channels: append([]option{{Label: v.T("sla.any")}}, enumOptions(v, "case.channel", cases.Channels, false)...),
		Units:    enumOptions(v, "sla.unit", []sla.Unit{sla.BusinessHours, sla.BusinessDays}, false),
		PMembers: memberOptions(v, members, 0, "sla.centre_calendar")}
	d.Services = []option{{Label: v.T("sla.any")}}
	for _, sv := range services {
		d.Services = append(d.Services, option{Value: itoa(sv.ID), Label: sv.Name.In(v.lang), Group: sv.Area.In(v.lang)})
	}
	title := v.T("sla.new")
	if id != 0 {
		title = f.Get("name")
		if err := s.policyPreview(r, v, id, &d); err != nil {
			return err
		}
	}
	return s.show(w, r, v, status, "sla_form", &view{Title: title, Section: "sla", Form: f, Data: d})
}

func (s *server) policyPreview(r *http.Request, v *visit, id int64, d *policyForm) error {
	q := r.URL.Query()
	d.Previewf = newForm(q)
	if q.Get("received_at") == "" {
		return nil
	}
	at, err := time.ParseInLocation("2006-01-02T15:04", q.Get("received_at"), v.location())
	if err != nil {
		d.Previewf.addError("received_at", v.T("error.datetime"))
		return nil
	}
	p, err := s.app.SLAPolicy(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	pv, err := s.app.PreviewSLAPolicy(r.Context(), v.actor, p, idOf(q.Get("member")), at)
	if d.Previewf.take(v.lang, err) {
		return nil
	}
	if err != nil {
		return err
	}
	d.Preview = &pv
	return nil
}

func (s *server) slaPolicySave(w http.ResponseWriter, r *http.Request, v *visit) error {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			return err
		}
	}
	f := newForm(postForm(r))
	p, perr := policyFromForm(f, id)
	if perr == nil {
		p, perr = s.app.SaveSLAPolicy(r.Context(), v.actor, p)
	}
	if f.take(v.lang, perr) {
		return s.showPolicy(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if perr != nil {
		return perr
	}
	return seeOther(w, r, "/sla/"+itoa(p.ID)+"?done=saved")
}

func (s *server) slaPolicyDelete(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.app.DeleteSLAPolicy(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/sla?done=deleted")
}

// policyFromForm reads a policy; numbers that are not numbers are field
// errors of their own.
func policyFromForm(f *form, id int64) (sla.Policy, error) {
	var fs fault.Fields
	num := func(name string) float64 {
		s := strings.ReplaceAll(strings.TrimSpace(f.Get(name)), ",", ".")
		if s == "" {
			return 0
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			fs.Add(name, "number", name+" must be a number")
		}
		return n
	}
	p := sla.Policy{ID: id, Name: strings.TrimSpace(f.Get("name")), Position: int(num("position")),
		MemberID: idOf(f.Get("member_id")), ServiceID: idOf(f.Get("service_id")),
		CaseType: f.Get("case_type"), Priority: f.Get("priority"), Channel: f.Get("channel"),
		WarnPercent: int(num("warn_percent")), PauseOn: f.Values["pause_on"], PayrunInputDays: payrunDays(f, &fs)}
	targets := []*sla.Target{&p.FirstResponse, &p.NextResponse, &p.Resolution, &p.MemberInput}
	for i, name := range policyTargets {
		*targets[i] = sla.Target{Amount: num(name), Unit: sla.Unit(f.Get(name + "_unit"))}
	}
	return p, fs.Err()
}

// payrunDays reads the pay-run input lead time: a whole number of
// business days (empty is 0, no obligation).
func payrunDays(f *form, fs *fault.Fields) int {
	s := strings.TrimSpace(f.Get("payrun_input_days"))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fs.Add("payrun_input_days", "payrun_input_days", "payrun_input_days must be a whole number of business days")
	}
	return n
}

// memberNameMap maps the member ids the visitor sees to their names.
func (s *server) memberNameMap(r *http.Request, v *visit) (map[int64]string, error) {
	ms, err := s.allMembers(r.Context(), v.actor)
	out := map[int64]string{}
	for _, m := range ms {
		out[m.ID] = m.Name
	}
	return out, err
}
