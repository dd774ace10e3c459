package app

import (
	"context"
	"errors"

	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// MemberQuery filters the member list.
type MemberQuery struct {
	Search string
	Status org.MemberStatus
	Kind   org.MemberKind
	PageRequest
}

// ListMembers lists the members the actor may see: all for centre staff,
// only their own for member-side users.
func (a *App) ListMembers(ctx context.Context, by Actor, mq MemberQuery) (Page[org.Member], error) {
	if err := by.require(ViewDirectory); err != nil {
		return Page[org.Member]{}, err
	}
	p, err := mq.storePage()
	if err != nil {
		return Page[org.Member]{}, err
	}
	f := store.MemberFilter{Search: mq.Search, Status: mq.Status, Kind: mq.Kind, Page: p}
	if !by.IsCentre() {
		f.OnlyID = by.MemberID
	}
	ms, err := a.db.Read().ListMembers(ctx, f)
	return pageOf(ms, p, func(m org.Member) int64 { return m.ID }), err
}

// Member reads one member; another member's is "not found" to member users.
func (a *App) Member(ctx context.Context, by Actor, id int64) (org.Member, error) {
	if err := by.require(ViewDirectory); err != nil {
		return org.Member{}, err
	}
	if !by.seesMember(id) {
		return org.Member{}, fault.NotFoundf("member not found")
	}
	m, err := a.db.Read().GetMember(ctx, id)
	return m, notFound(err, "member")
}

// CreateMember registers a member organisation.
func (a *App) CreateMember(ctx context.Context, by Actor, m org.Member) (org.Member, error) {
	if err := by.require(ManageOrganisation); err != nil {
		return m, err
	}
	m.ID = 0
	m, err := m.Normalise()
	if err != nil {
		return m, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := checkMemberParent(ctx, q, m); err != nil {
			return err
		}
		if m, err = q.CreateMember(ctx, m, a.now()); err != nil {
			return duplicateField(err, "org_number", "org_number_taken", "another member already has this organisation number")
		}
		return a.audit(ctx, q, by, m.ID, "member", m.ID, "create", nil, m)
	})
	return m, err
}

// UpdateMember changes a member.
func (a *App) UpdateMember(ctx context.Context, by Actor, m org.Member) (org.Member, error) {
	if err := by.require(ManageOrganisation); err != nil {
		return m, err
	}
	m, err := m.Normalise()
	if err != nil {
		return m, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetMember(ctx, m.ID)
		if err != nil {
			return notFound(err, "member")
		}
		m.CreatedAt = before.CreatedAt
		if err := checkMemberParent(ctx, q, m); err != nil {
			return err
		}
		if m, err = q.UpdateMember(ctx, m, a.now()); err != nil {
			return duplicateField(err, "org_number", "org_number_taken", "another member already has this organisation number")
		}
		return a.audit(ctx, q, by, m.ID, "member", m.ID, "update", before, m)
	})
	return m, err
}

// checkMemberParent makes sure the parent exists and no loop is made.
func checkMemberParent(ctx context.Context, q *store.Queries, m org.Member) error {
	if m.ParentID == 0 {
		return nil
	}
	if _, err := q.GetMember(ctx, m.ParentID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fault.Field("parent_id", "parent_unknown", "there is no member with this id")
		}
		return err
	}
	if m.ID == 0 {
		return nil
	}
	parents, err := q.MemberParents(ctx)
	if err != nil {
		return err
	}
	if org.CreatesCycle(m.ID, m.ParentID, parents) {
		return fault.Field("parent_id", "parent_cycle", "this parent would make the member its own ancestor")
	}
	return nil
}

// duplicateField turns a unique-constraint error into a field error.
func duplicateField(err error, field, code, detail string) error {
	if errors.Is(err, store.ErrDuplicate) {
		return fault.Field(field, code, detail)
	}
	return err
}
