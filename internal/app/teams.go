package app

import (
	"context"
	"errors"
	"slices"

	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// TeamDetail is a team with its staff and the units it serves.
type TeamDetail struct {
	org.Team
	Staff   []org.Person
	UnitIDs []int64
}

// ListTeams lists the centre's teams (centre staff only).
func (a *App) ListTeams(ctx context.Context, by Actor, pr PageRequest) (Page[org.Team], error) {
	if err := by.require(ViewCentre); err != nil {
		return Page[org.Team]{}, err
	}
	p, err := pr.storePage()
	if err != nil {
		return Page[org.Team]{}, err
	}
	ts, err := a.db.Read().ListTeams(ctx, p)
	return pageOf(ts, p, func(t org.Team) int64 { return t.ID }), err
}

// Team reads a team with its staff and units.
func (a *App) Team(ctx context.Context, by Actor, id int64) (TeamDetail, error) {
	if err := by.require(ViewCentre); err != nil {
		return TeamDetail{}, err
	}
	q := a.db.Read()
	t, err := q.GetTeam(ctx, id)
	if err != nil {
		return TeamDetail{}, notFound(err, "team")
	}
	d := TeamDetail{Team: t}
	if d.Staff, err = q.ListPeople(ctx, store.PersonFilter{TeamID: id}); err != nil {
		return d, err
	}
	d.UnitIDs, err = q.TeamUnitIDs(ctx, id)
	return d, err
}

// CreateTeam adds a centre team.
func (a *App) CreateTeam(ctx context.Context, by Actor, t org.Team) (org.Team, error) {
	if err := by.require(ManageTeams); err != nil {
		return t, err
	}
	t, err := t.Normalise()
	if err != nil {
		return t, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if t, err = q.CreateTeam(ctx, t, a.now()); err != nil {
			return duplicateField(err, "name", "team_taken", "there is already a team with this name")
		}
		return a.audit(ctx, q, by, 0, "team", t.ID, "create", nil, t)
	})
	return t, err
}

// UpdateTeam renames a team or changes its description.
func (a *App) UpdateTeam(ctx context.Context, by Actor, t org.Team) (org.Team, error) {
	if err := by.require(ManageTeams); err != nil {
		return t, err
	}
	t, err := t.Normalise()
	if err != nil {
		return t, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetTeam(ctx, t.ID)
		if err != nil {
			return notFound(err, "team")
		}
		t.CreatedAt = before.CreatedAt
		if err := q.UpdateTeam(ctx, t); err != nil {
			return duplicateField(err, "name", "team_taken", "there is already a team with this name")
		}
		return a.audit(ctx, q, by, 0, "team", t.ID, "update", before, t)
	})
	return t, err
}

// SetTeamMember adds (in=true) or removes a centre person from a team.
// Team leads may change only teams they belong to.
func (a *App) SetTeamMember(ctx context.Context, by Actor, teamID, personID int64, in bool) error {
	defer tokenCacheOf(a.db).forget() // whoever holds a token of theirs is someone else now
	if err := by.require(ManageTeamMembers); err != nil {
		return err
	}
	if !by.IsAdmin() && !slices.Contains(by.TeamIDs, teamID) {
		return fault.Forbiddenf("team leads change only their own teams")
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.GetTeam(ctx, teamID); err != nil {
			return notFound(err, "team")
		}
		p, err := q.GetPerson(ctx, personID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !p.IsCentre()) {
			return fault.Field("person_id", "person_not_staff", "only centre staff can be in a team")
		}
		if err != nil {
			return err
		}
		action := "add_member"
		if in {
			err = q.AddTeamMember(ctx, teamID, personID)
		} else {
			action, err = "remove_member", q.RemoveTeamMember(ctx, teamID, personID)
		}
		if err != nil {
			return err
		}
		return a.audit(ctx, q, by, 0, "team", teamID, action, nil, map[string]any{"person_id": personID, "name": p.Name})
	})
}

// SetTeamUnits sets the member units a team serves.
func (a *App) SetTeamUnits(ctx context.Context, by Actor, teamID int64, unitIDs []int64) error {
	if err := by.require(ManageTeams); err != nil {
		return err
	}
	unitIDs = slices.Compact(slices.Sorted(slices.Values(unitIDs)))
	return a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.TeamUnitIDs(ctx, teamID)
		if err != nil {
			return err
		}
		if _, err := q.GetTeam(ctx, teamID); err != nil {
			return notFound(err, "team")
		}
		for _, u := range unitIDs {
			if _, err := q.GetUnit(ctx, u); err != nil {
				return fault.Field("unit_ids", "unit_unknown", "one of the units does not exist")
			}
		}
		if err := q.SetTeamUnits(ctx, teamID, unitIDs); err != nil {
			return err
		}
		return a.audit(ctx, q, by, 0, "team", teamID, "set_units", before, unitIDs)
	})
}
