package app

import "time"

// At returns the use cases over the same database with another clock: for
// recording what happened earlier as it happened (the demo data's year of
// meetings, with agendas and minutes out on their own days).
func (a *App) At(now func() time.Time) *App {
	return New(a.db, WithClock(now), WithLogger(a.log))
}
