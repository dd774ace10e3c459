package app

import (
	"context"
	"errors"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// Use cases the JSON API needs beyond those of the console: a change of
// several kinds at once (PATCH), the attachment limit a client must keep,
// and the order of refusals that keeps other members' cases hidden.

// CasePatch changes a case in one step (centre staff): its description and
// classification (as UpdateCase), its team and assignee (as AssignCase)
// and its status (as ChangeCaseStatus). nil leaves a field as it is.
type CasePatch struct {
	CaseChanges
	Status *cases.Status
	// TeamID moves the case to another team; without AssigneeID it is
	// then unassigned there.
	TeamID *int64
	// AssigneeID assigns a person of the (new) team; 0 unassigns.
	AssigneeID *int64
}

// PatchCase applies p in one transaction with one timeline event and one
// audit entry per kind of change: either all of it is saved or nothing.
// A case the actor does not see is not found, also to member-side users,
// who may not change cases at all.
func (a *App) PatchCase(ctx context.Context, by Actor, id int64, p CasePatch) (cases.Case, error) {
	if err := a.CheckCaseWork(ctx, by, id); err != nil {
		return cases.Case{}, err
	}
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
		var fs fault.Fields
		if err := applyChanges(ctx, q, &c, p.CaseChanges); err != nil {
			if fs = fieldsOf(err); len(fs) == 0 {
				return err
			}
		}
		if err := checkPatchPlace(ctx, q, &c, p, &fs); err != nil {
			return err
		}
		if p.Status != nil && !p.Status.Valid() {
			fs.Add("status", "status", "status must be one of new, open, waiting_member, waiting_third_party, resolved, closed")
		}
		if err := fs.Err(); err != nil {
			return err
		}
		moves := (p.Status != nil && *p.Status != before.Status) || c.TeamID != before.TeamID || c.AssigneeID != before.AssigneeID
		if moves && before.MergedInto != 0 {
			return fault.Conflictf("this case was merged into another and is closed")
		}
		if p.Status != nil && *p.Status != before.Status {
			if err := cases.CheckMove(before.Status, *p.Status); err != nil {
				return err
			}
		}
		changed, err := a.recordUpdate(ctx, q, by, before, c, now)
		if err != nil {
			return err
		}
		if c.TeamID != before.TeamID || c.AssigneeID != before.AssigneeID {
			changed = true
			if err := a.recordAssignment(ctx, q, by, before, c, cases.AssignEvent, "", now); err != nil {
				return err
			}
			if err := a.audit(ctx, q, by, c.MemberID, "case", c.ID, "assign", assignmentOf(before), assignmentOf(c)); err != nil {
				return err
			}
		}
		to := c.Status
		if p.Status != nil {
			to = *p.Status
		} else if c.AssigneeID != 0 && c.AssigneeID != before.AssigneeID && c.Status == cases.New {
			to = cases.Open // assigning a new case opens it
		}
		if to != c.Status {
			changed = true
			if _, err := a.moveStatus(ctx, q, by, &c, to, now, quiet); err != nil {
				return err
			}
			if err := a.audit(ctx, q, by, c.MemberID, "case", c.ID, "status", map[string]any{"status": before.Status},
				map[string]any{"status": to}); err != nil {
				return err
			}
		}
		if !changed {
			return nil
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		if before.Subject != c.Subject {
			return q.ReindexCase(ctx, c.ID)
		}
		return nil
	})
	return c, err
}

// checkPatchPlace checks and applies a new team and assignee.
func checkPatchPlace(ctx context.Context, q *store.Queries, c *cases.Case, p CasePatch, fs *fault.Fields) error {
	if p.TeamID != nil && *p.TeamID != c.TeamID {
		if *p.TeamID == 0 {
			fs.Add("team_id", "required", "a case always has a team")
			return nil
		}
		if _, err := q.GetTeam(ctx, *p.TeamID); errors.Is(err, store.ErrNotFound) {
			fs.Add("team_id", "team_unknown", "there is no team with this id")
			return nil
		} else if err != nil {
			return err
		}
		// Another team: the case is unassigned there unless an assignee
		// comes with it.
		c.TeamID, c.AssigneeID = *p.TeamID, 0
	}
	if p.AssigneeID != nil {
		if *p.AssigneeID != 0 && *p.AssigneeID != c.AssigneeID {
			if err := checkAssignee(ctx, q, c.TeamID, *p.AssigneeID, fs); err != nil {
				return err
			}
		}
		c.AssigneeID = *p.AssigneeID
	}
	return nil
}

// recordUpdate writes the timeline events and the audit entry of changed
// fields (as UpdateCase does); it reports whether anything changed.
func (a *App) recordUpdate(ctx context.Context, q *store.Queries, by Actor, before, after cases.Case, now time.Time) (bool, error) {
	external, internal, err := describeChanges(ctx, q, before, after)
	if err != nil || len(external)+len(internal) == 0 {
		return false, err
	}
	au := authorOf(by)
	for _, e := range []struct {
		vis     cases.Visibility
		changes []cases.Change
	}{{cases.External, external}, {cases.InternalOnly, internal}} {
		if len(e.changes) == 0 {
			continue
		}
		if _, err := q.AddCaseEvent(ctx, cases.Event{CaseID: after.ID, Kind: cases.UpdateEvent, Visibility: e.vis,
			AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf, Changes: e.changes, CreatedAt: now}); err != nil {
			return false, err
		}
	}
	b, c := before, after
	b.TeamID, b.AssigneeID, b.Status = c.TeamID, c.AssigneeID, c.Status // audited on their own
	return true, a.audit(ctx, q, by, after.MemberID, "case", after.ID, "update", b, c)
}

// CheckCaseWork tells a member-side user asking to work on a case (change,
// hand over, link, merge) that the case is not found when they do not see
// it, and that they may not when they do: so a refusal never tells them
// that another member's case exists. For centre staff it checks nothing;
// the use case itself does.
func (a *App) CheckCaseWork(ctx context.Context, by Actor, id int64) error {
	if err := caseActor(by); err != nil || by.IsCentre() {
		return err
	}
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return err
	}
	c, err := a.db.Read().GetCase(ctx, id)
	if err != nil || !sees(scope, c) {
		return notFound(orNotFound(err), "case")
	}
	return fault.Forbiddenf("only centre staff work on cases")
}

// AttachmentLimit is the size limit of one attachment, for clients that
// must stop reading an upload in time. Anyone who may file a case may ask.
func (a *App) AttachmentLimit(ctx context.Context, by Actor) (int64, error) {
	if err := caseActor(by); err != nil {
		return 0, err
	}
	cfg, err := a.caseConfig(ctx, a.db.Read())
	return cfg.maxAttachment, err
}
