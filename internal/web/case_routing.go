package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

type routingPage struct {
	Rules    []cases.Rule
	Settings app.CaseSettings
	Members  names
	Units    names
	Services names
	Teams    names
	Choices  caseChoices
}

// routing lists the routing rules in the order they are tried, with the
// case settings; admins change both.
func (s *server) routing(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showRouting(w, r, v, http.StatusOK, nil)
}

func (s *server) showRouting(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	ctx := r.Context()
	rules, err := s.app.RoutingRules(ctx, v.actor)
	if err != nil {
		return err
	}
	set, err := s.app.CaseSettings(ctx, v.actor)
	if err != nil {
		return err
	}
	d := routingPage{Rules: rules, Settings: set}
	if d.Choices, err = s.ruleChoices(ctx, v); err != nil {
		return err
	}
	d.Members, d.Units, d.Services, d.Teams = optionNames(d.Choices.Members), optionNames(d.Choices.Units),
		optionNames(d.Choices.Services), optionNames(d.Choices.Teams)
	if f == nil {
		f = newForm(url.Values{"prefix": {set.Prefix}, "reopen_days": {strconv.Itoa(set.ReopenDays)},
			"first_line_team_id": {itoa(set.FirstLineTeamID)}, "attachment_max_mb": {strconv.FormatInt(set.AttachmentMaxBytes>>20, 10)}})
	}
	return s.show(w, r, v, status, "case_routing", &view{Title: v.T("routing.title"), Section: "cases", Form: f, Data: d})
}

// ruleChoices are the lists of a rule's conditions: units of every member,
// grouped by member.
func (s *server) ruleChoices(ctx context.Context, v *visit) (caseChoices, error) {
	c, err := s.centreChoices(ctx, v, 0, false)
	if err != nil {
		return c, err
	}
	ms, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return c, err
	}
	for _, m := range ms {
		us, err := s.allUnits(ctx, v.actor, m.ID)
		if err != nil {
			return c, err
		}
		for _, o := range unitOptions(v, us, 0, "form.all")[1:] {
			o.Group = m.Name
			c.Units = append(c.Units, o)
		}
	}
	return c, nil
}

// optionNames maps option values (ids) to their labels.
func optionNames(opts []option) names {
	n := names{}
	for _, o := range opts {
		n[idOf(o.Value)] = o.Label
	}
	return n
}

// caseSettingsSave changes the case settings (admins).
func (s *server) caseSettingsSave(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	mb, err := strconv.ParseInt(f.Get("attachment_max_mb"), 10, 64)
	if err != nil || mb < 0 {
		mb = -1
	}
	_, err = s.app.UpdateCaseSettings(r.Context(), v.actor, app.CaseSettings{Prefix: f.Get("prefix"),
		FirstLineTeamID: idOf(f.Get("first_line_team_id")), ReopenDays: atoi(f.Get("reopen_days")), AttachmentMaxBytes: mb << 20})
	if f.take(v.lang, renameField(err, "attachment_max_bytes", "attachment_max_mb")) {
		return s.showRouting(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/routing?done=saved")
}

type rulePage struct {
	Rule    cases.Rule
	Choices caseChoices
}

func (s *server) showRule(w http.ResponseWriter, r *http.Request, v *visit, status int, rule cases.Rule, f *form) error {
	if !v.actor.Can(app.ManageRouting) {
		return fault.Forbiddenf("your role does not allow this")
	}
	c, err := s.ruleChoices(r.Context(), v)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(url.Values{"name": {rule.Name}, "member_id": {itoa(rule.MemberID)}, "unit_id": {itoa(rule.UnitID)},
			"service_id": {itoa(rule.ServiceID)}, "type": {string(rule.Type)}, "team_id": {itoa(rule.TeamID)}})
	}
	title := v.T("routing.new")
	if rule.ID != 0 {
		title = v.T("routing.edit")
	}
	return s.show(w, r, v, status, "case_rule", &view{Title: title, Section: "cases", Form: f, Data: rulePage{Rule: rule, Choices: c}})
}

func (s *server) ruleNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showRule(w, r, v, http.StatusOK, cases.Rule{}, nil)
}

// ruleByID finds a rule in the list (there is no reading one alone).
func (s *server) ruleByID(ctx context.Context, v *visit, id int64) (cases.Rule, []cases.Rule, error) {
	rules, err := s.app.RoutingRules(ctx, v.actor)
	if err != nil {
		return cases.Rule{}, nil, err
	}
	i := slices.IndexFunc(rules, func(r cases.Rule) bool { return r.ID == id })
	if i < 0 {
		return cases.Rule{}, rules, fault.NotFoundf("routing rule not found")
	}
	return rules[i], rules, nil
}

func (s *server) ruleEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rule, _, err := s.ruleByID(r.Context(), v, id)
	if err != nil {
		return err
	}
	return s.showRule(w, r, v, http.StatusOK, rule, nil)
}

func ruleOf(f *form, id int64) cases.Rule {
	return cases.Rule{ID: id, Name: f.Get("name"), MemberID: idOf(f.Get("member_id")), UnitID: idOf(f.Get("unit_id")),
		ServiceID: idOf(f.Get("service_id")), Type: cases.Type(f.Get("type")), TeamID: idOf(f.Get("team_id"))}
}

func (s *server) ruleCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	_, err := s.app.CreateRoutingRule(r.Context(), v.actor, ruleOf(f, 0))
	if f.take(v.lang, err) {
		return s.showRule(w, r, v, http.StatusUnprocessableEntity, cases.Rule{}, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/routing?done=created")
}

func (s *server) ruleUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	_, err = s.app.UpdateRoutingRule(r.Context(), v.actor, ruleOf(f, id))
	if f.take(v.lang, err) {
		return s.showRule(w, r, v, http.StatusUnprocessableEntity, cases.Rule{ID: id}, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/routing?done=saved")
}

func (s *server) ruleDelete(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.app.DeleteRoutingRule(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/routing?done=deleted")
}

// ruleMove moves a rule one place up or down the order.
func (s *server) ruleMove(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if !v.actor.Can(app.ManageRouting) {
		return fault.Forbiddenf("your role does not allow this")
	}
	_, rules, err := s.ruleByID(r.Context(), v, id)
	if err != nil {
		return err
	}
	ids := make([]int64, len(rules))
	for i, rule := range rules {
		ids[i] = rule.ID
	}
	i := slices.Index(ids, id)
	j := i + 1
	if postForm(r).Get("dir") == "up" {
		j = i - 1
	}
	if j >= 0 && j < len(ids) {
		ids[i], ids[j] = ids[j], ids[i]
		if err := s.app.ReorderRoutingRules(r.Context(), v.actor, ids); err != nil {
			return err
		}
	}
	return seeOther(w, r, "/routing?done=saved")
}
