package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"samverkan/internal/governance"
)

const agendaCols = `id, meeting_id, position, title, notes, source, source_id, member_id, created_at`

func scanAgendaItem(row scanner) (governance.AgendaItem, error) {
	var a governance.AgendaItem
	var member sql.NullInt64
	err := row.Scan(&a.ID, &a.MeetingID, &a.Position, &a.Title, &a.Notes, &a.Source, &a.SourceID, &member, &a.CreatedAt)
	a.MemberID = idOf(member)
	return a, classify(err)
}

// AgendaItems lists a meeting's agenda in order.
func (q *Queries) AgendaItems(ctx context.Context, meetingID int64) ([]governance.AgendaItem, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+agendaCols+` FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []governance.AgendaItem
	for rows.Next() {
		a, err := scanAgendaItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetAgendaItem reads one agenda item.
func (q *Queries) GetAgendaItem(ctx context.Context, id int64) (governance.AgendaItem, error) {
	return scanAgendaItem(q.ex.QueryRowContext(ctx, `SELECT `+agendaCols+` FROM agenda_items WHERE id = $1`, id))
}

// CreateAgendaItem appends an item to a meeting's agenda. An item from a
// source already on the agenda is ErrDuplicate.
func (q *Queries) CreateAgendaItem(ctx context.Context, a governance.AgendaItem, now time.Time) (governance.AgendaItem, error) {
	a.CreatedAt = utc(now)
	if err := q.ex.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1`, a.MeetingID).Scan(&a.Position); err != nil {
		return a, err
	}
	err := q.ex.QueryRowContext(ctx, `INSERT INTO agenda_items (meeting_id, position, title, notes, source, source_id, member_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.MeetingID, a.Position, a.Title, a.Notes, a.Source, a.SourceID, nullID(a.MemberID), a.CreatedAt).Scan(&a.ID)
	return a, classify(err)
}

// UpdateAgendaItem changes an item's title and notes.
func (q *Queries) UpdateAgendaItem(ctx context.Context, a governance.AgendaItem) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE agenda_items SET title = $1, notes = $2 WHERE id = $3`, a.Title, a.Notes, a.ID)
	return err
}

