package store

import (
	"context"
	"strconv"
	"time"

	"samverkan/internal/org"
)

// GetCentre reads the centre's settings; ErrNotFound before first setup.
func (q *Queries) GetCentre(ctx context.Context) (org.Centre, error) {
	var c org.Centre
	err := q.ex.QueryRowContext(ctx, `SELECT name, country, time_zone, currency, language FROM centre WHERE id = 1`).
		Scan(&c.Name, &c.Country, &c.TimeZone, &c.Currency, &c.Language)
	return c, classify(err)
}

// SaveCentre writes the centre's settings.
func (q *Queries) SaveCentre(ctx context.Context, c org.Centre, now time.Time) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO centre (id, name, country, time_zone, currency, language, updated_at)
		VALUES (1, $1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET name = $1, country = $2, time_zone = $3, currency = $4, language = $5, updated_at = $6`,
		c.Name, c.Country, c.TimeZone, c.Currency, c.Language, utc(now))
	return err
}

// Setting reads a key of the settings table ("" when absent).
func (q *Queries) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := classify(q.ex.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v))
	if err == ErrNotFound {
		return "", nil
	}
	return v, err
}

// PutSetting writes a key of the settings table.
func (q *Queries) PutSetting(ctx context.Context, key, value string) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2`, key, value)
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
