package app

import (
	"context"

	"samverkan/internal/store"
)

// Counts are the sizes of the directory.
type Counts = store.Counts

// Overview counts the directory for the console's start page (centre staff).
func (a *App) Overview(ctx context.Context, by Actor) (Counts, error) {
	if err := by.require(ViewCentre); err != nil {
		return Counts{}, err
	}
	return a.db.Read().CountAll(ctx)
}
