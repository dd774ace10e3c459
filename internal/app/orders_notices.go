package app

import (
	"context"
	"strings"

	"samverkan/internal/store"
)

// Notice is an in-app notification.
type Notice = store.Notification

// OrderNotices lists the actor's newest notifications about orders and
// agreements (at most 50), newest first.
func (a *App) OrderNotices(ctx context.Context, by Actor) ([]Notice, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	ns, err := a.db.Read().ListNotifications(ctx, by.PersonID, false, 200)
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, n := range ns {
		if (strings.HasPrefix(n.Kind, "order_") || strings.HasPrefix(n.Kind, "agreement_")) && len(out) < 50 {
			out = append(out, n)
		}
	}
	return out, nil
}
