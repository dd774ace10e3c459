package app

import (
	"context"
	"slices"
	"sync"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/cases"
	"samverkan/internal/catalog"
	"samverkan/internal/sla"
	"samverkan/internal/store"
)

// The member's pay-run obligation: a policy can require the member's input
// (the cases it applies to) to reach the centre a number of business days
// before the pay-run deadline on the member's pay calendar. Each case is
// judged once, when it is opened; a late input is recorded against the
// member and never counts against the centre.

// PayrunInput is how a case's input fared against the obligation: the pay
// run it feeds, when it was due and whether it was late.
type PayrunInput = store.CasePayrunInput

// measurePayrunInput is the name of the obligation in sla_events and in
// the service-level report.
const measurePayrunInput = "payrun_input"

// checkPayrunInput judges a case being opened against the pay-run
// obligation of the policy that applies to it, if that policy states one.
func (a *App) checkPayrunInput(ctx context.Context, q *store.Queries, c cases.Case) error {
	policies, err := a.cachedPolicies(ctx, q)
	if err != nil || !slices.ContainsFunc(policies, func(p sla.Policy) bool { return p.PayrunInputDays > 0 }) {
		return err
	}
	p, ok := sla.Select(policies, sla.Facts{MemberID: c.MemberID, ServiceID: c.ServiceID, CaseType: string(c.Type),
		Priority: string(c.Priority), Channel: string(c.Channel)})
	if !ok || p.PayrunInputDays == 0 {
		return nil
	}
	cal, err := a.MemberCalendar(ctx, c.MemberID)
	if err != nil {
		return err
	}
	sched, err := a.paySchedule(ctx, q, c.MemberID, calendar.DateOf(c.ReceivedAt.In(cal.Location())))
	if err != nil {
		return err
	}
	in, err := sched.InputDue(cal, p.PayrunInputDays, c.ReceivedAt)
	if err != nil {
		return err
	}
	if err := q.RecordPayrunInput(ctx, PayrunInput{CaseID: c.ID, MemberID: c.MemberID, Run: in.Run, DueAt: in.Due, Late: in.Late}); err != nil {
		return err
	}
	if !in.Late {
		return nil
	}
	_, err = q.RecordSLAEvent(ctx, store.SLAEvent{CaseID: c.ID, MemberID: c.MemberID, ServiceID: c.ServiceID,
		Measure: measurePayrunInput, Side: "member", Kind: "breach", CycleStart: in.Deadline, DueAt: in.Due, At: c.CreatedAt})
	return err
}

// scheduleCacheTTL is how long a member's pay schedule is trusted without
// reading it again; a newly approved agreement is seen within it.
const scheduleCacheTTL = 5 * time.Second

// scheduleCache keeps each member's pay schedule for the day last asked,
// so that opening many cases reads it once.
type scheduleCache struct {
	mu       sync.Mutex
	byMember map[int64]cachedSchedule
}

type cachedSchedule struct {
	day   calendar.Date
	sched catalog.PaySchedule
	read  time.Time
}

// paySchedule is the member's pay schedule on day: its agreement's in
// force, else the default of its country.
func (a *App) paySchedule(ctx context.Context, q *store.Queries, memberID int64, day calendar.Date) (catalog.PaySchedule, error) {
	c := &a.schedules
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if e, ok := c.byMember[memberID]; ok && e.day == day && now.Sub(e.read) <= scheduleCacheTTL {
		return e.sched, nil
	}
	sched, found, country, err := q.PaySchedule(ctx, memberID, day.In(time.UTC))
	if err != nil {
		return sched, err
	}
	if !found {
		sched = catalog.DefaultSchedule(calendar.Country(country))
	}
	if c.byMember == nil {
		c.byMember = map[int64]cachedSchedule{}
	}
	c.byMember[memberID] = cachedSchedule{day: day, sched: sched, read: now}
	return sched, nil
}
