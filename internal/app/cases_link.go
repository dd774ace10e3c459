package app

import (
	"context"
	"slices"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// LinkCases links two related cases (centre staff); linking twice
// changes nothing.
func (a *App) LinkCases(ctx context.Context, by Actor, id, otherID int64) error {
	return a.setLink(ctx, by, id, otherID, true)
}

// UnlinkCases removes the link between two cases (centre staff).
func (a *App) UnlinkCases(ctx context.Context, by Actor, id, otherID int64) error {
	return a.setLink(ctx, by, id, otherID, false)
}

func (a *App) setLink(ctx context.Context, by Actor, id, otherID int64, link bool) error {
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return err
	}
	if id == otherID {
		return fault.Field("other_id", "link_self", "a case cannot be linked to itself")
	}
	now, _ := a.caseNow(ctx)
	return a.db.InTx(ctx, func(q *store.Queries) error {
		ids := []int64{id, otherID}
		slices.Sort(ids) // lock in one order: no deadlock between two linkers
		var cs [2]cases.Case
		for i, cid := range ids {
			c, err := lockVisible(ctx, q, scope, cid)
			if err != nil {
				if cid == otherID {
					return fault.Field("other_id", "case_unknown", "there is no such case")
				}
				return err
			}
			cs[i] = c
		}
		if cs[0].ID != id {
			cs[0], cs[1] = cs[1], cs[0]
		}
		var changed bool
		if link {
			changed, err = q.LinkCases(ctx, id, otherID, store.LinkRelated, store.LinkRelated, now)
		} else {
			changed, err = q.UnlinkCases(ctx, id, otherID)
		}
		if err != nil || !changed {
			return err
		}
		au := authorOf(by)
		for i, c := range cs {
			ch := cases.Change{Field: "link", To: cs[1-i].Reference}
			if !link {
				ch = cases.Change{Field: "link", From: cs[1-i].Reference}
			}
			if _, err := q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.LinkEvent, Visibility: cases.InternalOnly,
				AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf, Changes: []cases.Change{ch}, CreatedAt: now}); err != nil {
				return err
			}
			if err := a.touch(ctx, q, c, now); err != nil {
				return err
			}
		}
		action := "link"
		if !link {
			action = "unlink"
		}
		return a.audit(ctx, q, by, cs[0].MemberID, "case", id, action, nil, map[string]int64{"other_id": otherID})
	})
}

// MergeCase merges a duplicate into another case of the same member
// (centre staff): the duplicate is closed and points to the other case,
// whose timeline then shows the duplicate's events too; messages to the
// duplicate go on to the other case.
func (a *App) MergeCase(ctx context.Context, by Actor, duplicateID, intoID int64) (cases.Case, error) {
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return cases.Case{}, err
	}
	if duplicateID == intoID {
		return cases.Case{}, fault.Field("into_id", "merge_self", "a case cannot be merged into itself")
	}
	now, quiet := a.caseNow(ctx)
	var dup cases.Case
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		var into cases.Case
		for _, id := range sortedPair(duplicateID, intoID) {
			c, err := lockVisible(ctx, q, scope, id)
			if err != nil && id == intoID {
				return fault.Field("into_id", "case_unknown", "there is no such case")
			}
			if err != nil {
				return err
			}
			if id == duplicateID {
				dup = c
			} else {
				into = c
			}
		}
		switch {
		case dup.MergedInto != 0:
			return fault.Conflictf("this case was already merged into another")
		case into.MergedInto != 0:
			return fault.Field("into_id", "merged_already", "that case was itself merged into another; merge into that one")
		case dup.MemberID != into.MemberID:
			return fault.Field("into_id", "merge_other_member", "only cases of the same member can be merged")
		}
		before := dup
		dup.MergedInto = into.ID
		au := authorOf(by)
		for _, e := range []struct {
			on    int64
			field string
			ref   string
		}{{dup.ID, "merged_into", into.Reference}, {into.ID, "merged_from", dup.Reference}} {
			if _, err := q.AddCaseEvent(ctx, cases.Event{CaseID: e.on, Kind: cases.MergeEvent, Visibility: cases.External,
				AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf, Changes: []cases.Change{{Field: e.field, To: e.ref}},
				CreatedAt: now}); err != nil {
				return err
			}
		}
		if dup.Status != cases.Closed {
			if _, err := a.moveStatus(ctx, q, by, &dup, cases.Closed, now, quiet); err != nil {
				return err
			}
		}
		if err := a.touch(ctx, q, dup, now); err != nil {
			return err
		}
		if err := a.touch(ctx, q, into, now); err != nil {
			return err
		}
		return a.audit(ctx, q, by, dup.MemberID, "case", dup.ID, "merge", map[string]any{"status": before.Status},
			map[string]any{"merged_into": into.ID, "status": dup.Status})
	})
	return dup, err
}

func sortedPair(a, b int64) []int64 {
	if a < b {
		return []int64{a, b}
	}
	return []int64{b, a}
}
