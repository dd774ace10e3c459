package app

import (
	"context"
	"errors"

	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// ListSubstitutes lists substitutions the actor may see: admins all (or one
// person's), others those they are part of. Member-side users never see
// another member's.
func (a *App) ListSubstitutes(ctx context.Context, by Actor, personID int64, pr PageRequest) (Page[org.Substitute], error) {
	if err := by.require(ViewDirectory); err != nil {
		return Page[org.Substitute]{}, err
	}
	p, err := pr.storePage()
	if err != nil {
		return Page[org.Substitute]{}, err
	}
	f := store.SubstituteFilter{PersonID: personID, Page: p}
	switch {
	case by.Can(ManageSubstitutes):
	case by.IsCentre():
		f.PersonID = by.PersonID
	default:
		f.MemberID = by.MemberID
		if personID == 0 {
			f.PersonID = by.PersonID
		}
	}
	ss, err := a.db.Read().ListSubstitutes(ctx, f)
	return pageOf(ss, p, func(s org.Substitute) int64 { return s.ID }), err
}

// Substitute reads one substitution the actor may see, by the rule of
// ListSubstitutes: admins any; other centre staff those they are part of;
// member-side users those of their own member. Any other is not found.
func (a *App) Substitute(ctx context.Context, by Actor, id int64) (org.Substitute, error) {
	if err := by.require(ViewDirectory); err != nil {
		return org.Substitute{}, err
	}
	s, err := a.db.Read().GetSubstitute(ctx, id)
	if err != nil {
		return org.Substitute{}, notFound(err, "substitute")
	}
	switch {
	case by.Can(ManageSubstitutes):
		return s, nil
	case by.IsCentre():
		if s.PersonID == by.PersonID || s.ForPersonID == by.PersonID {
			return s, nil
		}
	default:
		principal, err := a.db.Read().GetPerson(ctx, s.ForPersonID)
		if err != nil {
			return org.Substitute{}, notFound(err, "substitute")
		}
		if principal.MemberID != 0 && principal.MemberID == by.MemberID {
			return s, nil
		}
	}
	return org.Substitute{}, fault.NotFoundf("substitute not found")
}

// AppointSubstitute lets s.PersonID act for s.ForPersonID in a period.
// Admins appoint for anyone; everyone else only for themselves. Both people
// must belong to the same organisation (the centre or one member).
func (a *App) AppointSubstitute(ctx context.Context, by Actor, s org.Substitute) (org.Substitute, error) {
	if err := by.require(ViewDirectory); err != nil {
		return s, err
	}
	if !by.Can(ManageSubstitutes) && s.ForPersonID != by.PersonID {
		return s, fault.Forbiddenf("you may appoint a substitute only for yourself")
	}
	s, err := s.Normalise()
	if err != nil {
		return s, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		principal, err := q.GetPerson(ctx, s.ForPersonID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !by.seesMember(principal.MemberID) && !principal.IsCentre()) {
			return fault.Field("for_person_id", "person_unknown", "there is no such person")
		}
		if err != nil {
			return err
		}
		sub, err := q.GetPerson(ctx, s.PersonID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && sub.MemberID != principal.MemberID) {
			return fault.Field("person_id", "substitute_other_org", "the substitute must belong to the same organisation")
		}
		if err != nil {
			return err
		}
		if s.Scope != "" && !hasRole(principal, s.Scope) {
			return fault.Field("scope", "scope_not_held", "the person does not hold this role")
		}
		if s, err = q.CreateSubstitute(ctx, s, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, principal.MemberID, "substitute", s.ID, "create", nil, s)
	})
	return s, err
}

// EndSubstitute removes a substitution (admins, or the principal).
func (a *App) EndSubstitute(ctx context.Context, by Actor, id int64) error {
	return a.db.InTx(ctx, func(q *store.Queries) error {
		s, err := q.GetSubstitute(ctx, id)
		if err != nil {
			return notFound(err, "substitute")
		}
		if !by.Can(ManageSubstitutes) && s.ForPersonID != by.PersonID {
			return fault.NotFoundf("substitute not found")
		}
		principal, err := q.GetPerson(ctx, s.ForPersonID)
		if err != nil {
			return err
		}
		if err := q.DeleteSubstitute(ctx, id); err != nil {
			return err
		}
		return a.audit(ctx, q, by, principal.MemberID, "substitute", id, "delete", s, nil)
	})
}

// Principals lists the people the actor may act for today.
func (a *App) Principals(ctx context.Context, by Actor) ([]org.Person, error) {
	if by.PersonID == 0 {
		return nil, nil
	}
	ss, err := a.db.Read().ListSubstitutes(ctx, store.SubstituteFilter{PersonID: by.PersonID})
	if err != nil {
		return nil, err
	}
	var out []org.Person
	for _, s := range ss {
		if s.PersonID != by.PersonID || !s.ActiveOn(a.localNow(ctx)) {
			continue
		}
		p, err := a.db.Read().GetPerson(ctx, s.ForPersonID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func hasRole(p org.Person, r org.Role) bool {
	for _, g := range p.Grants {
		if g.Role == r {
			return true
		}
	}
	return false
}
