package app

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/sla"
	"samverkan/internal/store"
)

// The measures a case's clocks have, and whose obligation each is.
var measures = []struct {
	name, side string
	pick       func(*sla.Clocks) sla.State
	row        func(*store.CaseSLA) *store.ClockRow
}{
	{"first_response", "centre", func(c *sla.Clocks) sla.State { return c.FirstResponse }, func(s *store.CaseSLA) *store.ClockRow { return &s.FirstResponse }},
	{"next_response", "centre", func(c *sla.Clocks) sla.State { return c.NextResponse }, func(s *store.CaseSLA) *store.ClockRow { return &s.NextResponse }},
	{"resolution", "centre", func(c *sla.Clocks) sla.State { return c.Resolution }, func(s *store.CaseSLA) *store.ClockRow { return &s.Resolution }},
	{"member_input", "member", func(c *sla.Clocks) sla.State { return c.MemberInput }, func(s *store.CaseSLA) *store.ClockRow { return &s.MemberInput }},
}

// refreshCaseSLA recomputes a case's clocks in the transaction of the
// change that moved them, and records any warning or miss already crossed.
func (a *App) refreshCaseSLA(ctx context.Context, q *store.Queries, caseID int64) error {
	facts, err := q.CaseClockFacts(ctx, caseID, 0, 1)
	if err != nil || len(facts) == 0 {
		return err
	}
	policies, err := a.cachedPolicies(ctx, q)
	if err != nil {
		return err
	}
	return a.applyClocks(ctx, q, facts[0], policies, a.now())
}

// startCaseSLA starts the clocks of a case being opened, from the case
// itself: it has no other events yet.
func (a *App) startCaseSLA(ctx context.Context, q *store.Queries, c cases.Case) error {
	policies, err := a.cachedPolicies(ctx, q)
	if err != nil || len(policies) == 0 {
		return err
	}
	f := store.ClockFacts{CaseID: c.ID, MemberID: c.MemberID, ReceivedAt: c.ReceivedAt, Open: c.Open(),
		Facts:  sla.Facts{MemberID: c.MemberID, ServiceID: c.ServiceID, CaseType: string(c.Type), Priority: string(c.Priority), Channel: string(c.Channel)},
		Events: []sla.Event{{At: c.ReceivedAt, Kind: sla.Received}}}
	return a.applyClocks(ctx, q, f, policies, a.now())
}

// policyCacheTTL is how long the policies are trusted without reading them
// again; a change made on another instance is seen within it (and the
// recompute job it enqueues corrects any clock computed meanwhile).
const policyCacheTTL = 5 * time.Second

type policyCache struct {
	mu       sync.Mutex
	policies []sla.Policy
	read     time.Time
}

func (a *App) cachedPolicies(ctx context.Context, q *store.Queries) ([]sla.Policy, error) {
	c := &a.policies
	c.mu.Lock()
	defer c.mu.Unlock()
	if now := time.Now(); c.read.IsZero() || now.Sub(c.read) > policyCacheTTL {
		ps, err := q.ListSLAPolicies(ctx)
		if err != nil {
			return nil, err
		}
		c.policies, c.read = ps, now
	}
	return c.policies, nil
}

func (a *App) forgetPolicies() {
	a.policies.mu.Lock()
	a.policies.read = time.Time{}
	a.policies.mu.Unlock()
}

// applyClocks evaluates one case's clocks as of now, stores them, records
// crossed warnings and misses once, and notifies and escalates for the new
// ones.
func (a *App) applyClocks(ctx context.Context, q *store.Queries, f store.ClockFacts, policies []sla.Policy, now time.Time) error {
	prev, err := q.CaseSLAs(ctx, []int64{f.CaseID})
	if err != nil {
		return err
	}
	c, err := a.computeClocks(ctx, f, policies, now)
	if err != nil {
		return err
	}
	old, had := prev[f.CaseID]
	if err := a.recordCrossings(ctx, q, f, c, old, had, now); err != nil {
		return err
	}
	switch {
	case !c.ok && had:
		return q.DeleteCaseSLA(ctx, f.CaseID)
	case !c.ok || (had && sameClocks(old, c.row)):
		return nil
	}
	return q.SaveCaseSLAs(ctx, []store.CaseSLA{c.row})
}

// computed is the outcome of evaluating one case's clocks.
type computed struct {
	ok        bool // a policy applies
	row       store.CaseSLA
	crossings []crossing // every warning and miss passed so far
}

