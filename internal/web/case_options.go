package web

import (
	"context"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// caseChoices are the option lists of the case forms and filters.
type caseChoices struct {
	Members    []option
	Units      []option
	Services   []option
	Teams      []option
	Staff      []option // centre staff by team, for the assignee
	Types      []option
	Priorities []option
	Statuses   []option
	Channels   []option
}

// withBlank puts an empty choice labelled key in front of opts.
func withBlank(v *visit, key string, opts []option) []option {
	return append([]option{{Value: "", Label: v.T(key)}}, opts...)
}

// serviceOptions are the active services grouped by service area.
func (s *server) serviceOptions(ctx context.Context, v *visit) ([]option, error) {
	svcs, err := s.app.Services(ctx, v.actor)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, sv := range svcs {
		if sv.Active {
			out = append(out, option{Value: itoa(sv.ID), Label: sv.Name.In(v.lang), Group: sv.Area.In(v.lang)})
		}
	}
	return out, nil
}

// allTeams lists the centre's teams (centre staff).
func (s *server) allTeams(ctx context.Context, a app.Actor) ([]org.Team, error) {
	return collect(func(pr app.PageRequest) (app.Page[org.Team], error) { return s.app.ListTeams(ctx, a, pr) })
}

func teamOptions(ts []org.Team) []option {
	out := make([]option, 0, len(ts))
	for _, t := range ts {
		out = append(out, option{Value: itoa(t.ID), Label: t.Name})
	}
	return out
}

// teamStaffOptions are the staff of each team, grouped by team, for choosing
// an assignee (who must be in the case's team).
func (s *server) teamStaffOptions(ctx context.Context, a app.Actor, ts []org.Team) ([]option, error) {
	var out []option
	for _, t := range ts {
		d, err := s.app.Team(ctx, a, t.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range d.Staff {
			if p.Active {
				out = append(out, option{Value: itoa(p.ID), Label: p.Name, Group: t.Name})
			}
		}
	}
	return out, nil
}

// centreChoices gathers the lists the console's filters and forms offer;
// units only of memberID (none when 0).
func (s *server) centreChoices(ctx context.Context, v *visit, memberID int64, staff bool) (caseChoices, error) {
	var c caseChoices
	ms, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return c, err
	}
	c.Members = memberOptions(v, ms, 0, "")
	if memberID != 0 {
		us, err := s.allUnits(ctx, v.actor, memberID)
		if err != nil {
			return c, err
		}
		c.Units = unitOptions(v, us, 0, "form.all")[1:]
	}
	if c.Services, err = s.serviceOptions(ctx, v); err != nil {
		return c, err
	}
	ts, err := s.allTeams(ctx, v.actor)
	if err != nil {
		return c, err
	}
	c.Teams = teamOptions(ts)
	if staff {
		if c.Staff, err = s.teamStaffOptions(ctx, v.actor, ts); err != nil {
			return c, err
		}
	}
	c.Types = enumOptions(v, "case.type", cases.Types, false)
	c.Priorities = enumOptions(v, "case.priority", cases.Priorities, false)
	c.Statuses = enumOptions(v, "case.status", cases.Statuses, false)
	c.Channels = enumOptions(v, "case.channel", cases.Channels, false)
	return c, nil
}

// sortOptions are the orders a case list can take.
func sortOptions(v *visit) []option {
	var out []option
	for _, s := range store.CaseSorts {
		out = append(out, option{Value: string(s), Label: v.T("queue.sort." + string(s))})
	}
	return out
}

// ageDays are the choices of the age filter: received more than so many
// days ago.
var ageDays = []int{1, 2, 5, 10, 30, 90}

func ageOptions(v *visit) []option {
	out := []option{{Value: "", Label: v.T("form.all")}}
	for _, d := range ageDays {
		out = append(out, option{Value: strconv.Itoa(d), Label: v.T("queue.older_than", d)})
	}
	return out
}
