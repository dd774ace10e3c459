package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// JobContactVerification is the periodic job that asks members to confirm
// their contact directory (RequestContactVerification); once a day is
// plenty, as each member is asked at most once a month.
const JobContactVerification = "governance.contact_verification"

// ContactEntry is a directory entry with the people's names and whether
// it is overdue for confirmation.
type ContactEntry struct {
	governance.Contact
	MemberName  string
	Name        string
	Email       string
	Phone       string
	DeputyName  string
	DeputyEmail string
	Stale       bool
}

// ContactQuery filters the directory.
type ContactQuery struct {
	MemberID  int64
	Level     org.Level
	StaleOnly bool
}

// ListContacts lists the contact directory: every member's for centre
// staff, their own member's for member-side users.
func (a *App) ListContacts(ctx context.Context, by Actor, cq ContactQuery) ([]ContactEntry, error) {
	if err := by.require(ViewDirectory); err != nil {
		return nil, err
	}
	if by.IsCentre() {
		if err := by.require(ViewGovernance); err != nil {
			return nil, err
		}
	} else {
		if cq.MemberID != 0 && cq.MemberID != by.MemberID {
			return nil, nil
		}
		cq.MemberID = by.MemberID
	}
	q := a.db.Read()
	cs, err := q.ListContacts(ctx, store.ContactFilter{MemberID: cq.MemberID, Level: cq.Level})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	out := make([]ContactEntry, 0, len(cs))
	for _, c := range cs {
		e := ContactEntry{Contact: c, Stale: c.Stale(a.now())}
		if cq.StaleOnly && !e.Stale {
			continue
		}
		if p, err := q.GetPerson(ctx, c.PersonID); err == nil {
			e.Name, e.Email, e.Phone = p.Name, p.Email, p.Phone
		}
		if c.DeputyID != 0 {
			if p, err := q.GetPerson(ctx, c.DeputyID); err == nil {
				e.DeputyName, e.DeputyEmail = p.Name, p.Email
			}
		}
		if _, ok := names[c.MemberID]; !ok {
			if m, err := q.GetMember(ctx, c.MemberID); err == nil {
				names[c.MemberID] = m.Name
			}
		}
		e.MemberName = names[c.MemberID]
		out = append(out, e)
	}
	return out, nil
}

// Contact reads one directory entry.
func (a *App) Contact(ctx context.Context, by Actor, id int64) (governance.Contact, error) {
	if err := by.require(ViewDirectory); err != nil {
		return governance.Contact{}, err
	}
	c, err := a.db.Read().GetContact(ctx, id)
	if err != nil || !by.seesMember(c.MemberID) || (by.IsCentre() && !by.Can(ViewGovernance)) {
		return governance.Contact{}, notFound(orNotFound(err), "contact")
	}
	return c, nil
}

// contactEditor checks that the actor may keep member's directory: the
// centre's governance managers any member's, a member's contact persons
// their own.
func contactEditor(by Actor, memberID int64) error {
	if by.IsCentre() {
		return by.require(ManageGovernance)
	}
	if by.PersonID == 0 {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	if memberID != by.MemberID {
		return fault.Forbiddenf("you may keep only your own organisation's contacts")
	}
	if !by.Has(org.Contact) {
		return fault.Forbiddenf("only your organisation's contact persons keep its contact directory")
	}
	return nil
}

// SaveContact adds (ID 0) or changes a directory entry. An entry saved by
// the member's own people counts as confirmed.
func (a *App) SaveContact(ctx context.Context, by Actor, c governance.Contact) (governance.Contact, error) {
	if c.MemberID == 0 && !by.IsCentre() {
		c.MemberID = by.MemberID
	}
	c, err := c.Normalise()
	if err != nil {
		return c, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		var before governance.Contact
		if c.ID != 0 {
			if before, err = q.GetContact(ctx, c.ID); err != nil || !by.seesMember(before.MemberID) {
				return notFound(orNotFound(err), "contact")
			}
			if before.MemberID != c.MemberID {
				return fault.Field("member_id", "contact_member_fixed", "an entry stays with its member; remove it and add a new one")
			}
		}
		if err := contactEditor(by, c.MemberID); err != nil {
			return err
		}
		if err := checkContactPeople(ctx, q, c); err != nil {
			return err
		}
		c.VerifiedAt, c.VerifiedBy = before.VerifiedAt, before.VerifiedBy
		if !by.IsCentre() {
			c.VerifiedAt, c.VerifiedBy = a.now(), by.PersonID
		}
		action := "update"
		if c.ID == 0 {
			action = "create"
			c, err = q.CreateContact(ctx, c, a.now())
		} else {
			c.CreatedAt = before.CreatedAt
			c, err = q.UpdateContact(ctx, c, a.now())
		}
		if err != nil {
			return duplicateField(err, "person_id", "contact_taken", "this person is already a contact on this level")
		}
		var was any
		if before.ID != 0 {
			was = before
		}
		return a.audit(ctx, q, by, c.MemberID, "contact", c.ID, action, was, c)
	})
	return c, err
}

