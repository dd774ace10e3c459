// Package jobs runs the durable background work of Samverkan. Jobs live in
// the database (enqueued by package app in the transaction of the change
// that causes them); every instance runs a Runner, and the database decides
// which worker gets which job, so several instances never run a job twice
// at the same time. A job whose worker died is taken up again when its
// lease runs out: handlers must tolerate running more than once.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"samverkan/internal/store"
)

// Handler does the work of one job; an error makes the job retry later.
type Handler func(ctx context.Context, payload string) error

// Runner claims and runs due jobs.
type Runner struct {
	db       *store.DB
	log      *slog.Logger
	now      func() time.Time
	worker   string
	handlers map[string]Handler
	periodic []periodic
	// Poll is how often an idle runner looks for due jobs.
	Poll time.Duration
	// Lease is how long a claimed job is reserved for its worker.
	Lease time.Duration
}

type periodic struct {
	kind  string
	every time.Duration
}

// NewRunner makes a runner with a random worker name.
func NewRunner(db *store.DB, log *slog.Logger, now func() time.Time) *Runner {
	b := make([]byte, 6)
	rand.Read(b)
	if now == nil {
		now = time.Now
	}
	return &Runner{db: db, log: log, now: now, worker: hex.EncodeToString(b), handlers: map[string]Handler{},
		Poll: time.Second, Lease: 5 * time.Minute}
}

// Handle registers the handler of a job kind.
func (r *Runner) Handle(kind string, h Handler) { r.handlers[kind] = h }

// Every makes kind run once per interval across all instances: each
// instance enqueues it with a unique key naming the time slot, and only the
// first enqueue of a slot counts.
func (r *Runner) Every(kind string, interval time.Duration, h Handler) {
	r.Handle(kind, h)
	r.periodic = append(r.periodic, periodic{kind, interval})
}

// Backoff is the delay before attempt n+1 (n >= 1): 10 s, 40 s, 90 s, …
// capped at one hour.
func Backoff(n int) time.Duration {
	return min(time.Duration(n*n)*10*time.Second, time.Hour)
}

// Run works until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	for {
		r.schedulePeriodic(ctx)
		n, err := r.RunDue(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("jobs", "err", err)
		}
		if n > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.Poll):
		}
	}
}

func (r *Runner) schedulePeriodic(ctx context.Context) {
	now := r.now()
	for _, p := range r.periodic {
		slot := now.Truncate(p.every)
		key := fmt.Sprintf("%s@%s", p.kind, slot.UTC().Format(time.RFC3339))
		err := r.db.InTx(ctx, func(q *store.Queries) error {
			_, err := q.EnqueueJob(ctx, store.Job{Kind: p.kind, RunAt: slot, UniqueKey: key, MaxAttempts: 1}, now)
			return err
		})
		if err != nil && ctx.Err() == nil {
			r.log.Warn("schedule periodic job", "kind", p.kind, "err", err)
		}
	}
}

// RunDue runs jobs until none is due and returns how many ran.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	kinds := slices.Sorted(maps.Keys(r.handlers))
	if len(kinds) == 0 {
		return 0, nil
	}
	n := 0
	for ctx.Err() == nil {
		now := r.now()
		var job store.Job
		err := r.db.InTx(ctx, func(q *store.Queries) error {
			var err error
			job, err = q.ClaimJob(ctx, r.worker, kinds, now, now.Add(r.Lease))
			return err
		})
		if errors.Is(err, store.ErrNotFound) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
		r.execute(ctx, job)
	}
	return n, ctx.Err()
}

func (r *Runner) execute(ctx context.Context, job store.Job) {
	jctx, cancel := context.WithTimeout(ctx, r.Lease)
	err := r.safely(jctx, job)
	cancel()
	now := r.now()
	ferr := r.db.InTx(context.WithoutCancel(ctx), func(q *store.Queries) error {
		if err == nil {
			return q.FinishJob(ctx, job.ID, now)
		}
		return q.RetryJob(ctx, job.ID, err.Error(), now.Add(Backoff(job.Attempts)), now)
	})
	switch {
	case ferr != nil:
		r.log.Error("record job result", "job", job.ID, "kind", job.Kind, "err", ferr)
	case err != nil && job.Attempts >= job.MaxAttempts:
		r.log.Error("job failed for good", "job", job.ID, "kind", job.Kind, "attempts", job.Attempts, "err", err)
	case err != nil:
		r.log.Warn("job failed, will retry", "job", job.ID, "kind", job.Kind, "attempt", job.Attempts, "err", err)
	}
}

func (r *Runner) safely(ctx context.Context, job store.Job) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return r.handlers[job.Kind](ctx, job.Payload)
}
