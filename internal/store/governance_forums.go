package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"samverkan/internal/governance"
	"samverkan/internal/org"
)

const forumCols = `id, name, level, member_id, mandate, participants, cadence_kind, cadence_n, convenor_id,
	agenda_days, minutes_days, survey_percent, active, starts_on, created_at, updated_at`

func scanForum(row scanner) (governance.Forum, error) {
	var f governance.Forum
	var member sql.NullInt64
	var parts string
	err := row.Scan(&f.ID, &f.Name, &f.Level, &member, &f.Mandate, &parts, &f.Cadence.Kind, &f.Cadence.N, &f.ConvenorID,
		&f.AgendaDays, &f.MinutesDays, &f.SurveyPercent, &f.Active, &f.StartsOn, &f.CreatedAt, &f.UpdatedAt)
	f.MemberID = idOf(member)
	for _, s := range strings.Fields(parts) {
		if p, perr := governance.ParseParticipant(s); perr == nil {
			f.Participants = append(f.Participants, p)
		}
	}
	return f, classify(err)
}

func participantsText(ps []governance.Participant) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return strings.Join(out, " ")
}

// ForumFilter narrows a forum list.
type ForumFilter struct {
	Covering   int64 // forums whose scope includes this member (its own and those of all members)
	OnlyMember int64 // forums of exactly this member
	Level      org.Level
	ActiveOnly bool
	Page
}