type crossing struct {
	measure, side, kind string
	state               sla.State
}

// computeClocks evaluates one case's clocks as of now, without I/O but for
// the cached calendars.
func (a *App) computeClocks(ctx context.Context, f store.ClockFacts, policies []sla.Policy, now time.Time) (computed, error) {
	p, ok := sla.Select(policies, f.Facts)
	if !ok {
		return computed{}, nil
	}
	cal, err := a.MemberCalendar(ctx, f.MemberID)
	if err != nil {
		return computed{}, err
	}
	clocks, err := sla.Evaluate(p, cal, f.Events, now)
	if err != nil {
		return computed{}, err
	}
	c := computed{ok: true, row: store.CaseSLA{CaseID: f.CaseID, PolicyID: p.ID, ComputedAt: now}}
	for _, m := range measures {
		s := m.pick(&clocks)
		*m.row(&c.row) = store.ClockRow{Warn: s.WarnAt, Due: s.DueAt, Met: s.MetAt, Miss: s.BreachedAt, Paused: s.Paused}
		if s.Breached() {
			c.crossings = append(c.crossings, crossing{m.name, m.side, "breach", s})
		}
		if !s.Running() || s.Paused || !f.Open {
			continue
		}
		if s.Warning(now) {
			c.crossings = append(c.crossings, crossing{m.name, m.side, "warning", s})
		}
		for _, at := range []time.Time{s.WarnAt, s.DueAt} {
			if at.After(now) && (c.row.AlertAt.IsZero() || at.Before(c.row.AlertAt)) {
				c.row.AlertAt = at
			}
		}
	}
	if c.row.AlertAt.IsZero() {
		for _, m := range measures { // a miss exactly at its due instant is seen a moment later
			if r := m.row(&c.row); !r.Due.IsZero() && r.Met.IsZero() && !r.Paused && r.Miss.IsZero() && f.Open {
				c.row.AlertAt = r.Due.Add(time.Second)
			}
		}
	}
	return c, nil
}

// recordCrossings records the warnings and misses the stored clocks did
// not know of yet.
func (a *App) recordCrossings(ctx context.Context, q *store.Queries, f store.ClockFacts, c computed, old store.CaseSLA, had bool, now time.Time) error {
	for _, x := range c.crossings {
		if had && known(old, x) {
			continue
		}
		if err := a.recordSLAEvent(ctx, q, f, x.measure, x.side, x.kind, x.state, now); err != nil {
			return err
		}
	}
	return nil
}

// known reports whether the stored clocks already carried a crossing: the
// same miss, or a warning computed after it was passed.
func known(old store.CaseSLA, x crossing) bool {
	for _, m := range measures {
		if m.name != x.measure {
			continue
		}
		r := m.row(&old)
		if x.kind == "breach" {
			return r.Miss.Equal(x.state.BreachedAt)
		}
		return r.Warn.Equal(x.state.WarnAt) && !old.ComputedAt.Before(x.state.WarnAt)
	}
	return false
}

// sameClocks reports whether two computations store the same clocks.
func sameClocks(a, b store.CaseSLA) bool {
	if a.PolicyID != b.PolicyID || !a.AlertAt.Equal(b.AlertAt) {
		return false
	}
	for _, m := range measures {
		x, y := m.row(&a), m.row(&b)
		if !x.Warn.Equal(y.Warn) || !x.Due.Equal(y.Due) || !x.Met.Equal(y.Met) || !x.Miss.Equal(y.Miss) || x.Paused != y.Paused {
			return false
		}
	}
	return true
}

