package governance

import (
	"strings"
	"time"
	"unicode/utf8"

	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// Source is where an agenda item or an escalation comes from.
type Source string

const (
	FromSLABreach   Source = "sla_breach"   // a missed SLA target of a case (id: the case)
	FromSLAWarning  Source = "sla_warning"  // a target close to being missed (id: the case)
	FromCase        Source = "case"         // a case
	FromOrder       Source = "order"        // an order for a special or additional service
	FromChange      Source = "change"       // a change request
	FromMeetingItem Source = "meeting_item" // an agenda item of an earlier meeting
	FromEscalation  Source = "escalation"   // an escalation landing on this level
	FromActionItem  Source = "action_item"  // an action item not yet done
)

// EscalationSources are the sources an escalation can start from.
var EscalationSources = []Source{FromSLABreach, FromCase, FromOrder, FromMeetingItem}

// AgendaItem is one point of a meeting's agenda.
type AgendaItem struct {
	ID        int64
	MeetingID int64
	Position  int
	Title     string
	Notes     string
	Source    Source // "" for an item the centre wrote
	SourceID  int64
	MemberID  int64 // the member the item concerns, 0 for all
	CreatedAt time.Time
}

// Normalise validates the item.
func (a AgendaItem) Normalise() (AgendaItem, error) {
	var fs fault.Fields
	a.Title = strings.TrimSpace(a.Title)
	a.Notes = strings.TrimSpace(a.Notes)
	if a.Title == "" {
		fs.Add("title", "required", "a title is required")
	} else if len(a.Title) > 300 {
		fs.Add("title", "too_long", "the title is at most 300 characters")
	}
	if len(a.Notes) > 10000 {
		fs.Add("notes", "too_long", "the notes are at most 10,000 characters")
	}
	return a, fs.Err()
}

// Proposal is something the period since the last meeting brought up
// that could go on the agenda.
type Proposal struct {
	Source   Source
	SourceID int64
	MemberID int64
	Title    string
	Detail   string
	At       time.Time
	Overdue  bool // an action item past its due day
}

// Decision is a decision a meeting recorded, in the decision register.
type Decision struct {
	ID           int64
	MeetingID    int64
	ForumID      int64
	MemberID     int64 // the meeting's member, 0 for all
	AgendaItemID int64
	EscalationID int64 // the escalation the decision closes
	Title        string
	Body         string
	CreatedBy    int64
	CreatedAt    time.Time
}

// Normalise validates the decision.
func (d Decision) Normalise() (Decision, error) {
	var fs fault.Fields
	d.Title = strings.TrimSpace(d.Title)
	d.Body = strings.TrimSpace(d.Body)
	if d.Title == "" {
		fs.Add("title", "required", "a title is required")
	} else if len(d.Title) > 300 {
		fs.Add("title", "too_long", "the title is at most 300 characters")
	}
	if len(d.Body) > 20000 {
		fs.Add("body", "too_long", "the text is at most 20,000 characters")
	}
	return d, fs.Err()
}

// ActionStatus is how far an action item has come.
type ActionStatus string

const (
	Open       ActionStatus = "open"
	InProgress ActionStatus = "in_progress"
	Done       ActionStatus = "done"
)

var ActionStatuses = []ActionStatus{Open, InProgress, Done}

// ActionItem is something a meeting asked someone to do, on either side.
type ActionItem struct {
	ID          int64
	MeetingID   int64
	ForumID     int64
	MemberID    int64 // the meeting's member, 0 for all
	DecisionID  int64
	Title       string
	OwnerID     int64
	DueOn       time.Time
	Status      ActionStatus
	Progress    string
	CompletedAt time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Normalise validates the action item.
func (a ActionItem) Normalise() (ActionItem, error) {
	var fs fault.Fields
	a.Title = strings.TrimSpace(a.Title)
	a.Progress = strings.TrimSpace(a.Progress)
	if a.Title == "" {
		fs.Add("title", "required", "a title is required")
	} else if len(a.Title) > 300 {
		fs.Add("title", "too_long", "the title is at most 300 characters")
	}
	if a.OwnerID == 0 {
		fs.Add("owner_id", "action_owner", "an action item needs an owner, at the centre or at the member")
	}
	if a.DueOn.IsZero() {
		fs.Add("due_on", "required", "the due day is required")
	}
	if a.Status == "" {
		a.Status = Open
	}
	if a.Status != Open && a.Status != InProgress && a.Status != Done {
		fs.Add("status", "action_status", "status must be open, in_progress or done")
	}
	if len(a.Progress) > 5000 {
		fs.Add("progress", "too_long", "the progress note is at most 5,000 characters")
	}
	a.DueOn = Day(a.DueOn)
	return a, fs.Err()
}

// Overdue reports whether the item is not done after its due day.
func (a ActionItem) Overdue(today time.Time) bool {
	return a.Status != Done && Day(today).After(a.DueOn)
}

// Contact is one entry of the contact directory: a member's contact
// person on a level, their role, their deputy and when the member last
// confirmed the entry.
type Contact struct {
	ID         int64
	MemberID   int64
	Level      org.Level
	PersonID   int64
	Title      string // the person's role, e.g. HR-direktör
	DeputyID   int64
	VerifiedAt time.Time
	VerifiedBy int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// VerifyEvery is how often a member must confirm its contact entries.
const VerifyEvery = 12 // months

// Normalise validates the entry.
func (c Contact) Normalise() (Contact, error) {
	var fs fault.Fields
	c.Title = strings.TrimSpace(c.Title)
	if c.MemberID == 0 {
		fs.Add("member_id", "required", "the member is required")
	}
	if !ValidLevel(c.Level) {
		fs.Add("level", "level", "level must be strategic, tactical or operational")
	}
	if c.PersonID == 0 {
		fs.Add("person_id", "required", "the contact person is required")
	}
	if c.DeputyID != 0 && c.DeputyID == c.PersonID {
		fs.Add("deputy_id", "deputy_self", "a person cannot be their own deputy")
	}
	if len(c.Title) > 120 {
		fs.Add("title", "too_long", "the role is at most 120 characters")
	}
	return c, fs.Err()
}

// Stale reports whether the entry has not been confirmed for VerifyEvery
// months.
func (c Contact) Stale(now time.Time) bool {
	return c.VerifiedAt.IsZero() || c.VerifiedAt.Before(now.AddDate(0, -VerifyEvery, 0))
}

// EscalationStatus is where one step of the ladder is.
type EscalationStatus string

const (
	EscalationOpen      EscalationStatus = "open"
	EscalationEscalated EscalationStatus = "escalated" // moved up a level
	EscalationDecided   EscalationStatus = "decided"
	EscalationWithdrawn EscalationStatus = "withdrawn"
)

// ClimbTo decides the level an item escalates to: the given target, or the
// level above the highest step so far (operational for the first). The
// target must be above every step so far.
func ClimbTo(current, target org.Level) (org.Level, error) {
	if target == "" {
		if current == "" {
			return org.Operational, nil
		}
		next, ok := NextLevel(current)
		if !ok {
			return "", fault.Field("level", "escalation_top", "the item is already at the strategic level; it cannot go higher")
		}
		return next, nil
	}
	if !ValidLevel(target) {
		return "", fault.Field("level", "level", "level must be strategic, tactical or operational")
	}
	if current != "" && Rank(target) <= Rank(current) {
		return "", fault.Field("level", "escalation_not_higher", "an escalation goes up the ladder: choose a level above "+string(current))
	}
	return target, nil
}

// MaxReason is how many characters the reason of an escalation step may have.
const MaxReason = 5000

// CheckReason validates the reason of an escalation step.
func CheckReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return reason, fault.Field("reason", "escalation_reason", "say why the item is escalated")
	case utf8.RuneCountInString(reason) > MaxReason:
		return reason, fault.Field("reason", "too_long", "the reason is at most 5,000 characters")
	}
	return reason, nil
}
