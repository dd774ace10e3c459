package store

import (
	"context"
	"errors"
	"sync"
	"time"
)

// SQLite has one writer at a time. Left to the driver, a second writer
// sleeps and retries until the busy timeout, which turns a queue of
// writers into a lottery of sleeps (and a long tail of latency); a
// process's own writers therefore wait for their turn on a channel.
// Nesting InTx would wait for itself: the same timeout as the driver's
// then ends it with an error, not a hang.
const writeTimeout = 10 * time.Second

var errWriteTimeout = errors.New("database is busy: no turn to write within 10 s")

func (db *DB) waitToWrite(ctx context.Context) error {
	select {
	case db.writer <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(writeTimeout)
	defer t.Stop()
	select {
	case db.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errWriteTimeout
	}
}

// Committing a transaction that pushes the WAL past its threshold would
// make that commit copy the WAL back into the database; instead automatic
// checkpoints are off and a passive one (it never blocks readers or the
// writer) runs every checkpointEvery. New cases' queued search documents
// are indexed every indexEvery.
const (
	indexEvery      = 250 * time.Millisecond
	checkpointEvery = 4 * indexEvery
)

type checkpointer struct {
	done chan struct{}
	wg   sync.WaitGroup
}

func startCheckpoints(db *DB) *checkpointer {
	c := &checkpointer{done: make(chan struct{})}
	c.wg.Go(func() {
		t := time.NewTicker(indexEvery)
		defer t.Stop()
		for tick := 1; ; tick++ {
			select {
			case <-c.done:
				return
			case <-t.C:
				// Best effort: what cannot run now runs on the next tick (a
				// search indexes the queue itself; the WAL only grows).
				db.IndexQueuedCases(context.Background())
				if tick%int(checkpointEvery/indexEvery) == 0 {
					db.SQL.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
				}
			}
		}
	})
	return c
}

func (c *checkpointer) stop() {
	close(c.done)
	c.wg.Wait()
}
