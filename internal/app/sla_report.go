package app

import (
	"context"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// SLAReportRow counts, for one member, measure and side, the clocks of
// cases received in the period and how many of them missed their target.
type SLAReportRow = store.SLAReportRow

// SLAReport reports service levels per member for cases received in
// [from, to). The centre's measures and the member's obligations are
// separate rows: a member-side miss never counts against the centre. The
// pay-run obligation comes last, as rows of measure payrun_input: the
// cases under it and how many of them arrived late. Member-side users see
// only their own member.
func (a *App) SLAReport(ctx context.Context, by Actor, memberID int64, from, to time.Time) ([]SLAReportRow, error) {
	if err := by.require(ViewDirectory); err != nil {
		return nil, err
	}
	if !by.IsCentre() {
		if memberID != 0 && memberID != by.MemberID {
			return nil, fault.NotFoundf("member not found")
		}
		memberID = by.MemberID
	}
	var fs fault.Fields
	if from.IsZero() {
		fs.Add("from", "required", "choose where the period starts")
	}
	if to.IsZero() {
		fs.Add("to", "required", "choose where the period ends")
	} else if !from.IsZero() && !to.After(from) {
		fs.Add("to", "ends_before_start", "the period ends before it starts")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	q := a.db.Read()
	rows, err := q.SLAReport(ctx, memberID, from, to)
	if err != nil {
		return nil, err
	}
	runs, err := q.PayrunInputReport(ctx, memberID, from, to)
	return append(rows, runs...), err
}

// Notifications lists the actor's newest notifications.
func (a *App) Notifications(ctx context.Context, by Actor, unreadOnly bool) ([]store.Notification, error) {
	if by.PersonID == 0 {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	return a.db.Read().ListNotifications(ctx, by.PersonID, unreadOnly, 50)
}

// MarkNotificationsRead marks the actor's notifications read.
func (a *App) MarkNotificationsRead(ctx context.Context, by Actor) error {
	if by.PersonID == 0 {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	return a.db.InTx(ctx, func(q *store.Queries) error { return q.MarkNotificationsRead(ctx, by.PersonID, a.now()) })
}