// recordSLAEvent records a warning or miss once; the first time it
// notifies the assignee and the team leads, and a centre-side miss of the
// resolution target is escalated to the operational level.
func (a *App) recordSLAEvent(ctx context.Context, q *store.Queries, f store.ClockFacts, measure, side, kind string, s sla.State, now time.Time) error {
	due := s.DueAt
	if kind == "breach" {
		due = s.BreachedAt
	}
	inserted, err := q.RecordSLAEvent(ctx, store.SLAEvent{CaseID: f.CaseID, MemberID: f.MemberID, ServiceID: f.Facts.ServiceID,
		Measure: measure, Side: side, Kind: kind, CycleStart: s.StartedAt, DueAt: due, At: now})
	if err != nil || !inserted || side == "member" {
		return err
	}
	c, err := q.GetCase(ctx, f.CaseID)
	if err != nil {
		return err
	}
	recipients := map[int64]bool{}
	if c.AssigneeID != 0 {
		recipients[c.AssigneeID] = true
	}
	if c.TeamID != 0 {
		leads, err := q.TeamLeadIDs(ctx, c.TeamID)
		if err != nil {
			return err
		}
		for _, id := range leads {
			recipients[id] = true
		}
	}
	text := fmt.Sprintf("%s: %s target %s at %s", c.Reference, measure, map[string]string{"warning": "close", "breach": "missed"}[kind],
		due.Format(time.RFC3339))
	for id := range recipients {
		if err := q.CreateNotification(ctx, store.Notification{PersonID: id, Kind: "sla_" + kind, CaseID: c.ID, Message: text, CreatedAt: now}); err != nil {
			return err
		}
	}
	if kind != "breach" || measure != "resolution" {
		return nil
	}
	_, _, err = q.CreateEscalation(ctx, store.Escalation{MemberID: f.MemberID, Source: "sla_breach", SourceID: c.ID, Level: "operational",
		Reason: fmt.Sprintf("The resolution target of case %s was missed (due %s).", c.Reference, due.Format("2006-01-02 15:04")), CreatedAt: now})
	return err
}

// RecomputeAllSLA re-evaluates the clocks of every open case, in batches
// (after a calendar or policy change), evaluating on every core and
// writing only the clocks that changed. It returns how many it evaluated.
func (a *App) RecomputeAllSLA(ctx context.Context, progress func(done int)) (int, error) {
	a.forgetPolicies()
	policies, err := a.cachedPolicies(ctx, a.db.Read())
	if err != nil {
		return 0, err
	}
	const batch = 5000
	var after int64
	done := 0
	for {
		q := a.db.Read()
		facts, err := q.CaseClockFacts(ctx, 0, after, batch)
		if err != nil || len(facts) == 0 {
			return done, err
		}
		ids := make([]int64, len(facts))
		for i, f := range facts {
			ids[i] = f.CaseID
		}
		prev, err := q.CaseSLAs(ctx, ids)
		if err != nil {
			return done, err
		}
		now := a.now()
		results, err := a.computeAll(ctx, facts, policies, now)
		if err != nil {
			return done, err
		}
		err = a.db.InTx(ctx, func(q *store.Queries) error {
			var changed []store.CaseSLA
			for i, f := range facts {
				c := results[i]
				old, had := prev[f.CaseID]
				if err := a.recordCrossings(ctx, q, f, c, old, had, now); err != nil {
					return fmt.Errorf("case %d: %w", f.CaseID, err)
				}
				switch {
				case !c.ok && had:
					if err := q.DeleteCaseSLA(ctx, f.CaseID); err != nil {
						return err
					}
				case c.ok && !(had && sameClocks(old, c.row)):
					changed = append(changed, c.row)
				}
			}
			return q.SaveCaseSLAs(ctx, changed)
		})
		if err != nil {
			return done, err
		}
		done += len(facts)
		after = facts[len(facts)-1].CaseID
		if progress != nil {
			progress(done)
		}
	}
}

// computeAll evaluates the clocks of many cases on every core.
func (a *App) computeAll(ctx context.Context, facts []store.ClockFacts, policies []sla.Policy, now time.Time) ([]computed, error) {
	out := make([]computed, len(facts))
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(facts); i += workers {
				c, err := a.computeClocks(ctx, facts[i], policies, now)
				if err != nil {
					errs[w] = fmt.Errorf("case %d: %w", facts[i].CaseID, err)
					return
				}
				out[i] = c
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// CheckSLAAlerts looks at every case whose clocks crossed a warning
// threshold or a target since they were computed (the periodic job).
func (a *App) CheckSLAAlerts(ctx context.Context) (int, error) {
	policies, err := a.db.Read().ListSLAPolicies(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		now := a.now()
		ids, err := a.db.Read().CasesDueForAlert(ctx, now, 500)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		err = a.db.InTx(ctx, func(q *store.Queries) error {
			for _, id := range ids {
				facts, err := q.CaseClockFacts(ctx, id, 0, 1)
				if err != nil {
					return err
				}
				if len(facts) == 0 {
					continue
				}
				if err := a.applyClocks(ctx, q, facts[0], policies, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		n += len(ids)
		if len(ids) < 500 {
			return n, nil
		}
	}
}
