package app

import (
	"context"
	"slices"
)

// APITokenPage lists the actor's own tokens a page at a time, newest first
// (the API's paginated form of ListAPITokens).
func (a *App) APITokenPage(ctx context.Context, by Actor, pr PageRequest) (Page[APIToken], error) {
	p, err := pr.storePage()
	if err != nil {
		return Page[APIToken]{}, err
	}
	ts, err := a.ListAPITokens(ctx, by)
	if err != nil {
		return Page[APIToken]{}, err
	}
	if p.After > 0 {
		// Newest first: the next page holds the ids below the cursor.
		i := slices.IndexFunc(ts, func(t APIToken) bool { return t.ID < p.After })
		if i < 0 {
			i = len(ts)
		}
		ts = ts[i:]
	}
	if len(ts) > p.Limit {
		ts = ts[:p.Limit]
	}
	return pageOf(ts, p, func(t APIToken) int64 { return t.ID }), nil
}