// DeleteAgendaItem takes an item off the agenda.
func (q *Queries) DeleteAgendaItem(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = $1`, id)
	return err
}

const decisionCols = `d.id, d.meeting_id, d.forum_id, d.member_id, d.agenda_item_id, d.escalation_id, d.title, d.body, d.created_by, d.created_at`

func scanDecision(row scanner) (governance.Decision, error) {
	var d governance.Decision
	var member, item, esc, by sql.NullInt64
	err := row.Scan(&d.ID, &d.MeetingID, &d.ForumID, &member, &item, &esc, &d.Title, &d.Body, &by, &d.CreatedAt)
	d.MemberID, d.AgendaItemID, d.EscalationID, d.CreatedBy = idOf(member), idOf(item), idOf(esc), idOf(by)
	return d, classify(err)
}

// CreateDecision records a decision.
func (q *Queries) CreateDecision(ctx context.Context, d governance.Decision, now time.Time) (governance.Decision, error) {
	d.CreatedAt = utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO decisions (meeting_id, forum_id, member_id, agenda_item_id, escalation_id, title, body, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		d.MeetingID, d.ForumID, nullID(d.MemberID), nullID(d.AgendaItemID), nullID(d.EscalationID), d.Title, d.Body, nullID(d.CreatedBy), d.CreatedAt).Scan(&d.ID)
	return d, classify(err)
}

// GetDecision reads one decision.
func (q *Queries) GetDecision(ctx context.Context, id int64) (governance.Decision, error) {
	return scanDecision(q.ex.QueryRowContext(ctx, `SELECT `+decisionCols+` FROM decisions d WHERE d.id = $1`, id))
}

// GovScope limits governance lists for a member-side reader: only
// meetings with their member (or with all members) whose minutes are out;
// OwnerID's own action items are seen whatever the minutes.
type GovScope struct {
	MemberID int64 // 0: no limit (centre staff)
	OwnerID  int64
	OwnOnly  bool // only OwnerID's own action items (not a participant)
}

func (s GovScope) apply(w *where, meetingAlias, ownerCol string) {
	if s.OwnOnly {
		if ownerCol == "" {
			w.add("1 = 0")
		} else {
			w.add(ownerCol+" = ?", s.OwnerID)
		}
		return
	}
	if s.MemberID == 0 {
		return
	}
	cond := "(" + meetingAlias + ".member_id IS NULL OR " + meetingAlias + ".member_id = ?) AND " + meetingAlias + ".minutes_published_at IS NOT NULL"
	if ownerCol != "" && s.OwnerID != 0 {
		w.add("(("+cond+") OR "+ownerCol+" = ?)", s.MemberID, s.OwnerID)
		return
	}
	w.add(cond, s.MemberID)
}

// DecisionFilter narrows the decision register.
type DecisionFilter struct {
	Scope     GovScope
	ForumID   int64
	MeetingID int64
	Search    string
	Page
}

// ListDecisions returns decisions, newest first.
func (q *Queries) ListDecisions(ctx context.Context, f DecisionFilter) ([]governance.Decision, error) {
	var w where
	f.Scope.apply(&w, "m", "")
	if f.ForumID != 0 {
		w.add("d.forum_id = ?", f.ForumID)
	}
	if f.MeetingID != 0 {
		w.add("d.meeting_id = ?", f.MeetingID)
	}
	if s := strings.ToLower(strings.TrimSpace(f.Search)); s != "" {
		w.add("(LOWER(d.title) LIKE ? OR LOWER(d.body) LIKE ?)", "%"+s+"%", "%"+s+"%")
	}
	if f.After > 0 {
		w.add("d.id < ?", f.After)
	}
	s := `SELECT ` + decisionCols + ` FROM decisions d JOIN meetings m ON m.id = d.meeting_id`
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	s += " ORDER BY d.id DESC"
	if f.Limit > 0 {
		s += " LIMIT " + itoa(f.Limit)
	}
	rows, err := q.ex.QueryContext(ctx, s, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []governance.Decision
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

const actionCols = `a.id, a.meeting_id, a.forum_id, a.member_id, a.decision_id, a.title, a.owner_id, a.due_on, a.status,
	a.progress, a.completed_at, a.created_at, a.updated_at`

func scanActionItem(row scanner) (governance.ActionItem, error) {
	var a governance.ActionItem
	var member, decision sql.NullInt64
	var done sql.NullTime
	err := row.Scan(&a.ID, &a.MeetingID, &a.ForumID, &member, &decision, &a.Title, &a.OwnerID, &a.DueOn, &a.Status,
		&a.Progress, &done, &a.CreatedAt, &a.UpdatedAt)
	a.MemberID, a.DecisionID, a.CompletedAt = idOf(member), idOf(decision), done.Time
	return a, classify(err)
}

// CreateActionItem records an action item.
func (q *Queries) CreateActionItem(ctx context.Context, a governance.ActionItem, now time.Time) (governance.ActionItem, error) {
	a.CreatedAt, a.UpdatedAt, a.DueOn = utc(now), utc(now), dateOnly(a.DueOn)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO action_items (meeting_id, forum_id, member_id, decision_id, title, owner_id, due_on,
		status, progress, completed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		a.MeetingID, a.ForumID, nullID(a.MemberID), nullID(a.DecisionID), a.Title, a.OwnerID, a.DueOn, a.Status, a.Progress,
		nullTime(a.CompletedAt), a.CreatedAt).Scan(&a.ID)
	return a, classify(err)
}

// GetActionItem reads one action item.
func (q *Queries) GetActionItem(ctx context.Context, id int64) (governance.ActionItem, error) {
	return scanActionItem(q.ex.QueryRowContext(ctx, `SELECT `+actionCols+` FROM action_items a WHERE a.id = $1`, id))
}

// UpdateActionItem writes an item's changeable fields.
func (q *Queries) UpdateActionItem(ctx context.Context, a governance.ActionItem, now time.Time) (governance.ActionItem, error) {
	a.UpdatedAt, a.DueOn = utc(now), dateOnly(a.DueOn)
	_, err := q.ex.ExecContext(ctx, `UPDATE action_items SET title = $1, owner_id = $2, due_on = $3, status = $4, progress = $5,
		completed_at = $6, updated_at = $7 WHERE id = $8`,
		a.Title, a.OwnerID, a.DueOn, a.Status, a.Progress, nullTime(a.CompletedAt), a.UpdatedAt, a.ID)
	return a, classify(err)
}

// ActionFilter narrows an action item list.
type ActionFilter struct {
	Scope       GovScope
	ForumID     int64
	MeetingID   int64
	OwnerID     int64
	NotDone     bool
	BeforeStart time.Time // only items of meetings that started before this
	Page
}

// ListActionItems returns action items in id order.
func (q *Queries) ListActionItems(ctx context.Context, f ActionFilter) ([]governance.ActionItem, error) {
	var w where
	f.Scope.apply(&w, "m", "a.owner_id")
	if f.ForumID != 0 {
		w.add("a.forum_id = ?", f.ForumID)
	}
	if f.MeetingID != 0 {
		w.add("a.meeting_id = ?", f.MeetingID)
	}
	if f.OwnerID != 0 {
		w.add("a.owner_id = ?", f.OwnerID)
	}
	if f.NotDone {
		w.add("a.status <> 'done'")
	}
	if !f.BeforeStart.IsZero() {
		w.add("m.starts_at < ?", utc(f.BeforeStart))
	}
	if f.After > 0 {
		w.add("a.id > ?", f.After)
	}
	s := `SELECT ` + actionCols + ` FROM action_items a JOIN meetings m ON m.id = a.meeting_id`
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	s += " ORDER BY a.id"
	if f.Limit > 0 {
		s += " LIMIT " + itoa(f.Limit)
	}
	rows, err := q.ex.QueryContext(ctx, s, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []governance.ActionItem
	for rows.Next() {
		a, err := scanActionItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
