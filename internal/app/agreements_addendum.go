package app

import (
	"context"
	"fmt"

	"samverkan/internal/catalog"
	"samverkan/internal/orders"
	"samverkan/internal/store"
)

// addendum makes the addendum an accepted additional service or change
// brings: a new approved version of the member's agreement in force, with
// the service in its annex and a summary of what changed; the version it
// replaces is superseded. A draft being written at the time gets the
// same entry and moves up one number, so it keeps the change when it is
// approved. It returns the new version's id, or 0 when the member has no
// agreement in force to amend.
func (a *App) addendum(ctx context.Context, q *store.Queries, by Actor, o orders.Order, serviceName string) (int64, error) {
	today := a.today(ctx)
	vs, err := q.MemberVersions(ctx, o.MemberID, catalog.Approved)
	if err != nil {
		return 0, err
	}
	var cur *catalog.Version
	for i := range vs {
		if vs[i].InForce(today) {
			cur = &vs[i]
			break
		}
	}
	if cur == nil {
		return 0, nil
	}
	all, err := q.AgreementVersions(ctx, cur.AgreementID)
	if err != nil {
		return 0, err
	}
	what, how := "Tilläggstjänst", "tilläggstjänsten"
	if o.Kind == orders.Change {
		what, how = "Ändrad tjänst", "ändring av tjänsten"
	}
	entry := catalog.ExtraService{ServiceID: o.ServiceID, Description: what + ": " + o.Title, Since: today, OrderID: o.ID}
	summary := fmt.Sprintf("Tillägg enligt beställning %s: %s %q (%s).", o.Reference, how, serviceName, o.Title)

	number := all[0].Number + 1
	now := a.now()
	if draft := all[0]; draft.Status == catalog.Draft {
		// The addendum takes the draft's number; the draft moves up.
		before := draft
		number = draft.Number
		draft.Number, draft.UpdatedAt = draft.Number+1, now
		draft.ExtraServices = append(draft.ExtraServices, entry)
		draft.Changes = joinLines(draft.Changes, summary)
		if err := q.RenumberVersion(ctx, draft.ID, draft.Number); err != nil {
			return 0, err
		}
		if err := q.UpdateVersion(ctx, draft); err != nil {
			return 0, err
		}
		if err := a.audit(ctx, q, by, draft.MemberID, "agreement_version", draft.ID, "addendum_merged", before, draft); err != nil {
			return 0, err
		}
	}
	next := cur.Next(summary)
	next.Number, next.OrderID = number, o.ID
	next.ExtraServices = append(next.ExtraServices, entry)
	next.Status, next.CreatedBy, next.CreatedAt = catalog.Approved, by.PersonID, now
	next.ApprovedBy, next.ApprovedAt = by.PersonID, now
	if err := a.supersede(ctx, q, by, cur.AgreementID, now); err != nil {
		return 0, err
	}
	if next, err = q.CreateVersion(ctx, next); err != nil {
		return 0, err
	}
	return next.ID, a.audit(ctx, q, by, next.MemberID, "agreement_version", next.ID, "addendum", nil, next)
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}
