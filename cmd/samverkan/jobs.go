package main

import (
	"context"
	"log/slog"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/jobs"
	"samverkan/internal/store"
)

// newRunner registers every background job Samverkan has. The runner of
// each instance takes due jobs from the database; periodic jobs are
// enqueued once per interval across all instances.
func newRunner(db *store.DB, a *app.App, log *slog.Logger) *jobs.Runner {
	r := jobs.NewRunner(db, log, nil)
	r.Every("housekeeping", time.Hour, func(ctx context.Context, _ string) error {
		return a.PruneExpired(ctx)
	})
	return r
}
