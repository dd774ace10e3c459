package app

import (
	"context"
	"fmt"
	"sync"

	"samverkan/internal/cases"
	"samverkan/internal/store"
)

// New cases are written in group commits. Opening a case is the busiest
// write of the product (thousands a second at peak, all needing the next
// number of the year), and much of a write transaction's cost is its
// commit. So OpenCase hands its checked case to a writer that puts every
// case waiting at that moment into one transaction; should one fail, each
// is written again on its own, so only the failing caller gets an error.
// The writer goroutine runs only while there is work. Each caller returns
// when its case is committed (or failed). NewCase.Also may therefore run
// twice; only what it writes through q counts.

// maxOpenBatch bounds the cases of one transaction.
const maxOpenBatch = 64

type openRequest struct {
	app  *App
	ctx  context.Context
	by   Actor
	p    preparedCase
	also func(ctx context.Context, q *store.Queries, c cases.Case) error
	c    cases.Case
	err  error
	done chan struct{}
}

type openBatcher struct {
	mu      sync.Mutex
	pending []*openRequest
	running bool
}

var openBatchers sync.Map // *store.DB → *openBatcher: one writer per database

// writeNewCase writes a prepared case through the group commit.
func (a *App) writeNewCase(ctx context.Context, by Actor, p preparedCase, also func(context.Context, *store.Queries, cases.Case) error) (cases.Case, error) {
	v, _ := openBatchers.LoadOrStore(a.db, &openBatcher{})
	b := v.(*openBatcher)
	// Once queued, the case is written whatever the caller does: cancelling
	// must not leave the caller unsure whether it exists.
	r := &openRequest{app: a, ctx: context.WithoutCancel(ctx), by: by, p: p, also: also, done: make(chan struct{})}
	b.mu.Lock()
	b.pending = append(b.pending, r)
	if !b.running {
		b.running = true
		go runOpenBatches(a.db, b)
	}
	b.mu.Unlock()
	<-r.done
	return r.c, r.err
}

func runOpenBatches(db *store.DB, b *openBatcher) {
	for {
		b.mu.Lock()
		batch := b.pending
		if len(batch) > maxOpenBatch {
			batch = batch[:maxOpenBatch:maxOpenBatch]
			b.pending = append([]*openRequest(nil), b.pending[maxOpenBatch:]...)
		} else {
			b.pending = nil
		}
		if len(batch) == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		writeOpenBatch(db, batch)
	}
}

// writeOpenBatch writes the cases in one transaction. If one of them
// fails, the transaction is rolled back and every case is written again in
// a transaction of its own, so that only the failing one fails. (Savepoints
// would do it in one go, but SQLite journals every page of every savepoint:
// far dearer than the rare second try.)
func writeOpenBatch(db *store.DB, batch []*openRequest) {
	var failed error
	if len(batch) > 1 {
		failed = db.InTx(batch[0].ctx, func(q *store.Queries) error {
			docs := make([]store.CaseDoc, 0, len(batch))
			for _, r := range batch {
				var doc store.CaseDoc
				if r.c, doc, r.err = r.app.openOne(r, q); r.err != nil {
					return r.err
				}
				docs = append(docs, doc)
			}
			return q.IndexNewCases(batch[0].ctx, docs)
		})
	}
	for _, r := range batch {
		if len(batch) > 1 && failed == nil {
			close(r.done)
			continue
		}
		r.err = db.InTx(r.ctx, func(q *store.Queries) error {
			var doc store.CaseDoc
			var err error
			if r.c, doc, err = r.app.openOne(r, q); err != nil {
				return err
			}
			return q.IndexNewCases(r.ctx, []store.CaseDoc{doc})
		})
		if r.err != nil {
			r.c = cases.Case{}
		}
		close(r.done)
	}
}

// openOne writes one case and runs its hook; a panic in the hook fails
// that case only.
func (a *App) openOne(r *openRequest, q *store.Queries) (c cases.Case, doc store.CaseDoc, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("open case: panic: %v", v)
		}
	}()
	if c, doc, err = a.openCaseIn(r.ctx, q, r.by, r.p); err != nil {
		return c, doc, err
	}
	if r.also != nil {
		err = r.also(r.ctx, q, c)
	}
	return c, doc, err
}