// ListForums returns forums in id order.
func (q *Queries) ListForums(ctx context.Context, f ForumFilter) ([]governance.Forum, error) {
	var w where
	if f.Covering != 0 {
		w.add("(member_id IS NULL OR member_id = ?)", f.Covering)
	}
	if f.OnlyMember != 0 {
		w.add("member_id = ?", f.OnlyMember)
	}
	if f.Level != "" {
		w.add("level = ?", f.Level)
	}
	if f.ActiveOnly {
		w.add("active")
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+forumCols+` FROM forums`+w.page(f.Page, "id"), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []governance.Forum
	for rows.Next() {
		fo, err := scanForum(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, fo)
	}
	return out, rows.Err()
}

// GetForum reads one forum.
func (q *Queries) GetForum(ctx context.Context, id int64) (governance.Forum, error) {
	return scanForum(q.ex.QueryRowContext(ctx, `SELECT `+forumCols+` FROM forums WHERE id = $1`, id))
}

func forumArgs(f governance.Forum) []any {
	return []any{f.Name, f.Level, nullID(f.MemberID), f.Mandate, participantsText(f.Participants), f.Cadence.Kind, f.Cadence.N,
		f.ConvenorID, f.AgendaDays, f.MinutesDays, f.SurveyPercent, f.Active, dateOnly(f.StartsOn)}
}

// CreateForum inserts a forum.
func (q *Queries) CreateForum(ctx context.Context, f governance.Forum, now time.Time) (governance.Forum, error) {
	f.CreatedAt, f.UpdatedAt, f.StartsOn = utc(now), utc(now), dateOnly(f.StartsOn)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO forums (name, level, member_id, mandate, participants, cadence_kind, cadence_n,
		convenor_id, agenda_days, minutes_days, survey_percent, active, starts_on, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
		append(forumArgs(f), f.CreatedAt)...).Scan(&f.ID)
	return f, classify(err)
}

// UpdateForum writes every field of a forum.
func (q *Queries) UpdateForum(ctx context.Context, f governance.Forum, now time.Time) (governance.Forum, error) {
	f.UpdatedAt, f.StartsOn = utc(now), dateOnly(f.StartsOn)
	_, err := q.ex.ExecContext(ctx, `UPDATE forums SET name = $1, level = $2, member_id = $3, mandate = $4, participants = $5,
		cadence_kind = $6, cadence_n = $7, convenor_id = $8, agenda_days = $9, minutes_days = $10, survey_percent = $11,
		active = $12, starts_on = $13, updated_at = $14 WHERE id = $15`, append(forumArgs(f), f.UpdatedAt, f.ID)...)
	return f, classify(err)
}

const meetingCols = `m.id, m.forum_id, m.member_id, m.title, m.starts_at, m.ends_at, m.location, m.status,
	m.agenda_published_at, m.minutes, m.minutes_published_at, m.sequence, m.created_at, m.updated_at`

func scanMeeting(row scanner) (governance.Meeting, error) {
	var m governance.Meeting
	var member sql.NullInt64
	var agenda, minutes sql.NullTime
	err := row.Scan(&m.ID, &m.ForumID, &member, &m.Title, &m.StartsAt, &m.EndsAt, &m.Location, &m.Status,
		&agenda, &m.Minutes, &minutes, &m.Sequence, &m.CreatedAt, &m.UpdatedAt)
	m.MemberID, m.AgendaPublishedAt, m.MinutesPublishedAt = idOf(member), agenda.Time, minutes.Time
	return m, classify(err)
}

// MeetingFilter narrows a meeting list. VisibleTo limits it to meetings a
// member takes part in (with it alone, or with all the forum's members).
type MeetingFilter struct {
	ForumID   int64
	ForumIDs  []int64 // any of these forums (nil: no limit; empty: none)
	VisibleTo int64
	From, To  time.Time // starts at or after From, before To
	Status    governance.MeetingStatus
	Level     org.Level
	Newest    bool // newest first
	Page
}

// ListMeetings returns meetings by start.
func (q *Queries) ListMeetings(ctx context.Context, f MeetingFilter) ([]governance.Meeting, error) {
	var w where
	if f.ForumID != 0 {
		w.add("m.forum_id = ?", f.ForumID)
	}
	if f.ForumIDs != nil {
		if len(f.ForumIDs) == 0 {
			return nil, nil
		}
		w.add("m.forum_id IN (" + placeholders(&w, f.ForumIDs) + ")")
	}
	if f.VisibleTo != 0 {
		w.add("(m.member_id IS NULL OR m.member_id = ?)", f.VisibleTo)
	}
	if !f.From.IsZero() {
		w.add("m.starts_at >= ?", utc(f.From))
	}
	if !f.To.IsZero() {
		w.add("m.starts_at < ?", utc(f.To))
	}
	if f.Status != "" {
		w.add("m.status = ?", f.Status)
	}
	if f.Level != "" {
		w.add("m.forum_id IN (SELECT id FROM forums WHERE level = ?)", f.Level)
	}
	order := "m.starts_at, m.id"
	if f.Newest {
		order = "m.starts_at DESC, m.id DESC"
	}
	if f.After > 0 {
		// Keyset paging on (starts_at, id) through the row the cursor names.
		cmp := ">"
		if f.Newest {
			cmp = "<"
		}
		w.add("(m.starts_at, m.id) "+cmp+" (SELECT starts_at, id FROM meetings WHERE id = ?)", f.After)
	}
	s := `SELECT ` + meetingCols + ` FROM meetings m`
	if len(w.conds) > 0 {
		s += " WHERE " + joinAnd(w.conds)
	}
	s += " ORDER BY " + order
	if f.Limit > 0 {
		s += " LIMIT " + itoa(f.Limit)
	}
	rows, err := q.ex.QueryContext(ctx, s, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []governance.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// GetMeeting reads one meeting.
func (q *Queries) GetMeeting(ctx context.Context, id int64) (governance.Meeting, error) {
	return scanMeeting(q.ex.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.id = $1`, id))
}

// CreateMeeting inserts a meeting.
func (q *Queries) CreateMeeting(ctx context.Context, m governance.Meeting, now time.Time) (governance.Meeting, error) {
	m.CreatedAt, m.UpdatedAt = utc(now), utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO meetings (forum_id, member_id, title, starts_at, ends_at, location, status,
		agenda_published_at, minutes, minutes_published_at, sequence, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
		m.ForumID, nullID(m.MemberID), m.Title, utc(m.StartsAt), utc(m.EndsAt), m.Location, m.Status,
		nullTime(m.AgendaPublishedAt), m.Minutes, nullTime(m.MinutesPublishedAt), m.Sequence, m.CreatedAt).Scan(&m.ID)
	return m, classify(err)
}

// UpdateMeeting writes every field of a meeting.
func (q *Queries) UpdateMeeting(ctx context.Context, m governance.Meeting, now time.Time) (governance.Meeting, error) {
	m.UpdatedAt = utc(now)
	_, err := q.ex.ExecContext(ctx, `UPDATE meetings SET member_id = $1, title = $2, starts_at = $3, ends_at = $4, location = $5,
		status = $6, agenda_published_at = $7, minutes = $8, minutes_published_at = $9, sequence = $10, updated_at = $11 WHERE id = $12`,
		nullID(m.MemberID), m.Title, utc(m.StartsAt), utc(m.EndsAt), m.Location, m.Status, nullTime(m.AgendaPublishedAt),
		m.Minutes, nullTime(m.MinutesPublishedAt), m.Sequence, m.UpdatedAt, m.ID)
	return m, classify(err)
}

// NextMeeting is the first planned meeting of a forum after t with
// member (0: any), or ErrNotFound.
func (q *Queries) NextMeeting(ctx context.Context, forumID, memberID int64, after time.Time) (governance.Meeting, error) {
	return scanMeeting(q.ex.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings m
		WHERE m.forum_id = $1 AND m.status = 'planned' AND m.starts_at > $2 AND ($3 = 0 OR m.member_id IS NULL OR m.member_id = $3)
		ORDER BY m.starts_at, m.id LIMIT 1`, forumID, utc(after), memberID))
}

// PreviousMeeting is the last meeting of a forum held before t, or
// ErrNotFound.
func (q *Queries) PreviousMeeting(ctx context.Context, forumID int64, before time.Time) (governance.Meeting, error) {
	return scanMeeting(q.ex.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings m
		WHERE m.forum_id = $1 AND m.status = 'held' AND m.starts_at < $2 ORDER BY m.starts_at DESC, m.id DESC LIMIT 1`, forumID, utc(before)))
}

// AttendanceRow is one person's attendance at a meeting.
type AttendanceRow struct {
	PersonID int64
	Name     string
	MemberID int64
	Status   governance.Attendance
}

// SetAttendance replaces the attendance of a meeting.
func (q *Queries) SetAttendance(ctx context.Context, meetingID int64, rows []AttendanceRow) error {
	if _, err := q.ex.ExecContext(ctx, `DELETE FROM meeting_attendance WHERE meeting_id = $1`, meetingID); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := q.ex.ExecContext(ctx, `INSERT INTO meeting_attendance (meeting_id, person_id, status) VALUES ($1, $2, $3)`,
			meetingID, r.PersonID, r.Status); err != nil {
			return classify(err)
		}
	}
	return nil
}

// Attendance lists who was at a meeting, by name.
func (q *Queries) Attendance(ctx context.Context, meetingID int64) ([]AttendanceRow, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT a.person_id, p.name, p.member_id, a.status FROM meeting_attendance a
		JOIN people p ON p.id = a.person_id WHERE a.meeting_id = $1 ORDER BY p.name, p.id`, meetingID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AttendanceRow
	for rows.Next() {
		var r AttendanceRow
		var member sql.NullInt64
		if err := rows.Scan(&r.PersonID, &r.Name, &member, &r.Status); err != nil {
			return nil, err
		}
		r.MemberID = idOf(member)
		out = append(out, r)
	}
	return out, rows.Err()
}
