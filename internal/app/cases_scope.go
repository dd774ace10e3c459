package app

import (
	"context"
	"slices"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// caseScope decides which cases the actor sees.
//
// Centre staff see every case; a confidential case only its team's
// members, its assignee, team leads and admins. On the member side people
// see the cases they are the requester of (and, as a substitute, their
// principal's); managers and assistants also the non-confidential cases of
// their unit and everything below it (the grant's unit, else their own);
// contact persons every non-confidential case of their member.
func (a *App) caseScope(ctx context.Context, by Actor) (store.CaseScope, error) {
	if err := caseActor(by); err != nil {
		return store.CaseScope{}, err
	}
	if by.IsCentre() {
		return store.CaseScope{Centre: true, AllConfidential: by.IsAdmin() || by.Has(org.TeamLead),
			ConfidentialTeams: by.TeamIDs, Person: by.PersonID}, nil
	}
	s := store.CaseScope{MemberID: by.MemberID, Own: []int64{by.PersonID}}
	if by.Acting() {
		s.Own = append(s.Own, by.ActingFor)
	}
	var roots []int64
	for _, g := range by.Grants {
		switch g.Role {
		case org.Contact:
			s.WholeMember = true
		case org.Manager, org.Assistant:
			u := g.UnitID
			if u == 0 {
				u = by.UnitID
			}
			if u != 0 && !slices.Contains(roots, u) {
				roots = append(roots, u)
			}
		}
	}
	if !s.WholeMember && len(roots) > 0 {
		units, err := a.db.Read().Subunits(ctx, roots)
		if err != nil {
			return s, err
		}
		s.Units = units
	}
	return s, nil
}

// sees reports whether a reader with scope s sees case c; it agrees with
// the store's filter of the same scope.
func sees(s store.CaseScope, c cases.Case) bool {
	if s.Centre {
		return !c.Confidential || s.AllConfidential || (s.Person != 0 && c.AssigneeID == s.Person) ||
			(c.TeamID != 0 && slices.Contains(s.ConfidentialTeams, c.TeamID))
	}
	if s.MemberID == 0 || c.MemberID != s.MemberID {
		return false
	}
	if slices.Contains(s.Own, c.RequesterID) {
		return true
	}
	if c.Confidential {
		return false
	}
	return s.WholeMember || (c.UnitID != 0 && slices.Contains(s.Units, c.UnitID))
}

// lockVisible reads a case for a change, as not found when the scope
// does not see it.
func lockVisible(ctx context.Context, q *store.Queries, s store.CaseScope, id int64) (cases.Case, error) {
	c, err := q.LockCase(ctx, id)
	if err != nil {
		return c, notFound(err, "case")
	}
	if !sees(s, c) {
		return c, fault.NotFoundf("case not found")
	}
	return c, nil
}

// workScope is the scope of centre staff who change cases; member-side
// users may not.
func (a *App) workScope(ctx context.Context, by Actor) (store.CaseScope, error) {
	if err := by.require(WorkCases); err != nil {
		return store.CaseScope{}, err
	}
	return a.caseScope(ctx, by)
}

// touch records that a case changed.
func (a *App) touch(ctx context.Context, q *store.Queries, c cases.Case, now time.Time) error {
	c.UpdatedAt = now
	if err := q.UpdateCase(ctx, c); err != nil {
		return err
	}
	// Every change of a case may move its service-level clocks.
	return a.refreshCaseSLA(ctx, q, c.ID)
}
