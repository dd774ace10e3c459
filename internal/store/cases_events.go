package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"samverkan/internal/cases"
)

// AddCaseEvent appends an event to a case's timeline.
func (q *Queries) AddCaseEvent(ctx context.Context, e cases.Event) (cases.Event, error) {
	e.CreatedAt = utc(e.CreatedAt)
	changes := ""
	if len(e.Changes) > 0 {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return e, err
		}
		changes = string(b)
	}
	var msgID any
	if e.MessageID != "" {
		msgID = e.MessageID
	}
	err := q.prepared().QueryRowContext(ctx, `INSERT INTO case_events (case_id, kind, visibility, author_id, author_name, on_behalf_of,
		channel, body, changes, message_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		e.CaseID, e.Kind, e.Visibility, nullID(e.AuthorID), e.AuthorName, nullID(e.OnBehalfOf), e.Channel, e.Body, changes,
		msgID, e.CreatedAt).Scan(&e.ID)
	return e, classify(err)
}

// SetEventMessageID records the Message-ID under which an event went out
// by e-mail, so that replies to it thread into the case.
func (q *Queries) SetEventMessageID(ctx context.Context, eventID int64, messageID string) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE case_events SET message_id = $1 WHERE id = $2`, messageID, eventID)
	return err
}

const eventCols = `id, case_id, kind, visibility, author_id, author_name, on_behalf_of, channel, body, changes, message_id, created_at`

func scanEvent(row scanner) (cases.Event, error) {
	var e cases.Event
	var author, behalf sql.NullInt64
	var msgID sql.NullString
	var changes string
	err := row.Scan(&e.ID, &e.CaseID, &e.Kind, &e.Visibility, &author, &e.AuthorName, &behalf, &e.Channel, &e.Body,
		&changes, &msgID, &e.CreatedAt)
	if err != nil {
		return e, classify(err)
	}
	e.AuthorID, e.OnBehalfOf, e.MessageID = idOf(author), idOf(behalf), msgID.String
	if changes != "" {
		err = json.Unmarshal([]byte(changes), &e.Changes)
	}
	return e, err
}

// GetCaseEvent reads one event.
func (q *Queries) GetCaseEvent(ctx context.Context, id int64) (cases.Event, error) {
	return scanEvent(q.ex.QueryRowContext(ctx, `SELECT `+eventCols+` FROM case_events WHERE id = $1`, id))
}

