package app

import (
	"context"
	"errors"
	"strings"

	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// registerPendingSender creates a person pending verification for an
// unknown e-mail sender, in the member whose people use the sender's
// address domain. ok is false when no single member uses that domain (the
// message is then left for manual handling).
func (a *App) registerPendingSender(ctx context.Context, email, name string) (store.PersonRef, bool, error) {
	email, valid := org.NormaliseEmail(strings.ToLower(email))
	if !valid {
		return store.PersonRef{}, false, nil
	}
	var ref store.PersonRef
	ok := false
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		if p, err := q.PersonRefByEmail(ctx, email); err == nil {
			ref, ok = p, p.Active && p.MemberID != 0 // another run created them first
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		member, err := q.MemberOfEmailDomain(ctx, email[strings.LastIndexByte(email, '@')+1:])
		if err != nil || member == 0 {
			return err
		}
		if name = strings.TrimSpace(name); name == "" {
			name = email
		}
		p, err := q.CreatePerson(ctx, org.Person{Name: name, Email: email, MemberID: member, Active: true, Pending: true,
			Grants: []org.Grant{{Role: org.Employee}}}, a.now())
		if err != nil {
			return err
		}
		ref, ok = store.PersonRef{ID: p.ID, Name: p.Name, Email: p.Email, MemberID: member, Active: true}, true
		return a.audit(ctx, q, SystemActor("e-mail"), member, "person", p.ID, "create_pending", nil, p)
	})
	return ref, ok, err
}

// VerifyPerson confirms who a person pending verification is (centre staff
// who handle cases may do it); they may then be given roles as usual.
func (a *App) VerifyPerson(ctx context.Context, by Actor, id int64) (org.Person, error) {
	if err := by.require(ViewCentre); err != nil {
		return org.Person{}, err
	}
	var p org.Person
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetPerson(ctx, id)
		if err != nil {
			return notFound(err, "person")
		}
		if !before.Pending {
			return fault.Conflictf("%s is already verified", before.Name)
		}
		p = before
		p.Pending = false
		if p, err = q.UpdatePerson(ctx, p, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, p.MemberID, "person", p.ID, "verify", before, p)
	})
	return p, err
}
