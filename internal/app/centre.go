package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"samverkan/internal/org"
	"samverkan/internal/store"
)

// DefaultCentre is what a new installation starts with until the
// administrator changes it.
var DefaultCentre = org.Centre{Name: "Servicecenter", Country: "SE", TimeZone: "Europe/Stockholm", Currency: "SEK", Language: "sv"}

// Centre reads the centre's settings (the defaults before first setup).
// Everyone signed in may read them: the name and language frame every page.
// Every API response renders times in its zone, so it is kept in memory
// for caseCacheTTL; this instance's own change clears it at once.
func (a *App) Centre(ctx context.Context) (org.Centre, error) {
	v, _ := centreCaches.LoadOrStore(a.db, &centreCache{})
	cc := v.(*centreCache)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if !cc.read.IsZero() && time.Since(cc.read) < caseCacheTTL {
		return cc.centre, nil
	}
	c, err := a.db.Read().GetCentre(ctx)
	if errors.Is(err, store.ErrNotFound) {
		c, err = DefaultCentre, nil
	}
	if err != nil {
		return c, err
	}
	cc.centre, cc.read = c, time.Now()
	return c, nil
}

type centreCache struct {
	mu     sync.Mutex
	centre org.Centre
	read   time.Time
}

var centreCaches sync.Map // *store.DB → *centreCache

func (a *App) forgetCentre() {
	if v, ok := centreCaches.Load(a.db); ok {
		cc := v.(*centreCache)
		cc.mu.Lock()
		cc.read = time.Time{}
		cc.mu.Unlock()
	}
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
	a.forgetCentre()
	a.forgetCases()
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
