package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"samverkan/internal/jobs"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

func enqueue(t *testing.T, db *store.DB, j store.Job, now time.Time) bool {
	t.Helper()
	var ok bool
	err := db.InTx(context.Background(), func(q *store.Queries) error {
		var err error
		ok, err = q.EnqueueJob(context.Background(), j, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestRetriesThenSucceeds(t *testing.T) {
	db := dbtest.Open(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	r := jobs.NewRunner(db, slog.New(slog.NewTextHandler(io.Discard, nil)), clock)
	calls := 0
	r.Handle("flaky", func(ctx context.Context, payload string) error {
		calls++
		if calls < 3 {
			return errors.New("smtp down")
		}
		return nil
	})
	enqueue(t, db, store.Job{Kind: "flaky", Payload: `{"n":1}`}, now)
	for range 3 {
		if _, err := r.RunDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour) // past any backoff
	}
	n, _ := db.Read().CountJobs(context.Background(), "flaky", "done")
	if calls != 3 || n != 1 {
		t.Fatalf("calls %d, done %d; want 3 calls and the job done", calls, n)
	}
}

func TestFailsForGoodAfterMaxAttempts(t *testing.T) {
	db := dbtest.Open(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	r := jobs.NewRunner(db, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return now })
	r.Handle("doomed", func(context.Context, string) error { return errors.New("no") })
	enqueue(t, db, store.Job{Kind: "doomed", MaxAttempts: 2}, now)
	for range 4 {
		r.RunDue(context.Background())
		now = now.Add(time.Hour)
	}
	if n, _ := db.Read().CountJobs(context.Background(), "doomed", "failed"); n != 1 {
		t.Fatalf("failed jobs %d, want 1", n)
	}
}

func TestUniqueKeyEnqueuesOnce(t *testing.T) {
	db := dbtest.Open(t)
	now := time.Now()
	if !enqueue(t, db, store.Job{Kind: "k", UniqueKey: "once"}, now) || enqueue(t, db, store.Job{Kind: "k", UniqueKey: "once"}, now) {
		t.Fatal("unique key did not hold")
	}
}

// TestSeveralRunnersRunEachJobOnce runs three runners at once over one
// database, as three instances would.
func TestSeveralRunnersRunEachJobOnce(t *testing.T) {
	db := dbtest.Open(t)
	now := time.Now()
	const total = 60
	for range total {
		enqueue(t, db, store.Job{Kind: "count"}, now)
	}
	var ran atomic.Int64
	var wg sync.WaitGroup
	for range 3 {
		r := jobs.NewRunner(db, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
		r.Handle("count", func(ctx context.Context, payload string) error {
			ran.Add(1)
			return nil
		})
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.RunDue(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ran.Load() != total {
		t.Fatalf("ran %d jobs, want %d exactly once each", ran.Load(), total)
	}
}
