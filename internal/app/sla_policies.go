package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/sla"
	"samverkan/internal/store"
)

// SLAPolicies lists the service-level policies in evaluation order. Centre
// staff see all; member-side users the ones that can apply to them.
func (a *App) SLAPolicies(ctx context.Context, by Actor) ([]sla.Policy, error) {
	if err := by.require(ViewDirectory); err != nil {
		return nil, err
	}
	ps, err := a.db.Read().ListSLAPolicies(ctx)
	if err != nil || by.IsCentre() {
		return ps, err
	}
	return slices.DeleteFunc(ps, func(p sla.Policy) bool { return p.MemberID != 0 && p.MemberID != by.MemberID }), nil
}

// SLAPolicy reads one policy.
func (a *App) SLAPolicy(ctx context.Context, by Actor, id int64) (sla.Policy, error) {
	if err := by.require(ViewDirectory); err != nil {
		return sla.Policy{}, err
	}
	p, err := a.db.Read().GetSLAPolicy(ctx, id)
	if err != nil || (p.MemberID != 0 && !by.seesMember(p.MemberID)) {
		return sla.Policy{}, notFound(orNotFound(err), "policy")
	}
	return p, nil
}

// SaveSLAPolicy creates (ID 0) or updates a policy. Changing the policies
// re-evaluates the clocks of open cases in the background.
func (a *App) SaveSLAPolicy(ctx context.Context, by Actor, p sla.Policy) (sla.Policy, error) {
	if err := by.require(ManageSLA); err != nil {
		return p, err
	}
	p, err := p.Normalise()
	if err != nil {
		return p, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if p.MemberID != 0 {
			if _, err := q.GetMember(ctx, p.MemberID); errors.Is(err, store.ErrNotFound) {
				return fault.Field("member_id", "member_unknown", "there is no member with this id")
			}
		}
		var before any
		if p.ID == 0 {
			if p, err = q.CreateSLAPolicy(ctx, p, a.now()); err != nil {
				return err
			}
		} else {
			old, err := q.GetSLAPolicy(ctx, p.ID)
			if err != nil {
				return notFound(err, "policy")
			}
			before = old
			if err := q.UpdateSLAPolicy(ctx, p, a.now()); err != nil {
				return err
			}
		}
		action := "update"
		if before == nil {
			action = "create"
		}
		if err := a.audit(ctx, q, by, p.MemberID, "sla_policy", p.ID, action, before, p); err != nil {
			return err
		}
		return a.policiesChanged(ctx, q)
	})
	return p, err
}

// DeleteSLAPolicy removes a policy.
func (a *App) DeleteSLAPolicy(ctx context.Context, by Actor, id int64) error {
	if err := by.require(ManageSLA); err != nil {
		return err
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		p, err := q.GetSLAPolicy(ctx, id)
		if err != nil {
			return notFound(err, "policy")
		}
		if err := q.DeleteSLAPolicy(ctx, id); err != nil {
			return err
		}
		if err := a.audit(ctx, q, by, p.MemberID, "sla_policy", id, "delete", p, nil); err != nil {
			return err
		}
		return a.policiesChanged(ctx, q)
	})
}

func (a *App) policiesChanged(ctx context.Context, q *store.Queries) error {
	a.forgetPolicies()
	_, err := q.EnqueueJob(ctx, store.Job{Kind: JobRecomputeSLA}, a.now())
	return err
}

// Preview is when each target of a policy falls due for a case received
// at a given moment, with no pauses.
type Preview struct {
	ReceivedAt    time.Time
	FirstResponse time.Time
	NextResponse  time.Time // for a member message at ReceivedAt
	Resolution    time.Time
	MemberInput   time.Time // for a completion request at ReceivedAt
	// PayrunInput is how input received at ReceivedAt fares against the
	// pay-run obligation (nil when the policy states none).
	PayrunInput *PayrunInput
}

// PreviewSLAPolicy shows when the targets of p fall due for a case from
// memberID (0: the centre's calendar) received at receivedAt.
func (a *App) PreviewSLAPolicy(ctx context.Context, by Actor, p sla.Policy, memberID int64, receivedAt time.Time) (Preview, error) {
	if err := by.require(ViewCentre); err != nil {
		return Preview{}, err
	}
	if receivedAt.IsZero() {
		return Preview{}, fault.Field("received_at", "required", "choose when the case is received")
	}
	p, err := p.Normalise()
	if err != nil && !hasOnlyField(err, "name") {
		return Preview{}, err
	}
	cal, err := a.MemberCalendar(ctx, memberID)
	if err != nil {
		return Preview{}, err
	}
	pv := Preview{ReceivedAt: receivedAt.In(cal.Location())}
	due := func(t sla.Target) (time.Time, error) {
		if !t.Set() {
			return time.Time{}, nil
		}
		c, err := sla.Evaluate(sla.Policy{Resolution: t, WarnPercent: p.WarnPercent}, cal,
			[]sla.Event{{At: receivedAt, Kind: sla.Received}}, receivedAt)
		return c.Resolution.DueAt, err
	}
	for _, x := range []struct {
		dst *time.Time
		t   sla.Target
	}{{&pv.FirstResponse, p.FirstResponse}, {&pv.NextResponse, p.NextResponse}, {&pv.Resolution, p.Resolution}, {&pv.MemberInput, p.MemberInput}} {
		if *x.dst, err = due(x.t); err != nil {
			return pv, err
		}
	}
	if p.PayrunInputDays == 0 {
		return pv, nil
	}
	sched := catalog.DefaultSchedule(cal.Country())
	if memberID != 0 {
		if sched, err = a.paySchedule(ctx, a.db.Read(), memberID, calendar.DateOf(pv.ReceivedAt)); err != nil {
			return pv, notFound(err, "member")
		}
	}
	in, err := sched.InputDue(cal, p.PayrunInputDays, receivedAt)
	pv.PayrunInput = &PayrunInput{MemberID: memberID, Run: in.Run, DueAt: in.Due, Late: in.Late}
	return pv, err
}

func hasOnlyField(err error, field string) bool {
	e, ok := fault.As(err)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field != field {
			return false
		}
	}
	return true
}
