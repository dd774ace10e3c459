package app

import (
	"context"
	"errors"
	"time"

	"samverkan/internal/org"
	"samverkan/internal/store"
)

// DefaultCentre is what a new installation starts with until the
// administrator changes it.
var DefaultCentre = org.Centre{Name: "Servicecenter", Country: "SE", TimeZone: "Europe/Stockholm", Currency: "SEK", Language: "sv"}

// Centre reads the centre's settings (the defaults before first setup).
// Everyone signed in may read them: the name and language frame every page.
func (a *App) Centre(ctx context.Context) (org.Centre, error) {
	c, err := a.db.Read().GetCentre(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return DefaultCentre, nil
	}
	return c, err
}

// UpdateCentre changes the centre's settings.
func (a *App) UpdateCentre(ctx context.Context, by Actor, c org.Centre) (org.Centre, error) {
	if err := by.require(ManageOrganisation); err != nil {
		return c, err
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetCentre(ctx)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := q.SaveCentre(ctx, c, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, 0, "centre", 1, "update", before, c)
	})
	return c, err
}

// localNow is the current time in the centre's time zone.
func (a *App) localNow(ctx context.Context) time.Time {
	c, err := a.Centre(ctx)
	if err != nil {
		return a.now()
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return a.now()
	}
	return a.now().In(loc)
}
