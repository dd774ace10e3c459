package app

import (
	"context"

	"samverkan/internal/store"
)

// InstallationSetting reads a key of the installation's settings.
func (a *App) InstallationSetting(ctx context.Context, key string) (string, error) {
	return a.db.Read().Setting(ctx, key)
}

// SetInstallationSetting writes a key (the system and admins only).
func (a *App) SetInstallationSetting(ctx context.Context, by Actor, key, value string) error {
	if err := by.require(ManageOrganisation); err != nil {
		return err
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.Setting(ctx, key)
		if err != nil {
			return err
		}
		if err := q.PutSetting(ctx, key, value); err != nil {
			return err
		}
		return a.audit(ctx, q, by, 0, "setting", 0, "set", map[string]string{key: before}, map[string]string{key: value})
	})
}