// CaseEvents lists the events of the given cases in time order, with the
// attachments of each; externalOnly leaves out what only the centre sees.
func (q *Queries) CaseEvents(ctx context.Context, caseIDs []int64, externalOnly bool) ([]cases.Event, error) {
	if len(caseIDs) == 0 {
		return nil, nil
	}
	var w where
	w.add("case_id IN (" + placeholders(&w, caseIDs) + ")")
	if externalOnly {
		w.add("visibility = 'external'")
	}
	cond := strings.Join(w.conds, " AND ")
	rows, err := q.ex.QueryContext(ctx, `SELECT `+eventCols+` FROM case_events WHERE `+cond+` ORDER BY created_at, id`, w.args...)
	if err != nil {
		return nil, err
	}
	var es []cases.Event
	index := map[int64]int{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[e.ID] = len(es)
		es = append(es, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	as, err := q.CaseAttachments(ctx, caseIDs)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if i, ok := index[a.EventID]; ok {
			es[i].Attachments = append(es[i].Attachments, a)
		}
	}
	return es, nil
}

// CaseTexts returns the texts of a case's messages: what the member side
// sees (messages, replies) and what only the centre sees (notes, hand-over
// reasons), for the search index.
func (q *Queries) CaseTexts(ctx context.Context, caseID int64) (external, internal []string, err error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT visibility, body FROM case_events
		WHERE case_id = $1 AND body <> '' ORDER BY id`, caseID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var vis cases.Visibility
		var body string
		if err := rows.Scan(&vis, &body); err != nil {
			return nil, nil, err
		}
		if vis == cases.External {
			external = append(external, body)
		} else {
			internal = append(internal, body)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	names, err := q.ex.QueryContext(ctx, `SELECT a.filename, e.visibility FROM case_attachments a
		JOIN case_events e ON e.id = a.event_id WHERE a.case_id = $1 ORDER BY a.id`, caseID)
	if err != nil {
		return nil, nil, err
	}
	defer names.Close()
	for names.Next() {
		var name string
		var vis cases.Visibility
		if err := names.Scan(&name, &vis); err != nil {
			return nil, nil, err
		}
		if vis == cases.External {
			external = append(external, name)
		} else {
			internal = append(internal, name)
		}
	}
	return external, internal, names.Err()
}

// AttachmentFile is an attachment with its bytes.
type AttachmentFile struct {
	cases.Attachment
	Data []byte
}

// AddAttachment stores a file of an event.
func (q *Queries) AddAttachment(ctx context.Context, f AttachmentFile) (cases.Attachment, error) {
	a := f.Attachment
	a.CreatedAt = utc(a.CreatedAt)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO case_attachments (case_id, event_id, filename, content_type, size, sha256, data, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.CaseID, a.EventID, a.Filename, a.ContentType, a.Size, a.SHA256, f.Data, a.CreatedAt).Scan(&a.ID)
	return a, classify(err)
}

const attachmentCols = `id, case_id, event_id, filename, content_type, size, sha256, created_at`

// CaseAttachments lists the attachments of cases (without their bytes).
func (q *Queries) CaseAttachments(ctx context.Context, caseIDs []int64) ([]cases.Attachment, error) {
	if len(caseIDs) == 0 {
		return nil, nil
	}
	var w where
	w.add("case_id IN (" + placeholders(&w, caseIDs) + ")")
	rows, err := q.ex.QueryContext(ctx, `SELECT `+attachmentCols+` FROM case_attachments WHERE `+w.conds[0]+` ORDER BY id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []cases.Attachment
	for rows.Next() {
		var a cases.Attachment
		if err := rows.Scan(&a.ID, &a.CaseID, &a.EventID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt); err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// GetAttachment reads an attachment with its bytes and the visibility of
// the event it belongs to.
func (q *Queries) GetAttachment(ctx context.Context, id int64) (AttachmentFile, cases.Visibility, error) {
	var f AttachmentFile
	var vis cases.Visibility
	err := q.ex.QueryRowContext(ctx, `SELECT a.id, a.case_id, a.event_id, a.filename, a.content_type, a.size, a.sha256,
		a.created_at, a.data, e.visibility FROM case_attachments a JOIN case_events e ON e.id = a.event_id WHERE a.id = $1`, id).
		Scan(&f.ID, &f.CaseID, &f.EventID, &f.Filename, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &f.Data, &vis)
	return f, vis, classify(err)
}

// CaseLink is a link from one case to another, with what a list shows of
// the other case.
type CaseLink struct {
	CaseID    int64
	OtherID   int64
	Kind      string // related, follow_up (other follows up this), follows (this follows up other)
	CreatedAt time.Time
	Other     cases.Case
}

// Link kinds.
const (
	LinkRelated  = "related"
	LinkFollowUp = "follow_up" // the other case follows up this one
	LinkFollows  = "follows"   // this case follows up the other
)

// LinkCases links two cases both ways; linking again changes nothing.
func (q *Queries) LinkCases(ctx context.Context, a, b int64, kindAB, kindBA string, now time.Time) (bool, error) {
	res, err := q.ex.ExecContext(ctx, `INSERT INTO case_links (case_id, other_id, kind, created_at) VALUES ($1, $2, $3, $5), ($2, $1, $4, $5)
		ON CONFLICT DO NOTHING`, a, b, kindAB, kindBA, utc(now))
	if err != nil {
		return false, classify(err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// UnlinkCases removes the link between two cases both ways.
func (q *Queries) UnlinkCases(ctx context.Context, a, b int64) (bool, error) {
	res, err := q.ex.ExecContext(ctx, `DELETE FROM case_links WHERE (case_id = $1 AND other_id = $2) OR (case_id = $2 AND other_id = $1)`, a, b)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// CaseLinks lists the links of a case with the linked cases.
func (q *Queries) CaseLinks(ctx context.Context, id int64) ([]CaseLink, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT l.case_id, l.other_id, l.kind, l.created_at, `+caseCols+`
		FROM case_links l JOIN cases c ON c.id = l.other_id WHERE l.case_id = $1 ORDER BY l.created_at, l.other_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ls []CaseLink
	for rows.Next() {
		var l CaseLink
		fields, finish := caseFields(&l.Other)
		if err := rows.Scan(append([]any{&l.CaseID, &l.OtherID, &l.Kind, &l.CreatedAt}, fields...)...); err != nil {
			return nil, err
		}
		if err := finish(); err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return ls, rows.Err()
}
