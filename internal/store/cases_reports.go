package store

import (
	"context"
	"fmt"
	"time"

	"samverkan/internal/cases"
)

// ServiceCount is how many cases someone opened on one service.
type ServiceCount struct {
	ServiceID   int64 // 0: not classified
	ServiceCode string
	ServiceName cases.Names
	Cases       int
	Last        time.Time // when the newest of them came in
}

// RequesterServices counts a requester's cases received since a moment,
// per service, most cases first. Merged duplicates do not count.
func (q *Queries) RequesterServices(ctx context.Context, requesterID int64, since time.Time) ([]ServiceCount, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT COALESCE(c.service_id, 0), COALESCE(s.code, ''), COALESCE(s.name_sv, ''),
		COALESCE(s.name_da, ''), COALESCE(s.name_en, ''), COUNT(*), MAX(c.received_at)
		FROM cases c LEFT JOIN services s ON s.id = c.service_id
		WHERE c.requester_id = $1 AND c.received_at >= $2 AND c.merged_into IS NULL
		GROUP BY c.service_id, s.code, s.name_sv, s.name_da, s.name_en
		ORDER BY COUNT(*) DESC, MAX(c.received_at) DESC`, requesterID, utc(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ServiceCount
	for rows.Next() {
		var sc ServiceCount
		var last any
		if err := rows.Scan(&sc.ServiceID, &sc.ServiceCode, &sc.ServiceName.SV, &sc.ServiceName.DA, &sc.ServiceName.EN, &sc.Cases, &last); err != nil {
			return nil, err
		}
		if sc.Last, err = timeOf(last); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// RepeatFilter narrows the repeat-contact report.
type RepeatFilter struct {
	From, To time.Time // received in [From, To)
	MemberID int64     // 0: every member
	MinCases int       // at least this many cases on the same service
	Limit    int
}

// RepeatRow is a person or unit with several cases on one service.
type RepeatRow struct {
	ID          int64 // the person or the unit
	Name        string
	MemberID    int64
	MemberName  string
	ServiceID   int64
	ServiceCode string
	ServiceName cases.Names
	Cases       int
	First, Last time.Time
}

// RepeatByPerson lists the requesters with the most cases on the same
// service in the period.
func (q *Queries) RepeatByPerson(ctx context.Context, f RepeatFilter) ([]RepeatRow, error) {
	return q.repeat(ctx, f, "c.requester_id", "people")
}

// RepeatByUnit lists the units with the most cases on the same service in
// the period.
func (q *Queries) RepeatByUnit(ctx context.Context, f RepeatFilter) ([]RepeatRow, error) {
	return q.repeat(ctx, f, "c.unit_id", "units")
}

func (q *Queries) repeat(ctx context.Context, f RepeatFilter, col, table string) ([]RepeatRow, error) {
	var w where
	w.add("c.received_at >= ?", utc(f.From))
	w.add("c.received_at < ?", utc(f.To))
	w.add("c.merged_into IS NULL")
	w.add("c.service_id IS NOT NULL")
	w.add(col + " IS NOT NULL")
	if f.MemberID != 0 {
		w.add("c.member_id = ?", f.MemberID)
	}
	w.args = append(w.args, f.MinCases)
	having := "$" + itoa(len(w.args))
	rows, err := q.ex.QueryContext(ctx, `SELECT g.id, x.name, g.member_id, m.name, g.service_id, s.code, s.name_sv, s.name_da, s.name_en,
			g.n, g.first_at, g.last_at
		FROM (SELECT `+col+` AS id, c.member_id, c.service_id, COUNT(*) AS n, MIN(c.received_at) AS first_at, MAX(c.received_at) AS last_at
			FROM cases c`+w.clause()+`
			GROUP BY `+col+`, c.member_id, c.service_id HAVING COUNT(*) >= `+having+`) g
		JOIN `+table+` x ON x.id = g.id JOIN members m ON m.id = g.member_id JOIN services s ON s.id = g.service_id
		ORDER BY g.n DESC, g.last_at DESC, g.id, g.service_id LIMIT `+itoa(f.Limit), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RepeatRow
	for rows.Next() {
		var r RepeatRow
		var first, last any
		if err := rows.Scan(&r.ID, &r.Name, &r.MemberID, &r.MemberName, &r.ServiceID, &r.ServiceCode, &r.ServiceName.SV,
			&r.ServiceName.DA, &r.ServiceName.EN, &r.Cases, &first, &last); err != nil {
			return nil, err
		}
		if r.First, err = timeOf(first); err != nil {
			return nil, err
		}
		if r.Last, err = timeOf(last); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// timeOf reads an aggregated instant: PostgreSQL returns a time, SQLite
// the stored text because MIN and MAX lose the column's declared type.
func timeOf(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t.UTC(), nil
	case string:
		return parseSQLiteTime(t)
	case []byte:
		return parseSQLiteTime(string(t))
	case nil:
		return time.Time{}, nil
	}
	return time.Time{}, fmt.Errorf("unexpected time value %T", v)
}

func parseSQLiteTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, &time.ParseError{Layout: "2006-01-02 15:04:05.999999999-07:00", Value: s}
}
