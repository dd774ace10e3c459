package governance

import (
	"strings"
	"time"

	"samverkan/internal/fault"
)

// MeetingStatus is where a meeting is: planned, held or cancelled.
type MeetingStatus string

const (
	Planned   MeetingStatus = "planned"
	Held      MeetingStatus = "held"
	Cancelled MeetingStatus = "cancelled"
)

var MeetingStatuses = []MeetingStatus{Planned, Held, Cancelled}

// Meeting is one meeting of a forum.
type Meeting struct {
	ID      int64
	ForumID int64
	// MemberID is the member the meeting is with: the forum's member, or
	// for a forum of all members 0 (all of them) or one of them.
	MemberID           int64
	Title              string
	StartsAt           time.Time
	EndsAt             time.Time
	Location           string
	Status             MeetingStatus
	AgendaPublishedAt  time.Time
	Minutes            string
	MinutesPublishedAt time.Time
	// Sequence counts the changes calendar programs must pick up (RFC 5545).
	Sequence  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalise validates the meeting's own fields.
func (m Meeting) Normalise() (Meeting, error) {
	var fs fault.Fields
	m.Title = strings.TrimSpace(m.Title)
	m.Location = strings.TrimSpace(m.Location)
	if m.ForumID == 0 {
		fs.Add("forum_id", "required", "the forum is required")
	}
	if m.Title == "" {
		fs.Add("title", "required", "a title is required")
	} else if len(m.Title) > 200 {
		fs.Add("title", "too_long", "the title is at most 200 characters")
	}
	if len(m.Location) > 300 {
		fs.Add("location", "too_long", "the place is at most 300 characters")
	}
	if m.StartsAt.IsZero() {
		fs.Add("starts_at", "required", "the start is required")
	}
	switch {
	case m.EndsAt.IsZero():
		fs.Add("ends_at", "required", "the end is required")
	case !m.StartsAt.IsZero() && !m.EndsAt.After(m.StartsAt):
		fs.Add("ends_at", "ends_before_start", "the meeting ends before it starts")
	case !m.StartsAt.IsZero() && m.EndsAt.Sub(m.StartsAt) > 24*time.Hour:
		fs.Add("ends_at", "meeting_too_long", "a meeting lasts at most 24 hours")
	}
	if m.Status == "" {
		m.Status = Planned
	}
	if m.Status != Planned && m.Status != Held && m.Status != Cancelled {
		fs.Add("status", "meeting_status", "status must be planned, held or cancelled")
	}
	if len(m.Minutes) > 100000 {
		fs.Add("minutes", "too_long", "the minutes are at most 100,000 characters")
	}
	return m, fs.Err()
}

// InScope checks that the meeting is within its forum's scope: a forum of
// one member meets only that member.
func (m Meeting) InScope(f Forum) error {
	if m.ForumID != f.ID {
		return fault.Field("forum_id", "meeting_scope", "the meeting belongs to another forum")
	}
	if f.MemberID != 0 && m.MemberID != f.MemberID {
		return fault.Field("member_id", "meeting_scope", "this forum is for one member only; a meeting of it cannot be with another member")
	}
	return nil
}

// Taken reports whether the meeting has taken place by now.
func (m Meeting) Taken(now time.Time) bool {
	return m.Status == Held || (m.Status == Planned && !m.StartsAt.After(now))
}

// Facts is what compliance needs of the meeting.
func (m Meeting) Facts() MeetingFacts {
	return MeetingFacts{StartsAt: m.StartsAt, EndsAt: m.EndsAt, Status: m.Status,
		AgendaPublishedAt: m.AgendaPublishedAt, MinutesPublishedAt: m.MinutesPublishedAt}
}

// Attendance is whether a person was at a meeting.
type Attendance string

const (
	Present Attendance = "present"
	Absent  Attendance = "absent"
	Excused Attendance = "excused"
)

var Attendances = []Attendance{Present, Absent, Excused}

// SurveySize is how many of n participants a survey of percent per cent
// goes to: rounded up, so any share above zero asks at least one.
func SurveySize(n, percent int) int {
	if n <= 0 || percent <= 0 {
		return 0
	}
	return min(n, (n*percent+99)/100)
}

// CheckScore validates a survey answer on the 1–5 scale.
func CheckScore(score int, comment string) error {
	var fs fault.Fields
	if score < 1 || score > 5 {
		fs.Add("score", "survey_score", "answer on the scale 1 to 5")
	}
	if len(comment) > 2000 {
		fs.Add("comment", "too_long", "the comment is at most 2,000 characters")
	}
	return fs.Err()
}
