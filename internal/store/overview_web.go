package store

import "context"

// Counts are the sizes of the directory, for the console's start page.
type Counts struct {
	Members, Units, People, Teams, Substitutes int
}

// CountAll counts members, units, people, teams and substitutions.
func (q *Queries) CountAll(ctx context.Context) (Counts, error) {
	var c Counts
	err := q.ex.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM people),
		(SELECT COUNT(*) FROM teams), (SELECT COUNT(*) FROM substitutes)`).
		Scan(&c.Members, &c.Units, &c.People, &c.Teams, &c.Substitutes)
	return c, err
}
