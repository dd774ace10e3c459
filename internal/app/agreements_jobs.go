package app

import (
	"context"
	"fmt"
	"time"

	"samverkan/internal/org"
	"samverkan/internal/store"
)

// JobAgreementRevisions reminds of the yearly revision of agreements; run
// it daily (it is idempotent: one reminder per agreement and due date).
const JobAgreementRevisions = "agreements.revision_reminders"

// RevisionNotice is how long before the yearly revision is due that the
// reminder goes out.
const RevisionNotice = 30 * 24 * time.Hour

// RemindAgreementRevisions notifies the centre's administrators and the
// member's strategic and tactical contacts of every agreement whose
// yearly revision is due within RevisionNotice, once per due date. It
// returns how many agreements it reminded of.
func (a *App) RemindAgreementRevisions(ctx context.Context) (int, error) {
	today := a.today(ctx)
	due, err := a.db.Read().AgreementsDueForRevision(ctx, today.Add(RevisionNotice))
	if err != nil {
		return 0, err
	}
	sys := SystemActor("agreement revision reminder")
	n := 0
	for _, ag := range due {
		err := a.db.InTx(ctx, func(q *store.Queries) error {
			sent, err := q.MarkAgreementReminded(ctx, ag.ID, ag.RevisionDue)
			if err != nil || !sent {
				return err
			}
			member, err := q.GetMember(ctx, ag.MemberID)
			if err != nil {
				return err
			}
			var to []int64
			for _, r := range []struct {
				member int64
				role   org.Role
				level  org.Level
			}{{0, org.Admin, ""}, {ag.MemberID, org.Contact, org.Strategic}, {ag.MemberID, org.Contact, org.Tactical}} {
				ids, err := q.RoleHolders(ctx, r.member, string(r.role), string(r.level))
				if err != nil {
					return err
				}
				to = append(to, ids...)
			}
			when := "is due on " + ag.RevisionDue.Format(time.DateOnly)
			if ag.RevisionDue.Before(today) {
				when = "was due on " + ag.RevisionDue.Format(time.DateOnly)
			}
			msg := fmt.Sprintf("The yearly revision of %s's agreement %q %s", member.Name, ag.Title, when)
			if err := a.notify(ctx, q, to, "agreement_revision", msg); err != nil {
				return err
			}
			n++
			after := ag
			after.RemindedFor = ag.RevisionDue
			return a.audit(ctx, q, sys, ag.MemberID, "agreement", ag.ID, "revision_reminder", ag, after)
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// notify sends an in-app notification to each person once.
func (a *App) notify(ctx context.Context, q *store.Queries, to []int64, kind, msg string) error {
	seen := map[int64]bool{}
	for _, id := range to {
		if id == 0 || seen[id] {
			continue
		}
		seen[id] = true
		if err := q.CreateNotification(ctx, store.Notification{PersonID: id, Kind: kind, Message: msg, CreatedAt: a.now()}); err != nil {
			return err
		}
	}
	return nil
}
