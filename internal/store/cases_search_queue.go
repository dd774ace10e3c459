package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
)

// On SQLite the search documents of cases opened alone (see
// IndexNewCases) wait in case_fts_queue and go into the full-text index in
// batches: before every search, so that a search always finds every case,
// and four times a second in the background (sqlite_writes.go). Writing
// each in the commit that opens its case would cost that commit a segment
// flush and FTS5's merges.

// queueNewCaseDocs puts documents of new cases in the queue.
func (q *Queries) queueNewCaseDocs(ctx context.Context, rows [][]any) error {
	return insertRows(ctx, q, "case_fts_queue", "case_id, ext, int", rows, "")
}

// takeQueuedCaseDoc removes a case's document from the queue, and reports
// whether it was there (then the index has none yet).
func (q *Queries) takeQueuedCaseDoc(ctx context.Context, caseID int64) (bool, error) {
	res, err := q.ex.ExecContext(ctx, `DELETE FROM case_fts_queue WHERE case_id = $1`, caseID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// indexChunk bounds the documents indexed in one transaction: the writer
// is held for a few milliseconds at a time, and new cases go in between.
const indexChunk = 200

// IndexQueuedCases moves the queued documents into the full-text index
// (SQLite; on PostgreSQL there is no queue), a chunk per transaction.
func (db *DB) IndexQueuedCases(ctx context.Context) error {
	if db.Engine != SQLite {
		return nil
	}
	for {
		var last int64
		err := db.SQL.QueryRowContext(ctx, `SELECT case_id FROM case_fts_queue ORDER BY case_id LIMIT 1 OFFSET `+itoa(indexChunk-1)).Scan(&last)
		if errors.Is(err, sql.ErrNoRows) {
			last = math.MaxInt64 // fewer than a chunk: all of them
		} else if err != nil {
			return err
		}
		var moved int64
		err = db.InTx(ctx, func(q *Queries) error {
			res, err := q.ex.ExecContext(ctx, `INSERT INTO case_fts (rowid, ext, int)
				SELECT case_id, ext, int FROM case_fts_queue WHERE case_id <= $1 ORDER BY case_id`, last)
			if err != nil {
				return err
			}
			if moved, err = res.RowsAffected(); err != nil {
				return err
			}
			_, err = q.ex.ExecContext(ctx, `DELETE FROM case_fts_queue WHERE case_id <= $1`, last)
			return err
		})
		if err != nil || moved < indexChunk {
			return err
		}
	}
}
