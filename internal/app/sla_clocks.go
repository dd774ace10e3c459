package app

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/cases"
	"samverkan/internal/sla"
	"samverkan/internal/store"
)

// The measures of a case's clocks, in the order of states and
// store.CaseSLA.Rows, and whose obligation each is.
var measures = [4]struct{ name, side string }{
	{"first_response", "centre"}, {"next_response", "centre"}, {"resolution", "centre"}, {"member_input", "member"},
}

func states(c *sla.Clocks) [4]*sla.State {
	return [4]*sla.State{&c.FirstResponse, &c.NextResponse, &c.Resolution, &c.MemberInput}
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
	cal, err := a.MemberCalendar(ctx, f.MemberID)
	if err != nil {
		return err
	}
	c, err := computeClocks(f, policies, cal, now)
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
	case !c.ok || (had && sameClocks(&old, &c.row)):
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
	measure int // index into measures
	kind    string
	state   sla.State
}

// computeClocks evaluates one case's clocks as of now on its member's
// calendar.
func computeClocks(f store.ClockFacts, policies []sla.Policy, cal *calendar.Calendar, now time.Time) (computed, error) {
	p, ok := sla.Select(policies, f.Facts)
	if !ok {
		return computed{}, nil
	}
	clocks, err := sla.Evaluate(p, cal, f.Events, now)
	if err != nil {
		return computed{}, err
	}
	c := computed{ok: true, row: store.CaseSLA{CaseID: f.CaseID, PolicyID: p.ID, ComputedAt: now}}
	rows := c.row.Rows()
	for i, s := range states(&clocks) {
		*rows[i] = store.ClockRow{Warn: s.WarnAt, Due: s.DueAt, Met: s.MetAt, Miss: s.BreachedAt, Paused: s.Paused}
		if s.Breached() {
			c.crossings = append(c.crossings, crossing{i, "breach", *s})
		}
		if !s.Running() || s.Paused || !f.Open {
			continue
		}
		if s.Warning(now) {
			c.crossings = append(c.crossings, crossing{i, "warning", *s})
		}
		for _, at := range []time.Time{s.WarnAt, s.DueAt} {
			if at.After(now) && (c.row.AlertAt.IsZero() || at.Before(c.row.AlertAt)) {
				c.row.AlertAt = at
			}
		}
	}
	if c.row.AlertAt.IsZero() {
		for _, r := range rows { // a miss exactly at its due instant is seen a moment later
			if !r.Due.IsZero() && r.Met.IsZero() && !r.Paused && r.Miss.IsZero() && f.Open {
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
		if had && known(&old, x) {
			continue
		}
		m := measures[x.measure]
		if err := a.recordSLAEvent(ctx, q, f, m.name, m.side, x.kind, x.state, now); err != nil {
			return err
		}
	}
	return nil
}

// known reports whether the stored clocks already carried a crossing: the
// same miss, or a warning computed after it was passed.
func known(old *store.CaseSLA, x crossing) bool {
	r := old.Rows()[x.measure]
	if x.kind == "breach" {
		return r.Miss.Equal(x.state.BreachedAt)
	}
	return r.Warn.Equal(x.state.WarnAt) && !old.ComputedAt.Before(x.state.WarnAt)
}

// sameClocks reports whether two computations store the same clocks.
func sameClocks(a, b *store.CaseSLA) bool {
	if a.PolicyID != b.PolicyID || !a.AlertAt.Equal(b.AlertAt) {
		return false
	}
	x, y := a.Rows(), b.Rows()
	for i := range x {
		if !x[i].Warn.Equal(y[i].Warn) || !x[i].Due.Equal(y[i].Due) || !x[i].Met.Equal(y[i].Met) ||
			!x[i].Miss.Equal(y[i].Miss) || x[i].Paused != y[i].Paused {
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
// (after a calendar or policy change): one goroutine reads the next batch
// while the current one is evaluated on every core and its changed clocks
// are written. It returns how many cases it evaluated.
func (a *App) RecomputeAllSLA(ctx context.Context, progress func(done int)) (int, error) {
	a.forgetPolicies()
	policies, err := a.cachedPolicies(ctx, a.db.Read())
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan clockBatch, 1)
	go a.readClockBatches(ctx, batches)
	done := 0
	for b := range batches {
		if b.err != nil {
			return done, b.err
		}
		if err := a.recomputeBatch(ctx, b, policies); err != nil {
			return done, err
		}
		done += len(b.facts)
		if progress != nil {
			progress(done)
		}
	}
	return done, ctx.Err()
}

// clockBatch is a run of open cases with what their clocks are computed
// from and the clocks stored for them.
type clockBatch struct {
	facts []store.ClockFacts
	prev  map[int64]store.CaseSLA
	err   error
}

// readClockBatches sends the open cases in id order, a batch at a time,
// until there are no more, an error, or ctx ends; then closes out. A
// batch's events and stored clocks are read side by side.
func (a *App) readClockBatches(ctx context.Context, out chan<- clockBatch) {
	defer close(out)
	const size = 5000
	var after int64
	for {
		q := a.db.Read()
		var b clockBatch
		b.facts, b.err = q.OpenCaseFacts(ctx, after, size)
		if b.err == nil && len(b.facts) == 0 {
			return
		}
		if b.err == nil {
			var eventsErr error
			var wg sync.WaitGroup
			wg.Go(func() { eventsErr = q.AddClockEvents(ctx, b.facts) })
			b.prev, b.err = q.CaseSLAsBetween(ctx, b.facts[0].CaseID, b.facts[len(b.facts)-1].CaseID)
			wg.Wait()
			b.err = errors.Join(b.err, eventsErr)
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return
		}
		if b.err != nil {
			return
		}
		after = b.facts[len(b.facts)-1].CaseID
	}
}

// recomputeBatch evaluates one batch and, in one transaction, records the
// new crossings and writes the clocks that changed.
func (a *App) recomputeBatch(ctx context.Context, b clockBatch, policies []sla.Policy) error {
	now := a.now()
	results, err := a.computeAll(ctx, b.facts, policies, now)
	if err != nil {
		return err
	}
	// Once started, a batch (a few milliseconds) is written whole; a
	// cancellation is seen before the next. A context that cannot end also
	// spares the SQLite driver a watcher goroutine for every statement.
	ctx = context.WithoutCancel(ctx)
	return a.db.InTx(ctx, func(q *store.Queries) error {
		var changed, added []store.CaseSLA
		for i, f := range b.facts {
			c := &results[i]
			old, had := b.prev[f.CaseID]
			if err := a.recordCrossings(ctx, q, f, *c, old, had, now); err != nil {
				return fmt.Errorf("case %d: %w", f.CaseID, err)
			}
			switch {
			case !c.ok && had:
				if err := q.DeleteCaseSLA(ctx, f.CaseID); err != nil {
					return err
				}
			case c.ok && !had:
				added = append(added, c.row)
			case c.ok && !sameClocks(&old, &c.row):
				if changed == nil {
					changed = make([]store.CaseSLA, 0, len(b.facts))
				}
				changed = append(changed, c.row)
			}
		}
		if err := q.UpdateCaseSLAs(ctx, changed); err != nil {
			return err
		}
		return q.SaveCaseSLAs(ctx, added)
	})
}

// computeAll evaluates the clocks of many cases on every core.
func (a *App) computeAll(ctx context.Context, facts []store.ClockFacts, policies []sla.Policy, now time.Time) ([]computed, error) {
	calendars := map[int64]*calendar.Calendar{}
	for _, f := range facts {
		if _, ok := calendars[f.MemberID]; !ok {
			cal, err := a.MemberCalendar(ctx, f.MemberID)
			if err != nil {
				return nil, err
			}
			calendars[f.MemberID] = cal
		}
	}
	out := make([]computed, len(facts))
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(facts); i += workers {
				c, err := computeClocks(facts[i], policies, calendars[facts[i].MemberID], now)
				if err != nil {
					errs[w] = fmt.Errorf("case %d: %w", facts[i].CaseID, err)
					return
				}
				out[i] = c
			}
		})
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
