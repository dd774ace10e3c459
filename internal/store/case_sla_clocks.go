package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"time"
)

// The clocks of a case are stored as one value: a format byte, then per
// measure (first response, next response, resolution, member input) a
// paused byte and the warn, due, met and miss instants as varints of unix
// microseconds, 0 for none. Encoding and decoding are a few hundred
// nanoseconds; twenty-two timestamp columns cost SQLite ~20 µs a row.
const clocksFormat = 1

// Rows are the four clocks of s in measure order: first response, next
// response, resolution, member input.
func (s *CaseSLA) Rows() [4]*ClockRow {
	return [4]*ClockRow{&s.FirstResponse, &s.NextResponse, &s.Resolution, &s.MemberInput}
}

// encodeClocks returns the stored value of s's clocks and the bit sets of
// the measures that have a due instant and that were missed.
func encodeClocks(s CaseSLA) (value []byte, due, missed int) {
	b := make([]byte, 1, 1+4*(1+4*binary.MaxVarintLen64))
	b[0] = clocksFormat
	for i, c := range s.Rows() {
		paused := byte(0)
		if c.Paused {
			paused = 1
		}
		b = append(b, paused)
		for _, t := range []time.Time{c.Warn, c.Due, c.Met, c.Miss} {
			b = binary.AppendVarint(b, micros(t))
		}
		if !c.Due.IsZero() {
			due |= 1 << i
		}
		if !c.Miss.IsZero() {
			missed |= 1 << i
		}
	}
	return b, due, missed
}

// decodeClocks fills s's clocks from a stored value.
func decodeClocks(b []byte, s *CaseSLA) error {
	if len(b) == 0 || b[0] != clocksFormat {
		return errors.New("case_sla: unknown clocks format")
	}
	b = b[1:]
	for _, c := range s.Rows() {
		if len(b) == 0 {
			return errors.New("case_sla: clocks cut short")
		}
		c.Paused, b = b[0] == 1, b[1:]
		for _, t := range []*time.Time{&c.Warn, &c.Due, &c.Met, &c.Miss} {
			v, n := binary.Varint(b)
			if n <= 0 {
				return errors.New("case_sla: clocks cut short")
			}
			*t, b = instant(v), b[n:]
		}
	}
	return nil
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func instant(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// convertCaseSLA0008 moves the clocks stored one column per instant
// (migration 0008) into the compact form, a batch of cases at a time.
func convertCaseSLA0008(ctx context.Context, q *Queries) error {
	var after int64
	for {
		rows, err := q.ex.QueryContext(ctx, `SELECT case_id, policy_id,
			first_response_warn, first_response_due, first_response_met, first_response_miss, first_response_paused,
			next_response_warn, next_response_due, next_response_met, next_response_miss, next_response_paused,
			resolution_warn, resolution_due, resolution_met, resolution_miss, resolution_paused,
			member_input_warn, member_input_due, member_input_met, member_input_miss, member_input_paused, alert_at, computed_at
			FROM case_sla_0008 WHERE case_id > $1 ORDER BY case_id LIMIT 5000`, after)
		if err != nil {
			return err
		}
		var batch []CaseSLA
		for rows.Next() {
			var s CaseSLA
			var policy sql.NullInt64
			var t [17]sql.NullTime
			dst := []any{&s.CaseID, &policy}
			for i, c := range s.Rows() {
				dst = append(dst, &t[4*i], &t[4*i+1], &t[4*i+2], &t[4*i+3], &c.Paused)
			}
			if err := rows.Scan(append(dst, &t[16], &s.ComputedAt)...); err != nil {
				rows.Close()
				return err
			}
			s.PolicyID = idOf(policy)
			for i, c := range s.Rows() {
				c.Warn, c.Due, c.Met, c.Miss = t[4*i].Time, t[4*i+1].Time, t[4*i+2].Time, t[4*i+3].Time
			}
			s.AlertAt = t[16].Time
			batch = append(batch, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			_, err := q.ex.ExecContext(ctx, `DROP TABLE case_sla_0008`)
			return err
		}
		if err := q.SaveCaseSLAs(ctx, batch); err != nil {
			return err
		}
		after = batch[len(batch)-1].CaseID
	}
}
