package app

import (
	"context"
	"errors"

	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// PersonQuery filters the people list.
type PersonQuery struct {
	MemberID   int64
	CentreOnly bool
	TeamID     int64
	Role       org.Role
	Search     string
	Pending    bool // only people waiting for verification
	PageRequest
}

// ListPeople lists people: centre staff see everyone, member-side users only
// people of their own member.
func (a *App) ListPeople(ctx context.Context, by Actor, pq PersonQuery) (Page[org.Person], error) {
	if err := by.require(ViewDirectory); err != nil {
		return Page[org.Person]{}, err
	}
	p, err := pq.storePage()
	if err != nil {
		return Page[org.Person]{}, err
	}
	f := store.PersonFilter{MemberID: pq.MemberID, CentreOnly: pq.CentreOnly, TeamID: pq.TeamID, Role: pq.Role, Search: pq.Search,
		Pending: pq.Pending, Page: p}
	if !by.IsCentre() {
		if (pq.MemberID != 0 && pq.MemberID != by.MemberID) || pq.CentreOnly || pq.TeamID != 0 {
			return Page[org.Person]{}, nil
		}
		f.MemberID = by.MemberID
	}
	ps, err := a.db.Read().ListPeople(ctx, f)
	return pageOf(ps, p, func(p org.Person) int64 { return p.ID }), err
}

// Person reads one person the actor may see.
func (a *App) Person(ctx context.Context, by Actor, id int64) (org.Person, error) {
	if err := by.require(ViewDirectory); err != nil {
		return org.Person{}, err
	}
	p, err := a.db.Read().GetPerson(ctx, id)
	if err != nil || !(by.IsCentre() || (p.MemberID != 0 && p.MemberID == by.MemberID)) {
		return org.Person{}, notFound(orNotFound(err), "person")
	}
	return p, nil
}

// CreatePerson adds a person with roles. A password, if any, is set apart.
func (a *App) CreatePerson(ctx context.Context, by Actor, p org.Person) (org.Person, error) {
	if err := by.require(ManageOrganisation); err != nil {
		return p, err
	}
	p.ID, p.Active = 0, true
	p, err := p.Normalise()
	if err != nil {
		return p, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := checkPersonPlace(ctx, q, p); err != nil {
			return err
		}
		if p, err = q.CreatePerson(ctx, p, a.now()); err != nil {
			return duplicateField(err, "email", "email_taken", "another person already has this e-mail address")
		}
		return a.audit(ctx, q, by, p.MemberID, "person", p.ID, "create", nil, p)
	})
	return p, err
}

// UpdatePerson changes a person's details and roles.
func (a *App) UpdatePerson(ctx context.Context, by Actor, p org.Person) (org.Person, error) {
	defer tokenCacheOf(a.db).forget() // whoever holds a token of theirs is someone else now
	if err := by.require(ManageOrganisation); err != nil {
		return p, err
	}
	p, err := p.Normalise()
	if err != nil {
		return p, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetPerson(ctx, p.ID)
		if err != nil {
			return notFound(err, "person")
		}
		p.CreatedAt = before.CreatedAt
		if err := checkPersonPlace(ctx, q, p); err != nil {
			return err
		}
		if p, err = q.UpdatePerson(ctx, p, a.now()); err != nil {
			return duplicateField(err, "email", "email_taken", "another person already has this e-mail address")
		}
		if err := q.SetGrants(ctx, p.ID, p.Grants); err != nil {
			return err
		}
		if !p.Active {
			if err := q.DeleteSessionsOf(ctx, p.ID, ""); err != nil {
				return err
			}
		}
		return a.audit(ctx, q, by, p.MemberID, "person", p.ID, "update", before, p)
	})
	return p, err
}

// checkPersonPlace checks the member, the unit and unit-scoped grants.
func checkPersonPlace(ctx context.Context, q *store.Queries, p org.Person) error {
	var fs fault.Fields
	if p.MemberID != 0 {
		if _, err := q.GetMember(ctx, p.MemberID); errors.Is(err, store.ErrNotFound) {
			fs.Add("member_id", "member_unknown", "there is no member with this id")
		} else if err != nil {
			return err
		}
	}
	unitOK := func(id int64) (bool, error) {
		u, err := q.GetUnit(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return false, nil
		}
		return err == nil && u.MemberID == p.MemberID, err
	}
	if p.UnitID != 0 && !fs.Has("member_id") {
		ok, err := unitOK(p.UnitID)
		if err != nil {
			return err
		}
		if !ok {
			fs.Add("unit_id", "unit_unknown", "the unit must belong to the person's member")
		}
	}
	for _, g := range p.Grants {
		if g.UnitID == 0 {
			continue
		}
		ok, err := unitOK(g.UnitID)
		if err != nil {
			return err
		}
		if !ok {
			fs.Add("roles", "unit_unknown", "a role's unit must belong to the person's member")
			break
		}
	}
	return fs.Err()
}
