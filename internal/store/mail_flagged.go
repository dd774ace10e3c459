package store

import (
	"context"
	"time"
)

// ResolveFlaggedMail records what a person did with a message flagged for
// manual handling. It reports false when the message is not flagged (any
// more): someone else handled it first, so a caller that filed it on a case
// in the same transaction rolls back.
func (q *Queries) ResolveFlaggedMail(ctx context.Context, id int64, o InboundOutcome, now time.Time) (bool, error) {
	res, err := q.ex.ExecContext(ctx, `UPDATE inbound_mail SET state = $1, reason = $2, case_id = $3, handled_at = $4
		WHERE id = $5 AND state = 'flagged'`,
		o.State, o.Reason, nullID(o.CaseID), utc(now), id)
	if err != nil {
		return false, classify(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
