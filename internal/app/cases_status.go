package app

import (
	"context"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// ChangeCaseStatus moves a case to another status (centre staff). A
// resolved case is mailed to the requester; closed is final.
func (a *App) ChangeCaseStatus(ctx context.Context, by Actor, id int64, to cases.Status) (cases.Case, error) {
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return cases.Case{}, err
	}
	now, quiet := a.caseNow(ctx)
	var c cases.Case
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if c, err = lockVisible(ctx, q, scope, id); err != nil {
			return err
		}
		if c.MergedInto != 0 {
			return fault.Conflictf("this case was merged into another and is closed")
		}
		if err := cases.CheckMove(c.Status, to); err != nil {
			return err
		}
		before := c.Status
		if _, err := a.moveStatus(ctx, q, by, &c, to, now, quiet); err != nil {
			return err
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		return a.audit(ctx, q, by, c.MemberID, "case", c.ID, "status", map[string]any{"status": before}, map[string]any{"status": to})
	})
	return c, err
}

// AutoCloseResolved closes cases resolved longer ago than the reopen
// period, at most limit of them, and returns how many it closed. The
// periodic job JobCaseAutoClose runs it as the system.
func (a *App) AutoCloseResolved(ctx context.Context, by Actor, limit int) (int, error) {
	if err := by.require(WorkCases); err != nil {
		return 0, err
	}
	q := a.db.Read()
	cfg, err := a.caseConfig(ctx, q)
	if err != nil {
		return 0, err
	}
	now, quiet := a.caseNow(ctx)
	ids, err := q.ResolvedBefore(ctx, now.AddDate(0, 0, -cfg.reopenDays), limit)
	if err != nil {
		return 0, err
	}
	closed := 0
	for _, id := range ids {
		err := a.db.InTx(ctx, func(q *store.Queries) error {
			c, err := q.LockCase(ctx, id)
			if err != nil || !cases.ShouldAutoClose(c, now, cfg.reopenDays) {
				return err
			}
			if _, err := a.moveStatus(ctx, q, SystemActor("Samverkan"), &c, cases.Closed, now, quiet); err != nil {
				return err
			}
			if err := a.touch(ctx, q, c, now); err != nil {
				return err
			}
			closed++
			return a.audit(ctx, q, by, c.MemberID, "case", c.ID, "auto_close", map[string]any{"status": cases.Resolved},
				map[string]any{"status": cases.Closed})
		})
		if err != nil {
			return closed, err
		}
	}
	return closed, nil
}
