package app

import (
	"context"
	"errors"
	"slices"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// routeNew gives a new case its team: the one chosen by centre staff, else
// the first routing rule that matches, else the first-line team. An
// assignee chosen at once must be in that team, and makes the case open.
func (a *App) routeNew(ctx context.Context, q *store.Queries, c *cases.Case, in NewCase, path []int64, cfg caseConfig, snap *caseSnapshot, fs *fault.Fields) error {
	if s, ok := snap.services[in.ServiceID]; in.ServiceID != 0 && (!ok || !s.Active) {
		fs.Add("service_id", "service_unknown", "there is no such service")
	}
	if in.TeamID != 0 {
		if _, err := q.GetTeam(ctx, in.TeamID); errors.Is(err, store.ErrNotFound) {
			fs.Add("team_id", "team_unknown", "there is no team with this id")
		} else if err != nil {
			return err
		}
		c.TeamID = in.TeamID
	} else {
		c.TeamID = cfg.firstLine
		if r, ok := cases.Route(snap.rules, cases.Target{MemberID: c.MemberID, UnitPath: path, ServiceID: c.ServiceID, Type: c.Type}); ok {
			c.TeamID = r.TeamID
		}
	}
	if in.AssigneeID != 0 && !fs.Has("team_id") {
		if err := checkAssignee(ctx, q, c.TeamID, in.AssigneeID, fs); err != nil {
			return err
		}
		c.AssigneeID, c.Status = in.AssigneeID, cases.Open
	}
	return nil
}

// checkAssignee adds a field error unless the person is active centre
// staff in the team.
func checkAssignee(ctx context.Context, q *store.Queries, teamID, personID int64, fs *fault.Fields) error {
	p, err := q.GetPersonRef(ctx, personID)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && (p.MemberID != 0 || !p.Active)):
		fs.Add("assignee_id", "assignee_unknown", "the assignee must be an active member of the centre's staff")
		return nil
	case err != nil:
		return err
	case teamID == 0:
		return nil
	}
	in, err := q.IsTeamMember(ctx, teamID, personID)
	if err == nil && !in {
		fs.Add("assignee_id", "assignee_not_in_team", "the assignee is not in the case's team")
	}
	return err
}

// RouteTarget is what RouteCase looks at.
type RouteTarget struct {
	MemberID  int64
	UnitID    int64
	ServiceID int64
	Type      cases.Type
}

// RouteResult is the team a case would go to and the rule that says so
// (0: none matched, the first-line team).
type RouteResult struct {
	TeamID int64
	RuleID int64
}

// RouteCase tells where a case would be routed (centre staff): for
// trying out rules.
func (a *App) RouteCase(ctx context.Context, by Actor, t RouteTarget) (RouteResult, error) {
	if err := by.require(WorkCases); err != nil {
		return RouteResult{}, err
	}
	q := a.db.Read()
	cfg, err := a.caseConfig(ctx, q)
	if err != nil {
		return RouteResult{}, err
	}
	var path []int64
	if t.UnitID != 0 {
		if path, _, err = q.UnitPath(ctx, t.UnitID); err != nil {
			return RouteResult{}, notFoundField(err, "unit_id", "unit_unknown", "there is no unit with this id")
		}
	}
	rules, err := q.RoutingRules(ctx)
	if err != nil {
		return RouteResult{}, err
	}
	if r, ok := cases.Route(rules, cases.Target{MemberID: t.MemberID, UnitPath: path, ServiceID: t.ServiceID, Type: t.Type}); ok {
		return RouteResult{TeamID: r.TeamID, RuleID: r.ID}, nil
	}
	return RouteResult{TeamID: cfg.firstLine}, nil
}

// notFoundField turns ErrNotFound into an Invalid error on field.
func notFoundField(err error, field, code, detail string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fault.Field(field, code, detail)
	}
	return err
}

// RoutingRules lists the routing rules in the order they are tried
// (centre staff).
func (a *App) RoutingRules(ctx context.Context, by Actor) ([]cases.Rule, error) {
	if err := by.require(WorkCases); err != nil {
		return nil, err
	}
	return a.db.Read().RoutingRules(ctx)
}