// checkContactPeople: the contact and the deputy are active people of the
// member.
func checkContactPeople(ctx context.Context, q *store.Queries, c governance.Contact) error {
	var fs fault.Fields
	for _, x := range []struct {
		field string
		id    int64
	}{{"person_id", c.PersonID}, {"deputy_id", c.DeputyID}} {
		if x.id == 0 {
			continue
		}
		p, err := q.GetPerson(ctx, x.id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err != nil || !p.Active || p.MemberID != c.MemberID {
			fs.Add(x.field, "contact_member", "choose an active person of the member")
		}
	}
	return fs.Err()
}

// RemoveContact takes an entry out of the directory.
func (a *App) RemoveContact(ctx context.Context, by Actor, id int64) error {
	return a.db.InTx(ctx, func(q *store.Queries) error {
		c, err := q.GetContact(ctx, id)
		if err != nil || !by.seesMember(c.MemberID) {
			return notFound(orNotFound(err), "contact")
		}
		if err := contactEditor(by, c.MemberID); err != nil {
			return err
		}
		if err := q.DeleteContact(ctx, id); err != nil {
			return err
		}
		return a.audit(ctx, q, by, c.MemberID, "contact", id, "delete", c, nil)
	})
}

// VerifyContacts confirms every entry of a member's directory as it
// stands; it returns how many entries were confirmed.
func (a *App) VerifyContacts(ctx context.Context, by Actor, memberID int64) (int, error) {
	if memberID == 0 && !by.IsCentre() {
		memberID = by.MemberID
	}
	n := 0
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		if !by.seesMember(memberID) {
			return fault.NotFoundf("member not found")
		}
		if err := contactEditor(by, memberID); err != nil {
			return err
		}
		cs, err := q.ListContacts(ctx, store.ContactFilter{MemberID: memberID})
		if err != nil {
			return err
		}
		for _, c := range cs {
			c.VerifiedAt, c.VerifiedBy = a.now(), by.PersonID
			if _, err := q.UpdateContact(ctx, c, a.now()); err != nil {
				return err
			}
			n++
		}
		return a.audit(ctx, q, by, memberID, "contact", 0, "verify", nil, map[string]int{"entries": n})
	})
	return n, err
}

// ContactsCSV is the directory as CSV (UTF-8 with a byte order mark, so
// spreadsheet programs read the letters right).
func (a *App) ContactsCSV(ctx context.Context, by Actor, cq ContactQuery) ([]byte, error) {
	es, err := a.ListContacts(ctx, by, cq)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Write([]string{"member", "level", "name", "role", "email", "phone", "deputy", "deputy_email", "verified_at", "needs_verification"})
	for _, e := range es {
		verified := ""
		if !e.VerifiedAt.IsZero() {
			verified = e.VerifiedAt.UTC().Format(time.DateOnly)
		}
		w.Write([]string{e.MemberName, string(e.Level), e.Name, e.Title, e.Email, e.Phone, e.DeputyName, e.DeputyEmail, verified,
			fmt.Sprint(e.Stale)})
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// RequestContactVerification asks each member whose directory has an
// entry not confirmed for eleven months (or no entries) to confirm it: a
// notification to its contact persons, at most once a month per member.
// It returns how many members were asked (the periodic job).
func (a *App) RequestContactVerification(ctx context.Context) (int, error) {
	now := a.now()
	period := now.UTC().Format("2006-01")
	members, err := a.db.Read().ListMembers(ctx, store.MemberFilter{})
	if err != nil {
		return 0, err
	}
	asked := 0
	for _, m := range members {
		err := a.db.InTx(ctx, func(q *store.Queries) error {
			cs, err := q.ListContacts(ctx, store.ContactFilter{MemberID: m.ID})
			if err != nil {
				return err
			}
			due := len(cs) == 0
			recipients := map[int64]bool{}
			for _, c := range cs {
				if c.VerifiedAt.IsZero() || c.VerifiedAt.Before(now.AddDate(0, -(governance.VerifyEvery-1), 0)) {
					due = true
				}
				recipients[c.PersonID] = true
			}
			contacts, err := q.ListPeople(ctx, store.PersonFilter{MemberID: m.ID, Role: org.Contact})
			if err != nil {
				return err
			}
			for _, p := range contacts {
				if p.Active {
					recipients[p.ID] = true
				}
			}
			if !due || len(recipients) == 0 {
				return nil
			}
			inserted, err := q.RecordVerificationRequest(ctx, m.ID, period, now)
			if err != nil || !inserted {
				return err
			}
			for id := range recipients {
				if err := q.CreateLinkedNotification(ctx, store.Notification{PersonID: id, Kind: "governance_contacts",
					Message: "Please check and confirm your organisation's contact persons", CreatedAt: now}, "/contacts"); err != nil {
					return err
				}
			}
			asked++
			return a.audit(ctx, q, SystemActor("contact verification"), m.ID, "contact", 0, "request_verification", nil,
				map[string]any{"period": period, "recipients": len(recipients)})
		})
		if err != nil {
			return asked, err
		}
	}
	return asked, nil
}
