package app

import (
	"context"
	"errors"

	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// UnitQuery filters the unit list.
type UnitQuery struct {
	MemberID int64
	PageRequest
}

// ListUnits lists units; member-side users get only their own member's.
func (a *App) ListUnits(ctx context.Context, by Actor, uq UnitQuery) (Page[org.Unit], error) {
	if err := by.require(ViewDirectory); err != nil {
		return Page[org.Unit]{}, err
	}
	p, err := uq.storePage()
	if err != nil {
		return Page[org.Unit]{}, err
	}
	f := store.UnitFilter{MemberID: uq.MemberID, Page: p}
	if !by.IsCentre() {
		if uq.MemberID != 0 && uq.MemberID != by.MemberID {
			return Page[org.Unit]{}, nil
		}
		f.MemberID = by.MemberID
	}
	us, err := a.db.Read().ListUnits(ctx, f)
	return pageOf(us, p, func(u org.Unit) int64 { return u.ID }), err
}

// Unit reads one unit.
func (a *App) Unit(ctx context.Context, by Actor, id int64) (org.Unit, error) {
	if err := by.require(ViewDirectory); err != nil {
		return org.Unit{}, err
	}
	u, err := a.db.Read().GetUnit(ctx, id)
	if err != nil || !by.seesMember(u.MemberID) {
		return org.Unit{}, notFound(orNotFound(err), "unit")
	}
	return u, nil
}

// CreateUnit adds a unit to a member's tree.
func (a *App) CreateUnit(ctx context.Context, by Actor, u org.Unit) (org.Unit, error) {
	if err := by.require(ManageOrganisation); err != nil {
		return u, err
	}
	u.ID = 0
	u, err := u.Normalise()
	if err != nil {
		return u, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := checkUnitPlace(ctx, q, u); err != nil {
			return err
		}
		if u, err = q.CreateUnit(ctx, u, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, u.MemberID, "unit", u.ID, "create", nil, u)
	})
	return u, err
}

// UpdateUnit renames or moves a unit within its member.
func (a *App) UpdateUnit(ctx context.Context, by Actor, u org.Unit) (org.Unit, error) {
	if err := by.require(ManageOrganisation); err != nil {
		return u, err
	}
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetUnit(ctx, u.ID)
		if err != nil {
			return notFound(err, "unit")
		}
		u.MemberID, u.CreatedAt = before.MemberID, before.CreatedAt
		if u, err = u.Normalise(); err != nil {
			return err
		}
		if err := checkUnitPlace(ctx, q, u); err != nil {
			return err
		}
		if u, err = q.UpdateUnit(ctx, u, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, u.MemberID, "unit", u.ID, "update", before, u)
	})
	return u, err
}

// checkUnitPlace checks the member exists and the parent is a unit of the
// same member that does not make a loop.
func checkUnitPlace(ctx context.Context, q *store.Queries, u org.Unit) error {
	if _, err := q.GetMember(ctx, u.MemberID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fault.Field("member_id", "member_unknown", "there is no member with this id")
		}
		return err
	}
	if u.ParentID == 0 {
		return nil
	}
	parent, err := q.GetUnit(ctx, u.ParentID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && parent.MemberID != u.MemberID) {
		return fault.Field("parent_id", "parent_unknown", "the parent must be a unit of the same member")
	}
	if err != nil {
		return err
	}
	if u.ID == 0 {
		return nil
	}
	parents, err := q.UnitParents(ctx, u.MemberID)
	if err != nil {
		return err
	}
	if org.CreatesCycle(u.ID, u.ParentID, parents) {
		return fault.Field("parent_id", "unit_cycle", "this parent would make the unit its own ancestor")
	}
	return nil
}

// orNotFound makes a nil error into ErrNotFound: used where a row exists
// but the actor may not know that.
func orNotFound(err error) error {
	if err == nil {
		return store.ErrNotFound
	}
	return err
}