// CreateRoutingRule adds a rule at the end of the list (admins).
func (a *App) CreateRoutingRule(ctx context.Context, by Actor, r cases.Rule) (cases.Rule, error) {
	if err := by.require(ManageRouting); err != nil {
		return r, err
	}
	r, err := r.Normalise()
	if err != nil {
		return r, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := checkRule(ctx, q, r); err != nil {
			return err
		}
		if r, err = q.CreateRoutingRule(ctx, r, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, r.MemberID, "routing_rule", r.ID, "create", nil, r)
	})
	a.forgetCases()
	return r, err
}

// UpdateRoutingRule changes a rule's conditions and team (admins).
func (a *App) UpdateRoutingRule(ctx context.Context, by Actor, r cases.Rule) (cases.Rule, error) {
	if err := by.require(ManageRouting); err != nil {
		return r, err
	}
	r, err := r.Normalise()
	if err != nil {
		return r, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetRoutingRule(ctx, r.ID)
		if err != nil {
			return notFound(err, "routing rule")
		}
		if err := checkRule(ctx, q, r); err != nil {
			return err
		}
		if err := q.UpdateRoutingRule(ctx, r, a.now()); err != nil {
			return err
		}
		if r, err = q.GetRoutingRule(ctx, r.ID); err != nil {
			return err
		}
		return a.audit(ctx, q, by, r.MemberID, "routing_rule", r.ID, "update", before, r)
	})
	a.forgetCases()
	return r, err
}

// DeleteRoutingRule removes a rule (admins).
func (a *App) DeleteRoutingRule(ctx context.Context, by Actor, id int64) error {
	if err := by.require(ManageRouting); err != nil {
		return err
	}
	defer a.forgetCases()
	return a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetRoutingRule(ctx, id)
		if err != nil {
			return notFound(err, "routing rule")
		}
		if err := q.DeleteRoutingRule(ctx, id); err != nil {
			return err
		}
		return a.audit(ctx, q, by, before.MemberID, "routing_rule", id, "delete", before, nil)
	})
}

// ReorderRoutingRules sets the order rules are tried in; ids must name
// every rule exactly once (admins).
func (a *App) ReorderRoutingRules(ctx context.Context, by Actor, ids []int64) error {
	if err := by.require(ManageRouting); err != nil {
		return err
	}
	defer a.forgetCases()
	return a.db.InTx(ctx, func(q *store.Queries) error {
		rules, err := q.RoutingRules(ctx)
		if err != nil {
			return err
		}
		before := make([]int64, len(rules))
		for i, r := range rules {
			before[i] = r.ID
		}
		sorted := slices.Clone(ids)
		slices.Sort(sorted)
		want := slices.Clone(before)
		slices.Sort(want)
		if !slices.Equal(sorted, want) {
			return fault.Field("rule_ids", "rule_order", "list every routing rule exactly once")
		}
		for i, id := range ids {
			if err := q.SetRulePosition(ctx, id, i+1); err != nil {
				return err
			}
		}
		return a.audit(ctx, q, by, 0, "routing_rule", 0, "reorder", before, ids)
	})
}

// checkRule checks that what a rule names exists and fits together.
func checkRule(ctx context.Context, q *store.Queries, r cases.Rule) error {
	var fs fault.Fields
	if r.MemberID != 0 {
		if _, err := q.GetMember(ctx, r.MemberID); errors.Is(err, store.ErrNotFound) {
			fs.Add("member_id", "member_unknown", "there is no member with this id")
		} else if err != nil {
			return err
		}
	}
	if r.UnitID != 0 {
		u, err := q.GetUnit(ctx, r.UnitID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			fs.Add("unit_id", "unit_unknown", "there is no unit with this id")
		case err != nil:
			return err
		case r.MemberID != 0 && u.MemberID != r.MemberID:
			fs.Add("unit_id", "unit_other_member", "the unit does not belong to the member")
		}
	}
	if r.ServiceID != 0 {
		if _, err := q.GetService(ctx, r.ServiceID); errors.Is(err, store.ErrNotFound) {
			fs.Add("service_id", "service_unknown", "there is no such service")
		} else if err != nil {
			return err
		}
	}
	if _, err := q.GetTeam(ctx, r.TeamID); errors.Is(err, store.ErrNotFound) {
		fs.Add("team_id", "team_unknown", "there is no team with this id")
	} else if err != nil {
		return err
	}
	return fs.Err()
}
