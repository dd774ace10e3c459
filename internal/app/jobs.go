package app

import "context"

// CountJobs counts the jobs of a kind in any state (operations and tests).
func (a *App) CountJobs(ctx context.Context, kind string) (int, error) {
	return a.db.Read().CountJobs(ctx, kind, "")
}
