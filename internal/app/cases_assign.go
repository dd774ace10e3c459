package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// Assignment is who handles a case.
type Assignment struct {
	// TeamID moves the case to another team; 0 keeps its team.
	TeamID int64
	// AssigneeID assigns a member of the (new) team; 0 leaves the case
	// unassigned.
	AssigneeID int64
}

// AssignCase gives a case to a team and person, or takes it from them
// (centre staff). Assigning a new case opens it. Moving it to another team
// without naming an assignee leaves it unassigned there.
func (a *App) AssignCase(ctx context.Context, by Actor, id int64, to Assignment) (cases.Case, error) {
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return cases.Case{}, err
	}
	now, quiet := a.caseNow(ctx)
	var c cases.Case
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if c, err = lockVisible(ctx, q, scope, id); err != nil {
			return err
		}
		before := c
		team := c.TeamID
		if to.TeamID != 0 {
			team = to.TeamID
		}
		var fs fault.Fields
		if to.TeamID != 0 && to.TeamID != c.TeamID {
			if _, err := q.GetTeam(ctx, to.TeamID); errors.Is(err, store.ErrNotFound) {
				fs.Add("team_id", "team_unknown", "there is no team with this id")
			} else if err != nil {
				return err
			}
		}
		if to.AssigneeID != 0 && !fs.Has("team_id") {
			if err := checkAssignee(ctx, q, team, to.AssigneeID, &fs); err != nil {
				return err
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if team == c.TeamID && to.AssigneeID == c.AssigneeID {
			return nil
		}
		c.TeamID, c.AssigneeID = team, to.AssigneeID
		if err := a.recordAssignment(ctx, q, by, before, c, cases.AssignEvent, "", now); err != nil {
			return err
		}
		if c.AssigneeID != 0 && c.Status == cases.New {
			if _, err := a.moveStatus(ctx, q, by, &c, cases.Open, now, quiet); err != nil {
				return err
			}
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		return a.audit(ctx, q, by, c.MemberID, "case", c.ID, "assign", assignmentOf(before), assignmentOf(c))
	})
	return c, err
}

func assignmentOf(c cases.Case) map[string]any {
	return map[string]any{"team_id": c.TeamID, "assignee_id": c.AssigneeID, "line": c.Line, "status": c.Status}
}

// recordAssignment writes the timeline event of a change of team,
// assignee or line. Names are recorded as they are now.
func (a *App) recordAssignment(ctx context.Context, q *store.Queries, by Actor, before, after cases.Case, kind cases.EventKind, reason string, now time.Time) error {
	var changes []cases.Change
	if before.TeamID != after.TeamID {
		from, to, err := teamNames(ctx, q, before.TeamID, after.TeamID)
		if err != nil {
			return err
		}
		changes = append(changes, cases.Change{Field: "team", From: from, To: to},
			cases.Change{Field: "team_id", From: idText(before.TeamID), To: idText(after.TeamID)})
	}
	if before.AssigneeID != after.AssigneeID {
		from, to, err := personNames(ctx, q, before.AssigneeID, after.AssigneeID)
		if err != nil {
			return err
		}
		changes = append(changes, cases.Change{Field: "assignee", From: from, To: to},
			cases.Change{Field: "assignee_id", From: idText(before.AssigneeID), To: idText(after.AssigneeID)})
	}
	if before.Line != after.Line {
		changes = append(changes, cases.Change{Field: "line", From: string(before.Line), To: string(after.Line)})
	}
	vis := cases.External
	if kind == cases.HandOverEvent {
		// The reason is the centre's own business.
		vis = cases.InternalOnly
	}
	au := authorOf(by)
	_, err := q.AddCaseEvent(ctx, cases.Event{CaseID: after.ID, Kind: kind, Visibility: vis, AuthorID: au.id, AuthorName: au.name,
		OnBehalfOf: au.onBehalfOf, Body: reason, Changes: changes, CreatedAt: now})
	return err
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func teamNames(ctx context.Context, q *store.Queries, ids ...int64) (string, string, error) {
	var names [2]string
	for i, id := range ids[:2] {
		if id == 0 {
			continue
		}
		t, err := q.GetTeam(ctx, id)
		if err != nil {
			return "", "", err
		}
		names[i] = t.Name
	}
	return names[0], names[1], nil
}

func personNames(ctx context.Context, q *store.Queries, ids ...int64) (string, string, error) {
	var names [2]string
	for i, id := range ids[:2] {
		if id == 0 {
			continue
		}
		p, err := q.GetPersonRef(ctx, id)
		if err != nil {
			return "", "", err
		}
		names[i] = p.Name
	}
	return names[0], names[1], nil
}

// HandOverInput hands a case to another line or team.
type HandOverInput struct {
	// TeamID is the receiving team; 0 means the team that serves the
	// case's unit (its payroll team).
	TeamID int64
	// Line defaults to second.
	Line   cases.Line
	Reason string // required; only centre staff see it
}

// HandOver passes a case on, typically from first to second line, to the
// team that serves the case's unit or the one chosen, with a reason. The
// case becomes unassigned in its new team.
func (a *App) HandOver(ctx context.Context, by Actor, id int64, h HandOverInput) (cases.Case, error) {
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return cases.Case{}, err
	}
	var fs fault.Fields
	h.Reason = strings.TrimSpace(cases.CleanText(h.Reason))
	if h.Reason == "" {
		fs.Add("reason", "required", "say why the case is handed over")
	}
	if h.Line == "" {
		h.Line = cases.SecondLine
	}
	if !h.Line.Valid() {
		fs.Add("line", "line", "line must be first or second")
	}
	if err := fs.Err(); err != nil {
		return cases.Case{}, err
	}
	now, _ := a.caseNow(ctx)
	var c cases.Case
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if c, err = lockVisible(ctx, q, scope, id); err != nil {
			return err
		}
		if !c.Open() || c.MergedInto != 0 {
			return fault.Conflictf("only an open case can be handed over")
		}
		before := c
		team := h.TeamID
		if team == 0 {
			if team, err = owningTeam(ctx, q, c.UnitID); err != nil {
				return err
			}
			if team == 0 {
				return fault.Field("team_id", "no_owner_team", "no team serves this case's unit; choose the team")
			}
		} else if _, err := q.GetTeam(ctx, team); errors.Is(err, store.ErrNotFound) {
			return fault.Field("team_id", "team_unknown", "there is no team with this id")
		} else if err != nil {
			return err
		}
		if team == c.TeamID && h.Line == c.Line {
			return fault.Conflictf("the case is already with this team on this line")
		}
		c.TeamID, c.Line, c.AssigneeID = team, h.Line, 0
		if err := a.recordAssignment(ctx, q, by, before, c, cases.HandOverEvent, h.Reason, now); err != nil {
			return err
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		if err := q.ReindexCase(ctx, c.ID); err != nil {
			return err
		}
		after := assignmentOf(c)
		after["reason"] = h.Reason
		return a.audit(ctx, q, by, c.MemberID, "case", c.ID, "hand_over", assignmentOf(before), after)
	})
	return c, err
}

// owningTeam is the team that serves a unit: the nearest unit up the tree
// that a team serves (0 if none).
func owningTeam(ctx context.Context, q *store.Queries, unitID int64) (int64, error) {
	if unitID == 0 {
		return 0, nil
	}
	path, _, err := q.UnitPath(ctx, unitID)
	if err != nil {
		return 0, err
	}
	owners, err := q.UnitOwners(ctx, path)
	if err != nil {
		return 0, err
	}
	team, _ := cases.OwnerTeam(path, owners)
	return team, nil
}
